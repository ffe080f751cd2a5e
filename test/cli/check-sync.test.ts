import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSources } from '../../src/config/resolve-source.ts';
import type { RawConfig } from '../../src/config/schema.ts';
import { executeRows } from '../../src/store/execute-rows.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { runCli } from '../helpers/run-cli.ts';

const N = 400;

/**
 * `factwatch check` with nothing due must not rewrite every source row (with 100,000 sources it
 * spent 86 s doing so): it writes only the sources whose configuration changed. Measured by
 * count, not by the clock — PostgreSQL gives every written row version a new `xmin`, so the rows
 * whose `xmin` moved are exactly the rows the command wrote.
 */
// Always the embedded database (DATABASE_URL removed), whatever backend the suite runs on: the
// PostgreSQL run would repeat it exactly, so it runs in the embedded run only.
describe.runIf(!process.env.DATABASE_URL)('check with nothing due writes only the sources whose configuration changed', () => {
  let dir: string;
  const dataDir = () => join(dir, 'db');
  const config = (sources: RawConfig['sources']): RawConfig => ({ sources, fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0, robots: false } });
  const initial = Array.from({ length: N }, (_, i) => ({ id: `s-${i}`, url: `http://127.0.0.1:9/page/${i}`, schedule: '0 6 * * *' }));

  /** Row versions by id, read with the CLI stopped (the embedded database has one owner). */
  async function rowVersions(): Promise<Map<string, string>> {
    const h = await openDatabase({ dataDir: dataDir() });
    try {
      const rows = await executeRows<{ id: string; v: string }>(h.db, sql`select id, xmin::text as v from sources`);
      return new Map(rows.map((r) => [r.id, r.v]));
    } finally {
      await h.close();
    }
  }

  const written = (before: Map<string, string>, after: Map<string, string>) => [...after].filter(([id, v]) => before.get(id) !== v).map(([id]) => id).sort();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fw-check-sync-'));
    const h = await openDatabase({ dataDir: dataDir() });
    try {
      await syncSources(h.db, resolveSources(config(initial)), new Date('2024-01-01T00:00:00Z'));
      // Checked and rescheduled: nothing is due for a day.
      await h.db.execute(sql`update sources set next_check_at = now() + interval '1 day', last_checked_at = now()`);
    } finally {
      await h.close();
    }
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const check = async (sources: RawConfig['sources']) => {
    await writeFile(join(dir, 'factwatch.config.json'), JSON.stringify(config(sources)));
    return runCli(['check'], { cwd: dir, env: { DATABASE_URL: undefined, FACTWATCH_DATA_DIR: dataDir() } });
  };

  it('writes no row when nothing changed, and only the changed ones when some did', async () => {
    const v0 = await rowVersions();
    expect(v0.size).toBe(N);
    const same = await check(initial);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain('No source is due');
    const v1 = await rowVersions();
    expect(written(v0, v1)).toEqual([]);

    // One new schedule, one moved page, one disabled source, one removed from the file.
    const edited = initial
      .filter((s) => s.id !== 's-9')
      .map((s) =>
        s.id === 's-7' ? { ...s, schedule: '0 7 * * *' } : s.id === 's-8' ? { ...s, url: 'http://127.0.0.1:9/moved/8' } : s.id === 's-10' ? { ...s, enabled: false } : s,
      );
    const some = await check(edited);
    expect(some.code, some.stderr).toBe(0);
    expect(some.stdout).toContain('No source is due');
    const v2 = await rowVersions();
    expect(written(v1, v2)).toEqual(['s-10', 's-7', 's-8']);
    // A source removed from the file is left alone by a hand-run check (watch disables it).
    expect(v2.get('s-9')).toBe(v1.get('s-9'));

    // And the same file again writes nothing.
    await check(edited);
    expect(written(v2, await rowVersions())).toEqual([]);
  }, 120_000);
});
