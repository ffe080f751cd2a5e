import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revisionHtml } from '../helpers/snapshots.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';
import { NEW_URL, OLD_URL, startArchiveServer, type ArchiveServer } from './archive-server.ts';
import { rawRecord } from './hostile-warc.ts';

/**
 * The real `factwatch import wayback` against the local archive. Embedded PGlite in a temp
 * directory on both runs (the in-process tests cover PostgreSQL); piped stdout, so one JSON line
 * per capture and a summary line.
 */
// Always the embedded database (DATABASE_URL removed), whatever backend the suite runs on: the
// PostgreSQL run would repeat it exactly, so it runs in the embedded run only.
describe.runIf(!process.env.DATABASE_URL)('factwatch import wayback (CLI)', () => {
  let archive: ArchiveServer;
  let dir: string;
  const env = { DATABASE_URL: undefined, FACTWATCH_LOG_LEVEL: 'error' };

  beforeAll(async () => {
    archive = await startArchiveServer();
    dir = await mkdtemp(join(tmpdir(), 'factwatch-import-cli-'));
    const source = { id: 'france-north-korea', url: NEW_URL, aliases: [OLD_URL] };
    await writeFile(join(dir, 'factwatch.config.json'), JSON.stringify({ sources: [source], fetch: { allowNetworks: ['127.0.0.0/8'] } }));
    await writeFile(join(dir, 'strict.config.json'), JSON.stringify({ sources: [source] }));
  });
  afterAll(async () => {
    await archive?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const importArgs = (config: string, dataDir: string) =>
    ['--config', join(dir, config), '--data-dir', join(dir, dataDir), 'import', 'wayback', 'france-north-korea', '--archive-url', archive.url, '--rate', '5'];

  function lines(stdout: string): Array<Record<string, unknown>> {
    return stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  it('prints a JSON line per capture and a summary, stores the three revisions, and adds nothing when run again', async () => {
    const first = await runCli(importArgs('factwatch.config.json', 'db'), { cwd: dir, env });
    expect(first.code, first.stderr).toBe(0);
    const out = lines(first.stdout);
    const captures = out.filter((l) => l.type === 'capture');
    expect(captures).toHaveLength(10);
    expect(captures.filter((c) => c.outcome === 'imported').map((c) => c.capturedAt)).toEqual([
      '2017-07-12T08:30:00.000Z',
      '2017-10-30T09:15:00.000Z',
      '2020-06-12T10:10:10.000Z',
    ]);
    expect(out.at(-1)).toEqual({ type: 'summary', seen: 10, imported: 3, identical: 5, skipped: 2, failed: 0, refused: 0, doneBefore: 0, unrelated: 0, notes: [] });

    const history = await runCli(['--config', join(dir, 'factwatch.config.json'), '--data-dir', join(dir, 'db'), 'history', 'france-north-korea', '--json'], { cwd: dir, env });
    expect(history.code, history.stderr).toBe(0);
    expect((JSON.parse(history.stdout) as Array<{ version: number; updated: string }>).map((v) => [v.version, v.updated])).toEqual([
      [1, '2017-07-05'],
      [2, '2017-10-26'],
      [3, '2020-05'],
    ]);

    const second = await runCli(importArgs('factwatch.config.json', 'db'), { cwd: dir, env });
    expect(second.code, second.stderr).toBe(0);
    expect(lines(second.stdout).at(-1)).toMatchObject({ imported: 0, identical: 0, doneBefore: 8 });
  }, 90_000); // three fresh processes, each opening the embedded store: ~10 s idle, 30+ s on a loaded CI machine

  it('refuses the loopback archive when the configuration does not allow it (exit 1)', async () => {
    const r = await runCli(importArgs('strict.config.json', 'db'), { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/127\.0\.0\.1/);
  });

  it('rejects a rate above a few requests per second (exit 2)', async () => {
    const r = await runCli([...importArgs('factwatch.config.json', 'db-rate'), '--rate', '50'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--rate/);
  });
});

/**
 * `factwatch import warc` on files that are not what they claim. Each run gets a deadline:
 * one of these inputs used to spin the process forever (warcio's skip of a record the file
 * ends inside), and a test must fail on that, not hang with it.
 */
describe.runIf(!process.env.DATABASE_URL)('factwatch import warc on hostile files (CLI)', () => {
  let dir: string;
  const env = { DATABASE_URL: undefined, FACTWATCH_LOG_LEVEL: 'error', NO_COLOR: '1' };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'factwatch-import-warc-cli-'));
    await writeFile(join(dir, 'factwatch.config.json'), JSON.stringify({ sources: [{ id: 'nk', url: OLD_URL }] }));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function importWarc(file: string, deadlineMs = 45_000): Promise<CliResult> {
    const args = ['--config', join(dir, 'factwatch.config.json'), '--data-dir', join(dir, `db-${randomBytes(4).toString('hex')}`), 'import', 'warc', file, '--json'];
    return runCli(args, { cwd: dir, env, timeoutMs: deadlineMs });
  }

  it('exits 1 with one clear line for a file that is not WARC', async () => {
    const file = join(dir, 'random.warc.gz');
    await writeFile(file, randomBytes(32 * 1024));
    const r = await importWarc(file);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([`factwatch: ${file}: not a WARC file (it does not begin with "WARC/")`]);
  }, 60_000);

  it('imports the records before a cut inside a record of another site, then exits 1 saying where the file ends', async () => {
    const whole = Buffer.concat([
      rawRecord({ uri: OLD_URL, date: '2017-07-12T00:00:00Z', body: revisionHtml('2017-07-05') }),
      rawRecord({ uri: 'https://other.test/', date: '2017-07-13T00:00:00Z', body: '<p>other</p>'.repeat(200) }),
    ]);
    const file = join(dir, 'cut.warc');
    await writeFile(file, whole.subarray(0, whole.length - 1000));
    const r = await importWarc(file);
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout.trim().split('\n')[0]!)).toMatchObject({ type: 'capture', outcome: 'imported' });
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^factwatch: .*cut\.warc: record 2 \(https:\/\/other\.test\/\): the file ends \d+ bytes before the end of this record \(truncated\)$/),
    ]);
  }, 60_000);
});
