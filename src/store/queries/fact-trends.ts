/**
 * The recent numeric values of many figure series at once, for the sparklines of the Facts page
 * (docs/review-ui.md): one query for every row shown instead of one per series.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { executeRows } from '../execute-rows.ts';

/** A series as the Facts page names it: its source and its series key. */
export interface SeriesRef {
  source: string;
  series: string;
}

/** The map key of a series: `source/series` (source ids are slugs, so the first `/` ends one). */
export const seriesRefKey = (r: SeriesRef): string => `${r.source}/${r.series}`;

/**
 * The last `perSeries` numeric values of each series, oldest first (capture time, then seq: the
 * order "latest" means everywhere), by `seriesRefKey`. Text values (dates) are left out, so a
 * series of dates has none; a series with no point is absent. Bounded: at most `perSeries`
 * values a series, however long its history.
 */
export async function recentSeriesValues(db: Db, refs: readonly SeriesRef[], perSeries = 40): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (refs.length === 0) return out;
  // The names travel as one jsonb parameter, as in facts.ts: the same on both drivers.
  const wanted = JSON.stringify(refs.map((r) => ({ source_id: r.source, series: r.series })));
  const rows = await executeRows<{ source_id: string; series: string; value_num: unknown }>(
    db,
    sql`select source_id, series, value_num from (
        select f.source_id, f.series, f.value_num, v.captured_at, v.seq, f.id,
          row_number() over (partition by f.source_id, f.series order by v.captured_at desc, v.seq desc, f.id desc) as back
        from jsonb_to_recordset(${wanted}::jsonb) as x(source_id text, series text)
        join figures f on f.source_id = x.source_id and f.series = x.series
        join versions v on v.id = f.version_id
        where f.value_num is not null
      ) p
      where back <= ${perSeries}::int
      order by source_id, series, captured_at, seq, id`,
  );
  for (const r of rows) {
    const key = seriesRefKey({ source: String(r.source_id), series: String(r.series) });
    const values = out.get(key) ?? [];
    values.push(Number(r.value_num));
    out.set(key, values);
  }
  return out;
}
