import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { backend } from '../helpers/test-db.ts';
import { spawnFactwatch, waitFor } from '../watch/spawn-worker.ts';
import { createCliEnv, type CliEnv } from './cli-env.ts';
import { expectOneHistory } from './history-invariants.ts';

/**
 * A user's history must not depend on how many factwatch processes run at once (issue 13). Real
 * OS processes of the real CLI, on this run's backend; the assertions are exact row counts.
 */
describe(`overlapping factwatch processes (${backend})`, () => {
  let cli: CliEnv | null = null;
  afterEach(async () => {
    await cli?.close();
    cli = null;
  });

  it('two `check --all` at once store every content once: one version, one change, one delivery each', async () => {
    const n = 40;
    cli = await createCliEnv('ov', n);
    const run = () => runCli(['check', '--all', '--json'], { cwd: cli!.dir, env: cli!.env });
    const [a, b] = await Promise.all([run(), run()]);
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    // Both passes report every source: one stored it, the other found it unchanged.
    for (const r of [a, b]) expect((JSON.parse(r.stdout) as unknown[]).length).toBe(n);
    let db = await cli.open();
    await expectOneHistory(db.db, 'ov', n, () => 1, 1);
    await db.close();

    // Half the pages are revised; two passes again.
    for (let i = 0; i < n; i += 2) cli.serve(i, 1);
    const [c, d] = await Promise.all([run(), run()]);
    expect([c.code, d.code], `${c.stderr}\n${d.stderr}`).toEqual([0, 0]);
    const outcomes = [c, d].flatMap((r) => (JSON.parse(r.stdout) as Array<{ source: string; outcome: string }>).filter((x) => x.outcome === 'changed'));
    expect(outcomes).toHaveLength(n / 2);
    db = await cli.open();
    await expectOneHistory(db.db, 'ov', n, (i) => (i % 2 === 0 ? 2 : 1), 1);
    await db.close();
  }, 120_000);

  it('a pass whose process is killed with SIGKILL mid-way is completed by the next run, with nothing twice', async () => {
    const n = 60;
    cli = await createCliEnv('kill', n);
    for (let i = 0; i < n; i++) cli.serve(i, 0, { delayMs: 150 });
    const check = spawnFactwatch(['check', '--all'], { cwd: cli.dir, env: cli.env });
    await waitFor('a third of the pages fetched', async () => cli!.server.requests.length >= n / 3, 60_000, 20);
    check.child.kill('SIGKILL');
    await check.exited;
    for (let i = 0; i < n; i++) cli.serve(i, 0);
    // The owner died without a word: the next process takes the data directory over and finishes the pass.
    const rerun = await runCli(['check', '--json'], { cwd: cli.dir, env: cli.env });
    expect(rerun.code, rerun.stderr).toBe(0);
    const db = await cli.open();
    await expectOneHistory(db.db, 'kill', n, () => 1, 1);
    await db.close();
  }, 120_000);
});
