/**
 * Facts across every source (issue 18): one row per figure series with its latest value, the
 * value before its last change and when that change was seen, and one series' points with the
 * evidence of the version each came from. docs/facts.md.
 *
 * A series is named by its source and its series key (`Figure.series`): two pages may both have
 * "money/bilateral-trade", and they are two series.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { FigureKind, FigurePeriod, FigureValue } from '../../model/index.ts';
import type { Db } from '../db.ts';
import { executeRows } from '../execute-rows.ts';
import { taggedSourceIds } from './sources.ts';

/** What `facts` can be narrowed by; every filter is on the series' latest point except `sourceId` and `tags`. */
export interface FactFilter {
  sourceId?: string;
  /** Only sources carrying any of these tags (none: every source), as `--tag` / `?tag=` everywhere (config/tags.ts). */
  tags?: readonly string[];
  kind?: FigureKind;
  /** The unit as stored: an ISO 4217 code, "%", "km²"… */
  unit?: string;
  /** The latest point's period as stored ("2016", "2017-10"). */
  period?: string;
  /** Series whose last change (or first sighting, for a series that never changed) is at or after this instant. */
  since?: Date;
}

/** One series: its latest point, the point before its last change, and how many versions hold it. */
export interface FactSeriesRow {
  source: string;
  series: string;
  kind: FigureKind;
  unit: string | null;
  /** The kept label; null when it must be computed (a source read afresh, or not labelled yet). */
  label: string | null;
  /**
   * The latest point's text, which a label is read from: read when the label is null or when
   * `withText` asks for it (a `--q` filter reads sentences), else null — 16,000 sentences are
   * most of a listing's bytes.
   */
  text: { key: string; raw: string; section: string | null; sentence: string } | null;
  latest: { value: FigureValue; period: FigurePeriod; version: number; capturedAt: Date };
  /** The value the series had before it last changed; null when it never changed. */
  previous: { value: FigureValue; period: FigurePeriod; version: number } | null;
  /** When the latest value was first seen: the last change, or the series' first sighting. */
  changedAt: Date;
  versions: number;
  /**
   * The version from which the page no longer shows the series (the one after its latest
   * point), or null while the newest version still holds it: a latest value the page has since
   * dropped is not what the page says now, and a reader quoting it must be told.
   */
  removed: { version: number; capturedAt: Date } | null;
}

type Raw = Record<string, unknown>;

const valueOf = (num: unknown, text: unknown): FigureValue => (num === null || num === undefined ? String(text ?? '') : Number(num));
const dateOf = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
/** The latest point's text, read as one column (`[key, raw, section, sentence]`): four fewer per row when it is not wanted. */
function textOf(json: string): FactSeriesRow['text'] {
  const [key, raw, section, sentence] = JSON.parse(json) as [string, string, string | null, string];
  return { key, raw, section, sentence };
}

/**
 * The facts of every series of the sources `scope` selects (a condition on the column it is
 * given: `f.source_id` of the points, `source_id` of their versions), computed in SQL in one
 * pass over their points in capture order (window functions): a point is a change when its value
 * or period differs from the point before it; the points from one change to the next are a run
 * (numbered by a running count of changes), and the last point takes its run's first capture
 * time (when the value last changed) and the point before that run (the previous value). Points
 * are ordered as `newestFirst` orders versions (capture time, then seq), so "latest" means what
 * it means everywhere else; the version after the latest point's, if any, is the one from which
 * the page no longer shows the series. One row per series leaves it, with the latest figure's
 * fields, its version's number and time, and the previous one's value (`FACT_COLUMNS`).
 */
export function seriesFactsSql(scope: (column: SQL) => SQL): SQL {
  return sql`select x.source_id, x.series, x.id as latest_figure_id, x.run_before_id as before_figure_id, x.changed_at, x.versions::int as versions,
      l.version_id as latest_version_id, x.seq as latest_seq, x.captured_at as latest_captured_at,
      l.key, l.kind, l.value_num, l.value_text, l.unit, l.period, l.raw, l.section, l.sentence,
      b.version_id as before_version_id, x.run_before_seq as before_seq, b.value_num as before_value_num, b.value_text as before_value_text, b.period as before_period,
      nv.next_seq as removed_seq, nv.next_captured_at as removed_captured_at
    from (
      select runs.*, first_value(captured_at) over g as changed_at, first_value(before_id) over g as run_before_id, first_value(before_seq) over g as run_before_seq
      from (
        select p.*, count(*) filter (where changed) over (partition by source_id, series order by captured_at, seq rows unbounded preceding) as run
        from (
          select f.id, f.source_id, f.series, v.seq, v.captured_at,
            lag(f.id) over w is null
              or (f.value_num, f.value_text, f.period) is distinct from (lag(f.value_num) over w, lag(f.value_text) over w, lag(f.period) over w) as changed,
            lag(f.id) over w as before_id,
            lag(v.seq) over w as before_seq,
            lead(f.id) over w is null as is_latest,
            count(*) over (partition by f.source_id, f.series) as versions
          from figures f join versions v on v.id = f.version_id
          where ${scope(sql`f.source_id`)}
          window w as (partition by f.source_id, f.series order by v.captured_at, v.seq)
        ) p
      ) runs
      window g as (partition by source_id, series, run order by captured_at, seq)
    ) x
    join figures l on l.id = x.id
    left join figures b on b.id = x.run_before_id
    left join (
      select id, lead(seq) over o as next_seq, lead(captured_at) over o as next_captured_at
      from versions where ${scope(sql`source_id`)}
      window o as (partition by source_id order by captured_at, seq)
    ) nv on nv.id = l.version_id
    where x.is_latest`;
}

/** The columns `seriesFactsSql` yields and `series_facts` keeps, in that order. */
export const FACT_COLUMN_NAMES = [
  'source_id', 'series', 'latest_figure_id', 'before_figure_id', 'changed_at', 'versions', 'latest_version_id', 'latest_seq', 'latest_captured_at',
  'key', 'kind', 'value_num', 'value_text', 'unit', 'period', 'raw', 'section', 'sentence',
  'before_version_id', 'before_seq', 'before_value_num', 'before_value_text', 'before_period', 'removed_seq', 'removed_captured_at',
];
const FACT_COLUMNS = sql.raw(FACT_COLUMN_NAMES.join(', '));

/** Per source: how many versions it has and its newest version id — what `series_fact_sources` compares. */
export const versionsFingerprintSql = (scope: SQL) => sql`select source_id, count(*)::int as version_count, max(id) as last_version_id from versions where ${scope} group by source_id`;

/**
 * Every series with its latest and previous value. Read from `series_facts` for each source whose
 * versions are still the ones those rows were computed over, and computed afresh
 * (`seriesFactsSql`) for any other — a source checked since the last refresh, or never refreshed.
 * Which sources are stale is asked first, in the same snapshot (repeatable read): the planner
 * then sees the list, and with none stale plans the kept rows alone, which carry everything a
 * listing shows (versions' numbers and times, the removal) — one table read in key order, no
 * join, where the joins to `versions` and the scan for each source's newest version had been
 * most of the query (issue 18). JIT is off for it: compiling cost more than it saved.
 */
export async function listFactSeries(db: Db, filter: FactFilter = {}, opts: { withText?: boolean } = {}): Promise<FactSeriesRow[]> {
  const textWanted = opts.withText === true ? sql`true` : sql`s.label is null`;
  const where: SQL[] = [];
  if (filter.kind !== undefined) where.push(sql`s.kind = ${filter.kind}`);
  if (filter.unit !== undefined) where.push(sql`s.unit = ${filter.unit}`);
  if (filter.period !== undefined) where.push(sql`s.period = ${filter.period}`);
  if (filter.since !== undefined) where.push(sql`s.changed_at >= ${filter.since.toISOString()}::timestamptz`);
  // Source and tags narrow the sources first, so a stale source outside them is never computed.
  const tags = filter.tags;
  const tagged = (column: SQL) => (tags?.length ? sql`${column} in ${taggedSourceIds(db, tags)}` : sql`true`);
  const source = (column: SQL) => (filter.sourceId === undefined ? tagged(column) : sql`${column} = ${filter.sourceId} and ${tagged(column)}`);
  const rows = await db.transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`);
      const stale = (
        await executeRows<Raw>(
          tx,
          sql`select fp.source_id from (${versionsFingerprintSql(source(sql`source_id`))}) fp
            left join series_fact_sources k on k.source_id = fp.source_id
            where k.source_id is null or k.version_count <> fp.version_count or k.last_version_id <> fp.last_version_id`,
        )
      ).map((r) => String(r.source_id));
      const staleIds = sql`(select jsonb_array_elements_text(${JSON.stringify(stale)}::jsonb))`;
      const kept = sql`select ${FACT_COLUMNS}, label from series_facts sf
        where ${source(sql`sf.source_id`)}${stale.length ? sql` and sf.source_id not in ${staleIds}` : sql``}`;
      return executeRows<Raw>(
        tx,
        sql`with s as (${stale.length ? sql`${kept} union all select *, null::text as label from (${seriesFactsSql((c) => sql`${c} in ${staleIds}`)}) live` : kept})
        select s.source_id, s.series, s.kind, s.unit, s.label, s.changed_at, s.versions,
          s.value_num, s.value_text, s.period, s.latest_seq, s.latest_captured_at,
          s.before_seq, s.before_value_num, s.before_value_text, s.before_period, s.removed_seq, s.removed_captured_at,
          case when ${textWanted} then json_build_array(s.key, s.raw, s.section, s.sentence)::text end as text
        from s
        ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
        order by s.source_id, s.series`,
      );
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return rows.map((r) => ({
    source: String(r.source_id),
    series: String(r.series),
    kind: r.kind as FigureKind,
    unit: (r.unit as string | null) ?? null,
    label: (r.label as string | null) ?? null,
    text: typeof r.text === 'string' ? textOf(r.text) : null,
    latest: { value: valueOf(r.value_num, r.value_text), period: (r.period as string | null) ?? null, version: Number(r.latest_seq), capturedAt: dateOf(r.latest_captured_at) },
    previous:
      r.before_seq === null || r.before_seq === undefined
        ? null
        : { value: valueOf(r.before_value_num, r.before_value_text), period: (r.before_period as string | null) ?? null, version: Number(r.before_seq) },
    changedAt: dateOf(r.changed_at),
    versions: Number(r.versions),
    removed: r.removed_seq === null || r.removed_seq === undefined ? null : { version: Number(r.removed_seq), capturedAt: dateOf(r.removed_captured_at) },
  }));
}

/** One point of a series with the evidence of the version it came from. */
export interface FactPointRow {
  version: number;
  capturedAt: Date;
  key: string;
  kind: FigureKind;
  value: FigureValue;
  unit: string | null;
  period: FigurePeriod;
  raw: string;
  sentence: string;
  section: string | null;
  /** The URL the page was served from (after redirects). */
  url: string;
  /** SHA-256 of the version's normalized document (`versions.content_hash`). */
  contentHash: string;
  /** SHA-256 of the bytes as served (`versions.raw_hash`). */
  rawHash: string;
  title: string;
  /** The Wayback capture ("<timestamp> <original URL>") the version was imported from, if any. */
  wayback: { timestamp: string; originalUrl: string } | null;
}

/** A series' points, oldest first, each with its version's evidence (import ledger included). */
export async function listFactPoints(db: Db, sourceId: string, series: string): Promise<FactPointRow[]> {
  const rows = await executeRows<Raw>(
    db,
    sql`select v.seq, v.captured_at, v.final_url, v.content_hash, v.raw_hash, v.document->>'title' as title,
        f.key, f.kind, f.value_num, f.value_text, f.unit, f.period, f.raw, f.sentence, f.section,
        (select i.capture_key from imported_captures i
          where i.version_id = v.id and i.origin = 'wayback' and i.outcome = 'imported' order by i.id limit 1) as wayback_key
      from figures f join versions v on v.id = f.version_id
      where f.source_id = ${sourceId} and f.series = ${series}
      order by v.captured_at, v.seq, f.id`,
  );
  return rows.map((r) => {
    const key = (r.wayback_key as string | null) ?? null;
    const space = key === null ? -1 : key.indexOf(' ');
    return {
      version: Number(r.seq),
      capturedAt: dateOf(r.captured_at),
      key: String(r.key),
      kind: r.kind as FigureKind,
      value: valueOf(r.value_num, r.value_text),
      unit: (r.unit as string | null) ?? null,
      period: (r.period as string | null) ?? null,
      raw: String(r.raw),
      sentence: String(r.sentence),
      section: (r.section as string | null) ?? null,
      url: String(r.final_url),
      contentHash: String(r.content_hash),
      rawHash: String(r.raw_hash),
      title: String(r.title ?? ''),
      wayback: key === null || space < 0 ? null : { timestamp: key.slice(0, space), originalUrl: key.slice(space + 1) },
    };
  });
}

/** The sources that have a series of this name (to resolve `facts SERIES` without `--source`). */
export async function sourcesWithSeries(db: Db, series: string): Promise<string[]> {
  const rows = await executeRows<Raw>(db, sql`select distinct source_id from figures where series = ${series} order by source_id`);
  return rows.map((r) => String(r.source_id));
}

/** How a series name given by a user resolved. */
export type SeriesLookup =
  | { kind: 'found'; source: string; series: string }
  | { kind: 'ambiguous'; series: string; sources: string[] }
  | { kind: 'unknown'; series: string };

/**
 * A series as a user names it: `SERIES` with a source, or `source/SERIES` (source ids are slugs,
 * so the first `/` can end one; series keys have slashes of their own, "money/french-exports"),
 * or a bare `SERIES` that exactly one source has. The qualified form is tried first, and only
 * when that source has that series, so a series key that starts like a source id still works.
 */
export async function lookUpSeries(db: Db, name: string, sourceId?: string): Promise<SeriesLookup> {
  if (sourceId !== undefined) {
    const has = await executeRows<Raw>(db, sql`select 1 from figures where source_id = ${sourceId} and series = ${name} limit 1`);
    return has.length ? { kind: 'found', source: sourceId, series: name } : { kind: 'unknown', series: name };
  }
  const slash = name.indexOf('/');
  if (slash > 0) {
    const [source, series] = [name.slice(0, slash), name.slice(slash + 1)];
    const has = await executeRows<Raw>(db, sql`select 1 from figures where source_id = ${source} and series = ${series} limit 1`);
    if (has.length) return { kind: 'found', source, series };
  }
  const sources = await sourcesWithSeries(db, name);
  if (sources.length === 1) return { kind: 'found', source: sources[0]!, series: name };
  return sources.length === 0 ? { kind: 'unknown', series: name } : { kind: 'ambiguous', series: name, sources };
}

/** One point as `export facts` writes it: every column of docs/facts.md, "Export". */
export interface ExportPointRow {
  id: number;
  source: string;
  series: string;
  key: string;
  kind: FigureKind;
  valueNum: number | null;
  valueText: string | null;
  unit: string | null;
  period: FigurePeriod;
  raw: string;
  sentence: string;
  section: string | null;
  version: number;
  capturedAt: Date;
  url: string;
  contentHash: string;
}

/**
 * Every stored point, in batches of `batchSize`, by keyset on the figure id (`id > last`): each
 * batch is one indexed range read, the same cost at the millionth point as at the first, and no
 * more than one batch is ever held — a cursor without a transaction kept open for the whole
 * export (an embedded store's owner would hold its session gate that long). Points come in the
 * order they were stored; a consumer sorts by source, series and capture time as it needs.
 */
export async function* streamExportPoints(db: Db, batchSize = 5_000): AsyncGenerator<ExportPointRow[]> {
  let after = 0;
  for (;;) {
    const rows = await executeRows<Raw>(
      db,
      sql`select f.id, f.source_id, f.series, f.key, f.kind, f.value_num, f.value_text, f.unit, f.period, f.raw, f.sentence, f.section,
          v.seq, v.captured_at, v.final_url, v.content_hash
        from figures f join versions v on v.id = f.version_id
        where f.id > ${after}::int order by f.id limit ${batchSize}::int`,
    );
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1]!.id);
    yield rows.map((r) => ({
      id: Number(r.id),
      source: String(r.source_id),
      series: String(r.series),
      key: String(r.key),
      kind: r.kind as FigureKind,
      valueNum: r.value_num === null || r.value_num === undefined ? null : Number(r.value_num),
      valueText: (r.value_text as string | null) ?? null,
      unit: (r.unit as string | null) ?? null,
      period: (r.period as string | null) ?? null,
      raw: String(r.raw),
      sentence: String(r.sentence),
      section: (r.section as string | null) ?? null,
      version: Number(r.seq),
      capturedAt: dateOf(r.captured_at),
      url: String(r.final_url),
      contentHash: String(r.content_hash),
    }));
    if (rows.length < batchSize) return;
  }
}
