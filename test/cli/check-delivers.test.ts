import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { runCli } from '../helpers/run-cli.ts';

/**
 * `check` sends what is due after its pass (issue 17: only `watch` did, so a cron user got no
 * notifications and nothing said so); `--no-deliver` leaves it queued for the next run. Always
 * the embedded database: the PostgreSQL run would repeat it exactly.
 */
describe.runIf(!process.env.DATABASE_URL)('factwatch check delivers', () => {
  let server: PageServer;
  let dir: string;
  const env = { DATABASE_URL: undefined, FACTWATCH_LOG_LEVEL: 'error' };
  const page = (million: number) => `<!doctype html><html lang="en"><head><title>a</title></head><body><main><h1>Page a</h1><p>Trade was €${million} million in 2016.</p></main></body></html>`;
  const sent = async () => (await readFile(join(dir, 'changes.jsonl'), 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');
  const check = (...args: string[]) => runCli(['check', '--all', ...args], { cwd: dir, env });

  beforeAll(async () => {
    server = await startPageServer();
    server.setRoute('/a', { body: page(3) });
    dir = await mkdtemp(join(tmpdir(), 'fw-check-delivers-'));
    await writeFile(
      join(dir, 'factwatch.config.json'),
      JSON.stringify({
        sources: [{ id: 'a', url: server.url('/a'), notify: ['file'] }],
        channels: { file: { type: 'file', path: 'changes.jsonl' } },
        fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 },
      }),
    );
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sends the notifications of its pass, keeps them queued with --no-deliver, and sends them on the next run', async () => {
    const first = await check();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^a: new$/m);
    expect(first.stdout).toMatch(/^notifications: 1 sent, 0 to retry, 0 failed for good/m);
    expect(await sent()).toHaveLength(1);

    server.setRoute('/a', { body: page(4) });
    const quiet = await check('--no-deliver');
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).toMatch(/^a: changed$/m);
    expect(quiet.stdout).not.toMatch(/notifications:/);
    expect(await sent()).toHaveLength(1);
    const pending = JSON.parse((await runCli(['deliveries', '--json', '--state', 'pending'], { cwd: dir, env })).stdout) as unknown[];
    expect(pending).toHaveLength(1);

    // Nothing changed since, and the queued notification goes out; stdout stays one JSON document.
    const json = await check('--json');
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as Array<{ outcome: string }>).map((r) => r.outcome)).toEqual(['unchanged']);
    expect(json.stderr).toMatch(/notifications: 1 sent/);
    expect(await sent()).toHaveLength(2);

    const nothing = await check();
    expect(nothing.stdout).not.toMatch(/notifications:/);
    expect(await sent()).toHaveLength(2);
  }, 120_000);

  it('says in --help what it sends', async () => {
    const help = await runCli(['check', '--help']);
    expect(help.stdout).toMatch(/--no-deliver/);
    expect(help.stdout).toMatch(/sends what is due on the configured channels/);
  });
});
