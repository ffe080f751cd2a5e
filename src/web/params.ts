/**
 * Query and path parameters, validated with zod in one place so the HTML pages and the JSON API
 * accept exactly the same inputs and reject bad ones with the same 400 message.
 */
import { z } from 'zod';
import { readInstant } from '../app/read-instant.ts';
import { SLUG } from '../config/schema.ts';
import { FIGURE_KINDS } from '../model/index.ts';
import type { FactFilter } from '../store/queries/facts.ts';
import { CHANGE_STATES, type ChangeState } from '../store/schema.ts';
import { SOURCE_FILTERS, type ChangeCursor, type SourceFilter } from '../store/queries/review.ts';
import { badParameter } from './api-error.ts';
import { CHART_AXES, CHART_SIZES, SERIES_STYLES, type ChartAxis, type ChartSize } from './figure-chart.ts';

/**
 * "2018-01-01" (start of that day, UTC) or a full ISO 8601 instant; a day that does not exist
 * ("2017-02-30") or year 0 is a 400, not a rolled-over date or a database error.
 */
const instant = z.string().trim().max(40).transform((text, ctx) => {
  const date = readInstant(text, { bareDay: 'start' });
  if (date === null) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a date (use a real day as YYYY-MM-DD, years 1 to 9999, or an ISO 8601 time)` });
    return z.NEVER;
  }
  return date;
});

/** An empty form field means "not given", as a browser submits empty filters. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const cursor = z.string().transform((text, ctx) => {
  const decoded = decodeCursor(text);
  if (decoded === null) {
    ctx.addIssue({ code: 'custom', message: 'is not a cursor this server gave out' });
    return z.NEVER;
  }
  return decoded;
});

const changesQuery = z.object({
  source: optional(z.string().max(200)),
  state: optional(z.enum(CHANGE_STATES)),
  since: optional(instant),
  until: optional(instant),
  cursor: optional(cursor),
  limit: optional(z.coerce.number().int().min(1).max(200)),
});

export interface ChangesQuery {
  source?: string;
  state?: ChangeState;
  since?: Date;
  until?: Date;
  cursor?: ChangeCursor;
  limit: number;
}

/** Filters of the change list (`/changes`, `/api/changes`); 400 on anything malformed. */
export function parseChangesQuery(query: Record<string, string>, defaultLimit = 50): ChangesQuery {
  const q = parseWith(changesQuery, query);
  return { ...q, limit: q.limit ?? defaultLimit } as ChangesQuery;
}

const sourcesQuery = z.object({
  filter: optional(z.enum(SOURCE_FILTERS)),
  q: optional(z.string().max(200)),
});

export function parseSourcesQuery(query: Record<string, string>): { filter: SourceFilter; q?: string } {
  const parsed = parseWith(sourcesQuery, query);
  return { filter: parsed.filter ?? 'all', ...(parsed.q === undefined ? {} : { q: parsed.q }) };
}

/** At most this many tags in one filter: a filter, not a list of everything. */
const MAX_FILTER_TAGS = 20;

/**
 * `?tag=asia&tag=trade` or `?tag=asia,trade` (the links the UI writes): the tags of a filter
 * that keeps sources with any of them; empty values are ignored, anything but a slug is a 400.
 */
export function parseTags(values: readonly string[] | undefined): string[] {
  const tags = [...new Set((values ?? []).flatMap((v) => v.split(',')).map((t) => t.trim()).filter((t) => t !== ''))];
  if (tags.length > MAX_FILTER_TAGS) throw badParameter(`tag: at most ${MAX_FILTER_TAGS} tags`);
  const bad = tags.find((t) => !SLUG.test(t));
  if (bad !== undefined) throw badParameter(`tag: "${bad.slice(0, 80)}" is not a tag (tags are slugs: lowercase letters, digits and hyphens)`);
  return tags;
}

/** Text of a filter: bounded, no control characters. */
const filterText = z.string().max(200).regex(/^[^\u0000-\u001f]*$/u, 'must not contain control characters');

const factsQuery = z.object({
  source: optional(filterText),
  // Read with every repeat by parseTags; here only so that the strict schema knows it.
  tag: optional(z.string()),
  kind: optional(z.enum(FIGURE_KINDS)),
  unit: optional(filterText),
  period: optional(filterText),
  q: optional(filterText),
  since: optional(instant),
});

/**
 * Filters of `/api/facts` and the Facts page (the same as `factwatch facts`): `source`, `tag`
 * (repeatable or comma-separated: sources with any of them), `kind`, `unit`, `period`, `q` (text
 * in the label or sentence), `since` (a date: changed on or after it); 400 on anything malformed
 * or unknown, so a misspelt filter is never silently ignored. `tags` are every `?tag=` value
 * (`c.req.queries('tag')`); the record holds only the first.
 */
export function parseFactsQuery(query: Record<string, string>, tags?: readonly string[]): { filter: FactFilter; q?: string } {
  const { source, q, tag, ...rest } = parseWith(factsQuery.strict(), query);
  const wanted = parseTags(tags ?? (tag === undefined ? [] : [tag]));
  const filter: FactFilter = Object.fromEntries(Object.entries({ sourceId: source, tags: wanted.length ? wanted : undefined, ...rest }).filter(([, v]) => v !== undefined));
  return q === undefined ? { filter } : { filter, q };
}

/** `?source=` of `/api/facts/:series`. */
export function parseFactSource(value: string | undefined): string | undefined {
  return parseWith(z.object({ source: optional(filterText) }), value === undefined ? {} : { source: value }).source;
}

/** `?at=` of the version endpoints. */
export function parseAt(value: string | undefined): Date | undefined {
  return parseWith(z.object({ at: optional(instant) }), value === undefined ? {} : { at: value }).at;
}

/** A positive whole number in a path (`/changes/:id`, version seq). */
export function parseId(value: string, name: string): number {
  if (!/^[1-9]\d{0,9}$/u.test(value) || Number(value) > 2_147_483_647) {
    throw badParameter(`${name} must be a positive whole number, not "${value}"`);
  }
  return Number(value);
}

/** A figure key: what the extractor makes ("money/eu-humanitarian-aid"); bounded, no control characters. */
export function parseKey(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length > 300 || /[\u0000-\u001f]/u.test(value)) throw badParameter('key is not a figure key');
  return value;
}

const chartQuery = z.object({
  x: optional(z.enum(CHART_AXES)),
  size: optional(z.enum(CHART_SIZES)),
});

/** A figure chart's `?x=period|captured` (the x axis; the page picks one when absent) and `?size=wide|narrow`. */
export function parseChartQuery(query: Record<string, string>): { x?: ChartAxis; size: ChartSize } {
  const q = parseWith(chartQuery, { x: query.x, size: query.size });
  return { ...(q.x === undefined ? {} : { x: q.x }), size: q.size ?? 'wide' };
}

const compareQuery = z.object({
  // Read with every repeat below; here only so that the strict schema knows it.
  series: optional(z.string()),
  x: optional(z.enum(CHART_AXES)),
  size: optional(z.enum(CHART_SIZES)),
});

/**
 * `/facts/compare?series=a&series=b&x=period`: the series chosen (`values`: every `?series=`,
 * named as `factwatch facts SERIES` names them, duplicates dropped, at most one chart's lines),
 * the x axis asked for and the chart size; 400 on anything malformed or unknown.
 */
export function parseCompareQuery(query: Record<string, string>, values: readonly string[] | undefined): { series: string[]; x?: ChartAxis; size: ChartSize } {
  const { x, size } = parseWith(compareQuery.strict(), query);
  const series = [...new Set((values ?? []).map((v) => v.trim()).filter((v) => v !== ''))];
  if (series.some((v) => v.length > 400 || /[\u0000-\u001f]/u.test(v))) throw badParameter('series: not a series name (source/series, as factwatch facts lists them)');
  if (series.length > SERIES_STYLES.length) throw badParameter(`series: at most ${SERIES_STYLES.length} series at once`);
  return { series, ...(x === undefined ? {} : { x }), size: size ?? 'wide' };
}

/** The review decision posted by a form or the API. */
export const reviewInput = z.object({
  state: z.enum(CHANGE_STATES),
  note: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().max(4000).nullable().default(null)),
});

/** Cursors are opaque to clients: base64url of "<ISO instant>|<id>". */
export function encodeCursor(c: ChangeCursor): string {
  return Buffer.from(`${c.detectedAt.toISOString()}|${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(text: string): ChangeCursor | null {
  if (!/^[A-Za-z0-9_-]{1,100}$/u.test(text)) return null;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([1-9]\d{0,9})$/u.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (match === null) return null;
  const detectedAt = new Date(match[1]!);
  return Number.isNaN(detectedAt.getTime()) ? null : { detectedAt, id: Number(match[2]) };
}

export function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || 'parameter'}: ${i.message}`);
  throw badParameter(problems.join('; '), result.error);
}
