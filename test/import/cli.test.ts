import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { NEW_URL, OLD_URL, startArchiveServer, type ArchiveServer } from './archive-server.ts';

/**
 * The real `factwatch import wayback` against the local archive. Embedded PGlite in a temp
 * directory on both runs (the in-process tests cover PostgreSQL); piped stdout, so one JSON line
 * per capture and a summary line.
 */
describe('factwatch import wayback (CLI)', () => {
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
    expect(out.at(-1)).toEqual({ type: 'summary', seen: 10, imported: 3, identical: 5, skipped: 2, failed: 0, doneBefore: 0 });

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
  });

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
