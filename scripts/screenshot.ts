/**
 * Refreshes `docs/change-page.png`, the change page shown in the README and docs/review-ui.md,
 * from the demo's history: `npm run screenshot`.
 *
 * Reproducible: it runs the demo (the recorded revisions, a stepped clock) into a scratch data
 * directory, serves the review UI on 127.0.0.1 with a fixed clock, and has Debian's Chromium
 * (`/usr/bin/chromium`, or CHROMIUM_PATH) photograph the first change — c. 2015 → 5 July 2017,
 * bilateral trade €6.4 million (2014) → €8.2 million (2016) — at a fixed viewport, from the top
 * down to the end of its figure table. The browser
 * may request nothing but that server. Nothing is left behind but the picture.
 *
 * Options: `--change N` (default 2: the first change after the first capture), `--out PATH`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { ManualClock } from '../src/app/clock.ts';
import { packagePath } from '../src/app/package-path.ts';
import { silentLogger } from '../src/app/log.ts';
import { runDemo } from '../src/demo/run-demo.ts';
import { openDatabase } from '../src/store/open-database.ts';
import { startWebServer } from '../src/web/start-server.ts';

const { values } = parseArgs({ options: { change: { type: 'string', default: '2' }, out: { type: 'string' } } });
const change = Number(values.change);
if (!Number.isInteger(change) || change < 1) throw new Error(`--change must be a change number, not "${values.change}"`);
const out = resolve(values.out ?? packagePath('docs/change-page.png'));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const scratch = mkdtempSync(join(tmpdir(), 'fw-screenshot-'));
try {
  await runDemo({ dataDir: 'demo', cwd: scratch, color: false, write: () => undefined, log: silentLogger() });
  const handle = await openDatabase({ dataDir: join(scratch, 'demo') });
  const server = await startWebServer(
    { db: handle.db, clock: new ManualClock('2020-07-01T08:00:00Z'), log: silentLogger(), token: null },
    { host: '127.0.0.1', port: 0 },
  );
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    const res = await page.goto(`${server.url}/changes/${change}`);
    if (res?.status() !== 200) throw new Error(`/changes/${change} answered ${res?.status()}`);
    // Down to the end of the figure table (the point of the page), not the whole word diff; the
    // whole page if the table is not there (the UI changed).
    const table = await page.locator('#figures').first().boundingBox().catch(() => null);
    const clip = table ? { x: 0, y: 0, width: 1280, height: Math.ceil(table.y + table.height + 32) } : undefined;
    await page.screenshot({ path: out, fullPage: true, ...(clip ? { clip } : {}) });
    process.stdout.write(`wrote ${out}\n`);
  } finally {
    await browser.close();
    await server.close();
    await handle.close();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
