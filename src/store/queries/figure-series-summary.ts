/**
 * Every figure series of a source at a glance: its latest figure (what a reader labels and
 * reads), in how many versions it appears, and when its value last moved — the source page's
 * figure list. One statement with window functions, so a page of thousands of figures costs one
 * round trip, not one per series.
 */
import { sql } from 'drizzle-orm';
import type { Figure, FigureKind } from '../../model/index.ts';
import type { Db } from '../db.ts';
import { executeRows } from '../execute-rows.ts';
import { toDateOrNull } from './leases.ts';

/** The latest figure of the series (its key in that version and what it said), and its history. */
export interface FigureSeriesSummary extends Pick<Figure, 'key' | 'kind' | 'value' | 'unit' | 'raw' | 'section' | 'sentence' | 'period'> {
  series: string;
  /** The newest version that has the series. */
  latestSeq: number;
  latestCapturedAt: Date;
  versions: number;
  /**
   * When the value, unit or period last differed from the version before that had the series
   * (that version's capture time); null when it never changed since first seen.
   */
  lastChangedAt: Date | null;
  firstSeenAt: Date;
}

/**
 * The series of a source, those in its newest versions first and in page order within a version,
 * at most `limit` of them, with how many there are in all (`total`).
 */
export async function listFigureSeriesSummary(db: Db, sourceId: string, limit: number): Promise<{ items: FigureSeriesSummary[]; total: number }> {
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`with points as (
          select f.id, f.series, f.key, f.kind, f.value_num, f.value_text, f.unit, f.raw, f.section, f.sentence, f.period,
                 v.seq, v.captured_at,
                 row_number() over newest as newest,
                 lag(f.id) over history is not null
                   and (f.value_num is distinct from lag(f.value_num) over history
                        or f.value_text is distinct from lag(f.value_text) over history
                        or f.unit is distinct from lag(f.unit) over history
                        or f.period is distinct from lag(f.period) over history) as moved
            from figures f join versions v on v.id = f.version_id
           where f.source_id = ${sourceId}
          window history as (partition by f.series order by v.captured_at, v.seq, f.id),
                 newest as (partition by f.series order by v.captured_at desc, v.seq desc, f.id desc)
        ), per_series as (
          select series, count(distinct seq)::int as versions, min(captured_at) as first_seen_at,
                 max(captured_at) filter (where moved) as last_changed_at
            from points group by series
        )
        select p.series, p.key, p.kind, p.value_num, p.value_text, p.unit, p.raw, p.section, p.sentence, p.period,
               p.seq, p.captured_at, s.versions, s.first_seen_at, s.last_changed_at, count(*) over ()::int as total
          from points p join per_series s on s.series = p.series
         where p.newest = 1
         order by p.captured_at desc, p.seq desc, p.id
         limit ${limit}`,
  );
  const items = rows.map((r) => ({
    series: String(r.series),
    key: String(r.key),
    kind: r.kind as FigureKind,
    value: r.value_num === null ? String(r.value_text ?? '') : Number(r.value_num),
    unit: (r.unit as string | null) ?? null,
    raw: String(r.raw),
    section: (r.section as string | null) ?? null,
    sentence: String(r.sentence),
    period: (r.period as string | null) ?? null,
    latestSeq: Number(r.seq),
    latestCapturedAt: toDateOrNull(r.captured_at)!,
    versions: Number(r.versions),
    lastChangedAt: toDateOrNull(r.last_changed_at),
    firstSeenAt: toDateOrNull(r.first_seen_at)!,
  }));
  return { items, total: rows.length === 0 ? 0 : Number(rows[0]!.total) };
}
