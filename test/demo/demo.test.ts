import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { runDemo } from '../../src/demo/run-demo.ts';
import { loadReportMetas } from '../../src/report/load-report-meta.ts';
import { renderHtml, renderJson, renderMarkdown, renderText } from '../../src/report/index.ts';
import { getChange, listChanges } from '../../src/store/index.ts';
import { openDatabase, type DatabaseHandle } from '../../src/store/open-database.ts';
import { createWebApp } from '../../src/web/create-app.ts';
import { buildHostPolicy } from '../../src/web/host-allow-list.ts';
import { runCli } from '../helpers/run-cli.ts';

const REAL_URL = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/';
const MOVED_URL = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea-65083/';
/** What must never show: the replay server is only the transport. */
const LOOPBACK = /127\.0\.0\.1|localhost|\[::1\]/;
/** The one loopback address the demo may print: where `factwatch serve` will listen, in its instructions. */
const SERVE_HINT = /then open http:\/\/127\.0\.0\.1:8080\/changes/g;

/**
 * The demo is what a newcomer sees first (`npm start`): the real pipeline over the recorded
 * revisions, c. 2015 (an excerpt) → 5 July 2017 → 26 October 2017 → May 2020.
 */
// Always the embedded database (DATABASE_URL removed), whatever backend the suite runs on: the
// PostgreSQL run would repeat it exactly, so it runs in the embedded run only.
describe.runIf(!process.env.DATABASE_URL)('demo', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'fw-demo-'));
  let out = '';
  let changes = 0;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    ({ changes } = await runDemo({ dataDir: '.factwatch-demo', cwd, color: false, write: (t) => (out += t), log: silentLogger() }));
    handle = await openDatabase({ dataDir: resolve(cwd, '.factwatch-demo') });
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('opens with the point: the trade figure with its delta, the French company count 1 → 0, the debt gone, the EU section of 2017, then how to go on', () => {
    const [headline] = out.split('The full reports follow.');
    const lines = headline!.split('\n');
    // A first screen, not a scroll.
    expect(lines.length).toBeLessThan(40);
    expect(headline).toContain('~ Trade between France and North Korea: €6.4 million (2014) → €8.2 million (2016)  (+€1.8 million, +28.1%)');
    expect(headline).toMatch(/- North Korea owes France debt: €400 million/);
    // "One French company is represented" → "There are no French companies working": a count, 1 → 0.
    expect(headline).toContain('~ French companies in the country: 1 → 0  (-1, -100%)');
    expect(headline).toContain('+ new section: Relations with the European Union (19 figures)');
    expect(headline).toMatch(/EXCERPT/);
    // The c. 2015 change comes first, before 2017's and 2020's.
    const order = ['c. 2015 (excerpt) → 5 July 2017', '5 July 2017 → 26 October 2017', '26 October 2017 → May 2020'].map((s) => headline!.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(headline!.indexOf('Trade between France')).toBeLessThan(order[1]!);
    expect(headline).toMatch(/npx factwatch --data-dir \.factwatch-demo serve/);
    expect(headline).toMatch(/npx factwatch sources add https:\/\/\S+ --id \S+/);
  });

  it('prints the reports in order: first capture, a quiet check, then three changes', () => {
    expect(changes).toBe(4);
    const reports = out.split(/\n=== /).slice(1);
    expect(reports).toHaveLength(5);
    const [first, quiet, july, october, may] = reports as [string, string, string, string, string];
    expect(first).toMatch(/check: new/);
    expect(first).toMatch(/first capture/i);
    expect(first).toMatch(/EXCERPT/);
    expect(quiet).toMatch(/check: (not_modified|unchanged)/);
    expect(july).toMatch(/check: changed/);
    expect(july).toMatch(/Figures changed \(2\)\n {2}Economic relations\n {4}~ Trade between France and North Korea: €6\.4 million \(2014\) → €8\.2 million \(2016\) \(\+€1\.8 million, \+28\.1%\)\n {4}~ French companies in the country: 1 → 0 \(-1, -100%\)/);
    expect(october).toMatch(/check: changed/);
    expect(october).toContain('Relations with the European Union');
    expect(october).toMatch(/5 July 2017 → 26 October 2017/);
    expect(october).not.toMatch(/removed/i);
    expect(may).toMatch(/check: changed/);
    expect(may).toContain(`Page moved: ${REAL_URL} → ${MOVED_URL}`);
    expect(may).toMatch(/9 March 2020|2020-03-09/);
  });

  it('stores the first change with the trade figure and the company count changed (not removed + added), their deltas, and the debt removed', async () => {
    const [oldest] = (await listChanges(handle.db, { sourceId: 'france-north-korea' })).filter((c) => c.fromVersion === 1);
    const change = (await getChange(handle.db, oldest!.id))!.change!;
    const trade = change.figures.changed.find((c) => c.from.raw === '€6.4 million');
    expect(trade?.to).toMatchObject({ raw: '€8.2 million', value: 8_200_000, period: '2016', section: 'Economic relations' });
    expect(trade?.from).toMatchObject({ value: 6_400_000, period: '2014' });
    expect(trade?.delta?.absolute).toBeCloseTo(1_800_000);
    expect(change.figures.added.some((f) => f.raw.includes('8.2'))).toBe(false);
    expect(change.figures.removed.some((f) => f.raw.includes('6.4'))).toBe(false);
    expect(change.figures.removed.find((f) => f.value === 400_000_000)?.sentence).toMatch(/owes France debt/);
    const companies = change.figures.changed.find((c) => c.from.raw === 'One French company');
    expect(companies?.from).toMatchObject({ kind: 'count', value: 1, section: 'Economic relations' });
    expect(companies?.to).toMatchObject({ kind: 'count', value: 0, raw: 'no French companies', section: 'Economic relations' });
    expect(companies?.delta).toEqual({ absolute: -1, relative: -1 });
  });

  it('shows only the real URLs: printed output, stored versions, every report format', async () => {
    expect(out.replace(SERVE_HINT, '')).not.toMatch(LOOPBACK);
    expect(out).toContain(REAL_URL);

    const rows = await listChanges(handle.db, { sourceId: 'france-north-korea' });
    expect(rows).toHaveLength(4);
    const loaded = await loadReportMetas(handle.db, rows.map((r) => r.id));
    for (const { row, meta } of loaded.values()) {
      for (const rendered of [
        renderText(row.change, meta),
        renderMarkdown(row.change, meta),
        renderHtml(row.change, meta),
        JSON.stringify(renderJson(row.change, meta)),
      ]) {
        expect(rendered).not.toMatch(LOOPBACK);
        expect(rendered).toContain('https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea');
      }
    }

    const env = { DATABASE_URL: undefined };
    const history = await runCli(['--data-dir', '.factwatch-demo', 'history', 'france-north-korea', '--json'], { cwd, env });
    expect(history.code, history.stderr).toBe(0);
    const versions = JSON.parse(history.stdout) as Array<{ url: string }>;
    expect(versions.map((v) => v.url)).toEqual([REAL_URL, REAL_URL, REAL_URL, MOVED_URL]);

    const show = await runCli(['--data-dir', '.factwatch-demo', 'show', 'france-north-korea', '--at', '2018-01-01'], { cwd, env });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(REAL_URL);
    expect(show.stdout).not.toMatch(LOOPBACK);
  });

  it('shows only the real URLs in every UI page and feed of the demo history', async () => {
    const app = createWebApp({
      db: handle.db,
      clock: new ManualClock('2024-01-01T00:00:00Z'),
      log: silentLogger(),
      token: null,
      // The UI's own links are on its public name, so any loopback address left is the page's.
      hostPolicy: buildHostPolicy({ publicUrl: 'https://factwatch.example.org' }),
    });
    const get = async (path: string) => {
      const res = await app.request(`https://factwatch.example.org${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      return { type: res.headers.get('content-type') ?? '', body: await res.text() };
    };
    // Every page reachable from the home page (bounded), then the feeds and the API.
    const seen = new Set<string>();
    const queue = ['/'];
    while (queue.length > 0 && seen.size < 300) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const { type, body } = await get(path);
      expect(body, path).not.toMatch(LOOPBACK);
      if (!type.includes('html')) continue;
      for (const [, href] of body.matchAll(/href="(\/[^"#]*)"/g)) {
        const next = href!.replace(/&amp;/g, '&');
        if (!next.startsWith('/assets/') && !seen.has(next)) queue.push(next);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
    expect([...seen]).toEqual(expect.arrayContaining(['/changes', '/sources/france-north-korea', '/feed.xml']));
    expect([...seen].filter((p) => /^\/changes\/\d+$/.test(p))).toHaveLength(4);
    const change = await get('/changes/2');
    expect(change.body).toContain(REAL_URL);
    for (const path of ['/feed.xml', '/sources/france-north-korea/feed.xml', '/api/changes', '/api/sources/france-north-korea/versions']) {
      const { body } = await get(path);
      expect(body, path).not.toMatch(LOOPBACK);
    }
    expect((await get('/api/sources/france-north-korea/versions')).body).toContain(MOVED_URL);
  });
});
