import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { spawnWatch, waitFor } from './spawn-worker.ts';

/**
 * `factwatch watch` on the embedded database: one worker in-process, driven by node-cron,
 * stopped with SIGTERM. Always PGlite (DATABASE_URL removed), whatever backend the suite runs on.
 */
// Always the embedded database (DATABASE_URL removed), whatever backend the suite runs on: the
// PostgreSQL run would repeat it exactly, so it runs in the embedded run only.
describe.runIf(!process.env.DATABASE_URL)('factwatch watch on the embedded database', () => {
  let server: PageServer;
  let dir: string;
  const env = { DATABASE_URL: undefined, FACTWATCH_LOG_LEVEL: 'error' };

  beforeAll(async () => {
    server = await startPageServer();
    for (const id of ['a', 'b']) {
      server.setRoute(`/${id}`, { body: `<!doctype html><html lang="en"><head><title>${id}</title></head><body><main><h1>Page ${id}</h1><p>Trade was €${id === 'a' ? 3 : 4} million in 2016.</p></main></body></html>` });
    }
    dir = await mkdtemp(join(tmpdir(), 'fw-watch-embedded-'));
    await writeFile(
      join(dir, 'factwatch.config.json'),
      JSON.stringify({
        sources: ['a', 'b'].map((id) => ({ id, url: server.url(`/${id}`), schedule: '*/2 * * * * *', notify: ['file'] })),
        channels: { file: { type: 'file', path: 'changes.jsonl' } },
        fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 },
      }),
    );
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('checks on schedule, delivers, and stops cleanly on SIGTERM with exit code 0', async () => {
    const w = spawnWatch(['--tick', '* * * * * *', '--worker-id', 'solo'], { cwd: dir, env });
    // The first round captures both pages; later rounds find them unchanged.
    await waitFor('two rounds with checks', async () => w.lines.filter((l) => /\d+ checked/.test(l)).length >= 2, 40_000);
    w.child.kill('SIGTERM');
    const exit = await w.exited;
    expect(exit.code, w.stderr()).toBe(0);
    expect(w.lines[0]).toMatch(/on the embedded database, 2 sources/);
    expect(w.lines.at(-1)).toMatch(/stopped/);

    const status = await runCli(['status', '--json'], { cwd: dir, env });
    expect(status.code, status.stderr).toBe(0);
    const rows = JSON.parse(status.stdout) as Array<{ source: string; lastOutcome: string; leaseHolder: string | null; nextDueAt: string; lastChangeAt: string | null }>;
    expect(rows.map((r) => r.source)).toEqual(['a', 'b']);
    for (const r of rows) {
      expect(r.leaseHolder).toBeNull();
      expect(['new', 'unchanged']).toContain(r.lastOutcome);
      expect(new Date(r.nextDueAt).getUTCSeconds() % 2).toBe(0);
      expect(r.lastChangeAt).not.toBeNull();
    }

    const deliveries = await runCli(['deliveries', '--json'], { cwd: dir, env });
    const list = JSON.parse(deliveries.stdout) as Array<{ id: number; state: string; changeId: number }>;
    expect(list.map((d) => d.state)).toEqual(['delivered', 'delivered']);
    const lines = (await readFile(join(dir, 'changes.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { key: string }).key).sort()).toEqual(list.map((d) => String(d.changeId)).sort());

    const retry = await runCli(['deliveries', 'retry', String(list[0]!.id)], { cwd: dir, env });
    expect(retry.code, retry.stderr).toBe(0);
    const again = JSON.parse((await runCli(['deliveries', '--json', '--state', 'pending'], { cwd: dir, env })).stdout) as Array<{ id: number }>;
    expect(again.map((d) => d.id)).toEqual([list[0]!.id]);
  }, 90_000);

  it('refuses bad options and unknown deliveries with exit code 2', async () => {
    expect((await runCli(['watch', '--lease', '0'], { cwd: dir, env })).code).toBe(2);
    expect((await runCli(['deliveries', 'retry', '424242'], { cwd: dir, env })).code).toBe(2);
    expect((await runCli(['deliveries', '--state', 'lost'], { cwd: dir, env })).code).toBe(2);
  }, 60_000);
});
