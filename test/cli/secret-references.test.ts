import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { runCli } from '../helpers/run-cli.ts';

const API_KEY = 'k3y-5ecr3t-9f2a71c0';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * A source URL that carries a secret by reference (`?key=${API_KEY}`) is requested with the
 * value, but every stored row, every line printed and every log line shows the reference — even
 * when the page redirects to a URL that repeats the key.
 */
// Always the embedded database (DATABASE_URL removed), whatever backend the suite runs on: the
// PostgreSQL run would repeat it exactly, so it runs in the embedded run only.
describe.runIf(!process.env.DATABASE_URL)('secrets in source URLs stay references (CLI, embedded database)', () => {
  let dir: string;
  let pages: PageServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fw-secret-'));
    pages = await startPageServer();
    pages.setRoute(`/data?key=${API_KEY}`, { status: 302, headers: { location: `/data/2024?key=${API_KEY}` } });
    pages.setRoute(`/data/2024?key=${API_KEY}`, {
      body: '<!doctype html><html lang="en"><head><title>Data</title></head><body><main><h1>Data</h1><p>Aid reached €5 million in 2016.</p></main></body></html>',
    });
    await writeFile(
      join(dir, 'factwatch.config.json'),
      JSON.stringify({
        sources: [{ id: 'keyed', url: `${pages.origin}/data?key=\${API_KEY}`, profile: 'generic' }],
        fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0, robots: false },
      }),
    );
  });
  afterAll(async () => {
    await pages?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('fetches with the value and stores, prints and logs only the reference', async () => {
    const env = { DATABASE_URL: undefined, FACTWATCH_DATA_DIR: join(dir, 'db'), API_KEY, FACTWATCH_LOG_LEVEL: 'debug' };
    const check = await runCli(['check', '--all', '--json'], { cwd: dir, env });
    expect(check.code, check.stderr).toBe(0);
    expect(pages.requests.map((r) => r.path)).toContain(`/data?key=${API_KEY}`);
    const [result] = JSON.parse(check.stdout) as Array<{ outcome: string; url: string }>;
    expect(result).toMatchObject({ outcome: 'new', url: `${pages.origin}/data/2024?key=\${API_KEY}` });
    expect(check.stderr).toContain('redirect'); // the debug log line is there, with the reference
    expect(check.stderr).not.toContain(API_KEY);

    const history = await runCli(['history', 'keyed', '--json'], { cwd: dir, env });
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toContain('?key=${API_KEY}');
    const status = await runCli(['status'], { cwd: dir, env });
    for (const out of [history.stdout, status.stdout, history.stderr, status.stderr]) expect(out).not.toContain(API_KEY);

    // Nothing on disk holds the value: not sources.url, source_urls, versions.url nor the WAL.
    const needle = Buffer.from(API_KEY);
    const leaks: string[] = [];
    for (const file of await filesUnder(join(dir, 'db'))) {
      if ((await stat(file)).size > 64 * 1024 * 1024) continue;
      if ((await readFile(file)).includes(needle)) leaks.push(file);
    }
    expect(leaks).toEqual([]);
  });
});
