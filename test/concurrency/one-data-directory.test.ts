import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runCli, runShell } from '../helpers/run-cli.ts';
import { spawnFactwatch, waitFor, type WorkerProcess } from '../watch/spawn-worker.ts';
import { createCliEnv, type CliEnv } from './cli-env.ts';
import { expectOneHistory, historyCounts } from './history-invariants.ts';

/**
 * Several factwatch commands on ONE embedded data directory, as a user opens terminals (issue 13):
 * the first process owns the directory and every other command talks to it; when the owner stops,
 * the next command takes over. Embedded only: on PostgreSQL the server is the owner.
 */
describe.runIf(!process.env.DATABASE_URL)('one embedded data directory, many processes', () => {
  let cli: CliEnv | null = null;
  const running: WorkerProcess[] = [];
  afterEach(async () => {
    for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(running.map((p) => p.exited));
    running.length = 0;
    await cli?.close();
    cli = null;
  });
  const start = (args: string[]) => {
    const p = spawnFactwatch(args, { cwd: cli!.dir, env: cli!.env });
    running.push(p);
    return p;
  };

  it('`watch`, `serve`, `history` and a second `check` share one history while pages change; stopping the owner hands over', async () => {
    const n = 12;
    cli = await createCliEnv('dir', n);
    const watch = start(['watch', '--tick', '* * * * * *', '--json']);
    await waitFor('watch to own the directory', async () => watch.lines.some((l) => l.includes('"started"')), 60_000, 100);
    const serve = start(['serve', '--port', '0']);
    await waitFor('serve to listen', async () => serve.lines.some((l) => l.includes('serving the review UI')), 60_000, 100);
    const uiUrl = /on (http:\/\/\S+?)\/ /.exec(serve.lines.find((l) => l.includes('serving'))!)![1]!;
    const countVersions = async () => {
      const r = await runCli(['history', 'dir0', '--json'], { cwd: cli!.dir, env: cli!.env });
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as unknown[]).length;
    };
    await waitFor('every page captured by watch', async () => (await apiSources(uiUrl)).every((s) => s.lastOutcome !== null), 60_000, 250);
    expect(await countVersions()).toBe(1);

    // The pages are revised; watch (on its 2-second schedule) and a hand-run check race to store them.
    for (let i = 0; i < n; i++) cli.serve(i, 1);
    const check = await runCli(['check', '--all', '--json'], { cwd: cli.dir, env: cli.env });
    expect(check.code, check.stderr).toBe(0);
    await waitFor('the revision seen through serve', async () => (await apiVersions(uiUrl, 'dir0')) === 2, 30_000, 250);
    expect(await countVersions()).toBe(2);

    // The owner stops: serve takes the directory over and keeps answering.
    watch.child.kill('SIGTERM');
    expect((await watch.exited).code, watch.stderr()).toBe(0);
    await waitFor('serve answering as the new owner', async () => (await apiVersions(uiUrl, 'dir0').catch(() => -1)) === 2, 30_000, 250);
    expect(await countVersions()).toBe(2);
    serve.child.kill('SIGTERM');
    expect((await serve.exited).code, serve.stderr()).toBe(0);

    const db = await cli.open();
    await expectOneHistory(db.db, 'dir', n, () => 2, 1);
    expect((await historyCounts(db.db, 'dir')).versions).toBe(2 * n);
    await db.close();
  }, 180_000);

  it('`status --json` with 2,000 sources reaches a slow reader whole, and `… --json | head -c 1` ends quietly', async () => {
    cli = await createCliEnv('st', 2000);
    // A check of one source syncs all 2,000 into the database.
    const one = await runCli(['check', 'st0'], { cwd: cli.dir, env: cli.env });
    expect(one.code, one.stderr).toBe(0);
    const piped = await shell(`node ${JSON.stringify(BIN)} status --json | (sleep 1; cat)`, cli);
    expect(piped.code, piped.stderr).toBe(0);
    const rows = JSON.parse(piped.stdout) as unknown[];
    expect(rows).toHaveLength(2000);
    expect(piped.stdout.length).toBeGreaterThan(65_536);
    const head = await shell(`node ${JSON.stringify(BIN)} status --json | head -c 1; echo " exit=\${PIPESTATUS[0]}"`, cli);
    expect(head.stdout).toBe('[ exit=0\n');
    expect(head.stderr).toBe('');
  }, 180_000);
});

async function apiSources(base: string): Promise<Array<{ id: string; lastOutcome: string | null }>> {
  const res = await fetch(`${base}/api/sources`);
  if (!res.ok) throw new Error(`GET /api/sources: ${res.status}`);
  const body = (await res.json()) as { sources?: Array<{ id: string; lastOutcome: string | null }> } | Array<{ id: string; lastOutcome: string | null }>;
  return Array.isArray(body) ? body : (body.sources ?? []);
}

async function apiVersions(base: string, id: string): Promise<number> {
  const res = await fetch(`${base}/api/sources/${id}/versions`);
  if (!res.ok) throw new Error(`GET versions: ${res.status}`);
  const body = (await res.json()) as unknown[] | { versions: unknown[] };
  return Array.isArray(body) ? body.length : body.versions.length;
}

function shell(command: string, cli: CliEnv) {
  return runShell(command, { cwd: cli.dir, env: cli.env });
}
