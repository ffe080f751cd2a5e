/**
 * What "one history" means, as counts a test can assert exactly: for each source, as many versions
 * as distinct contents were served, one change per version, one delivery per change and channel,
 * nothing pointing at a row that does not exist, and indexes that still rebuild.
 */
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { executeRows } from '../../src/store/execute-rows.ts';
import type { Db } from '../../src/store/db.ts';

export interface HistoryCounts {
  versions: number;
  changes: number;
  deliveries: number;
  /** Versions per source, by source id. */
  perSource: Map<string, number>;
}

export async function historyCounts(db: Db, prefix: string): Promise<HistoryCounts> {
  const like = `${prefix}%`;
  const rows = await executeRows<{ source_id: string; n: number }>(
    db,
    sql`select source_id, count(*)::int as n from versions where source_id like ${like} group by source_id`,
  );
  const [totals] = await executeRows<{ versions: number; changes: number; deliveries: number }>(
    db,
    sql`select
      (select count(*)::int from versions where source_id like ${like}) as versions,
      (select count(*)::int from changes where source_id like ${like}) as changes,
      (select count(*)::int from deliveries d join changes c on c.id = d.change_id where c.source_id like ${like}) as deliveries`,
  );
  return { ...totals!, perSource: new Map(rows.map((r) => [String(r.source_id), Number(r.n)])) };
}

/**
 * Asserts the invariants for sources `${prefix}0` … `${prefix}${n - 1}`: each has exactly
 * `expected(i)` versions, numbered 1…k without gaps; every version has exactly one change into it,
 * linked from the version before it; `channels` deliveries per change, none twice; no orphans; and
 * the tables reindex.
 */
export async function expectOneHistory(db: Db, prefix: string, n: number, expected: (i: number) => number, channels: number): Promise<void> {
  const counts = await historyCounts(db, prefix);
  const want = Array.from({ length: n }, (_, i) => expected(i));
  const got = Array.from({ length: n }, (_, i) => counts.perSource.get(`${prefix}${i}`) ?? 0);
  expect(got).toEqual(want);
  const total = want.reduce((a, b) => a + b, 0);
  expect(counts).toMatchObject({ versions: total, changes: total, deliveries: total * channels });
  const like = `${prefix}%`;
  const [bad] = await executeRows<Record<string, number>>(
    db,
    sql`select
      (select count(*)::int from (select source_id, seq from versions where source_id like ${like} group by source_id, seq having count(*) > 1) x) as duplicate_seqs,
      (select count(*)::int from (select source_id from versions where source_id like ${like} group by source_id having max(seq) <> count(*)) x) as seq_gaps,
      (select count(*)::int from (select to_version_id from changes where source_id like ${like} group by to_version_id having count(*) > 1) x) as changes_per_version,
      (select count(*)::int from changes c where c.source_id like ${like} and not exists (select 1 from versions v where v.id = c.to_version_id)) as orphan_changes,
      (select count(*)::int from changes c join versions v on v.id = c.to_version_id
        where c.source_id like ${like} and c.from_version_id is distinct from
          (select p.id from versions p where p.source_id = v.source_id and p.seq = v.seq - 1)) as misplaced_changes,
      (select count(*)::int from figures f where f.source_id like ${like} and not exists (select 1 from versions v where v.id = f.version_id)) as orphan_figures,
      (select count(*)::int from (select change_id, channel from deliveries d join changes c on c.id = d.change_id where c.source_id like ${like} group by change_id, channel having count(*) > 1) x) as duplicate_deliveries,
      (select count(*)::int from checks k where k.source_id like ${like} and k.version_id is not null and not exists (select 1 from versions v where v.id = k.version_id)) as orphan_checks`,
  );
  expect(bad).toEqual({
    duplicate_seqs: 0,
    seq_gaps: 0,
    changes_per_version: 0,
    orphan_changes: 0,
    misplaced_changes: 0,
    orphan_figures: 0,
    duplicate_deliveries: 0,
    orphan_checks: 0,
  });
  for (const table of ['versions', 'changes', 'figures', 'deliveries', 'checks', 'sources']) {
    await db.execute(sql.raw(`reindex table ${table}`));
  }
}
