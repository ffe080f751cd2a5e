/**
 * Queries behind the review UI and its JSON API: source status at a glance, and changes listed
 * with filters and keyset pagination (a page of the list is "the N changes older than the last
 * one shown", so paging stays fast and stable while new changes arrive — OFFSET would shift).
 */
import { and, arrayOverlaps, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { changeSummaryColumns, fromV, taggedSources, toV } from './changes.ts';
import type { Db } from '../db.ts';
import { changes, sources } from '../schema.ts';
import type { ChangeState } from '../schema.ts';
import type { ChangeSummary, SourceRow } from '../types.ts';

/** A source with what a reviewer wants to see next to it. */
export interface SourceStatus extends SourceRow {
  /** Title of the latest version's document, or null before the first capture. */
  title: string | null;
  versionCount: number;
  /** Changes awaiting review (state "new"). */
  openChanges: number;
  /** When the latest change (first capture included) was detected. */
  lastChangeAt: Date | null;
}

/** Which sources to show: all, those failing now, those with changes to review, disabled ones. */
export const SOURCE_FILTERS = ['all', 'failing', 'open', 'disabled'] as const;
export type SourceFilter = (typeof SOURCE_FILTERS)[number];

export interface ListSourceStatusOptions {
  filter?: SourceFilter;
  /** Case-insensitive substring of the id, the URL or the latest title. */
  search?: string;
  /** Only this source. */
  id?: string;
  /** Only sources with any of these tags (none: every source). */
  tags?: readonly string[];
}

// Correlated subqueries name their tables explicitly: drizzle leaves columns unqualified in a
// single-table select, and an unqualified "id" inside them would bind to the inner table.
const latestTitle = sql<string | null>`(
  select v.document->>'title' from versions v where v.source_id = "sources"."id"
  order by v.captured_at desc, v.seq desc limit 1)`;
const versionCount = sql<number>`(select count(*) from versions v where v.source_id = "sources"."id")`;
const openChanges = sql<number>`(select count(*) from changes ch where ch.source_id = "sources"."id" and ch.state = 'new')`;
const lastChangeAt = sql<Date | null>`(select max(ch.detected_at) from changes ch where ch.source_id = "sources"."id")`;

/** Every source with its status, ordered by id. */
export async function listSourceStatus(db: Db, opts: ListSourceStatusOptions = {}): Promise<SourceStatus[]> {
  const filters: SQL[] = [];
  if (opts.id !== undefined) filters.push(eq(sources.id, opts.id));
  if (opts.filter === 'failing') filters.push(sql`${sources.failureStreak} > 0`);
  if (opts.filter === 'disabled') filters.push(eq(sources.enabled, false));
  if (opts.filter === 'open') filters.push(sql`${openChanges} > 0`);
  if (opts.tags?.length) filters.push(arrayOverlaps(sources.tags, [...opts.tags]));
  const search = opts.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    filters.push(or(ilike(sources.id, pattern), ilike(sources.url, pattern), sql`coalesce(${latestTitle}, '') ilike ${pattern}`)!);
  }
  const rows = await db
    .select({
      source: sources,
      title: latestTitle,
      versionCount: versionCount.mapWith(Number),
      openChanges: openChanges.mapWith(Number),
      lastChangeAt: lastChangeAt.mapWith(changes.detectedAt),
    })
    .from(sources)
    .where(and(...filters))
    .orderBy(sources.id);
  return rows.map((r) => ({ ...r.source, title: r.title, versionCount: r.versionCount, openChanges: r.openChanges, lastChangeAt: r.lastChangeAt }));
}

/** Where a page of the change list ends: the last change shown (newest-first order). */
export interface ChangeCursor {
  detectedAt: Date;
  id: number;
}

export interface ListChangesPageOptions {
  sourceId?: string;
  state?: ChangeState;
  /** Detected at or after. */
  since?: Date;
  /** Detected strictly before. */
  until?: Date;
  /** Continue after this change. */
  after?: ChangeCursor;
  /** Only changes of sources with any of these tags (none: every source). */
  tags?: readonly string[];
  limit: number;
}

/** A change in the review list: its summary line plus the page title and revision stamps. */
export interface ChangeListItem extends ChangeSummary {
  title: string | null;
  updatedFrom: string | null;
  updatedTo: string | null;
}


/**
 * One page of changes, newest first, and the cursor of the next page (null on the last page).
 * Ordered by (detected_at, id) descending, which the cursor continues from with a row comparison.
 */
export async function listChangesPage(
  db: Db,
  opts: ListChangesPageOptions,
): Promise<{ items: ChangeListItem[]; next: ChangeCursor | null }> {
  const filters: SQL[] = [];
  if (opts.sourceId !== undefined) filters.push(eq(changes.sourceId, opts.sourceId));
  if (opts.state !== undefined) filters.push(eq(changes.state, opts.state));
  if (opts.since !== undefined) filters.push(gte(changes.detectedAt, opts.since));
  if (opts.until !== undefined) filters.push(lt(changes.detectedAt, opts.until));
  if (opts.tags?.length) filters.push(taggedSources(db, opts.tags));
  if (opts.after !== undefined) {
    filters.push(sql`(${changes.detectedAt}, ${changes.id}) < (${opts.after.detectedAt.toISOString()}::timestamptz, ${opts.after.id})`);
  }
  const rows = await db
    .select({
      ...changeSummaryColumns,
      title: sql<string | null>`${toV.document}->>'title'`,
      updatedFrom: fromV.updated,
      updatedTo: toV.updated,
    })
    .from(changes)
    .innerJoin(toV, eq(toV.id, changes.toVersionId))
    .leftJoin(fromV, eq(fromV.id, changes.fromVersionId))
    .where(and(...filters))
    .orderBy(desc(changes.detectedAt), desc(changes.id))
    .limit(opts.limit + 1);
  const items = rows.slice(0, opts.limit);
  const last = items.at(-1);
  const next = rows.length > opts.limit && last ? { detectedAt: last.detectedAt, id: last.id } : null;
  return { items, next };
}

/** The changes around one change of the same source, for "previous / next change" links. */
export async function neighbourChanges(
  db: Db,
  sourceId: string,
  at: ChangeCursor,
): Promise<{ older: number | null; newer: number | null }> {
  const key = sql`(${changes.detectedAt}, ${changes.id})`;
  const cursor = sql`(${at.detectedAt.toISOString()}::timestamptz, ${at.id})`;
  const [older] = await db
    .select({ id: changes.id })
    .from(changes)
    .where(and(eq(changes.sourceId, sourceId), sql`${key} < ${cursor}`))
    .orderBy(desc(changes.detectedAt), desc(changes.id))
    .limit(1);
  const [newer] = await db
    .select({ id: changes.id })
    .from(changes)
    .where(and(eq(changes.sourceId, sourceId), sql`${key} > ${cursor}`))
    .orderBy(changes.detectedAt, changes.id)
    .limit(1);
  return { older: older?.id ?? null, newer: newer?.id ?? null };
}

/** The change that produced a version (null for none, which cannot happen for stored versions). */
export async function changeForVersion(db: Db, versionId: number): Promise<number | null> {
  const [row] = await db.select({ id: changes.id }).from(changes).where(eq(changes.toVersionId, versionId)).limit(1);
  return row?.id ?? null;
}

/** `%`, `_` and `\` are wildcards in LIKE; a search for "50%" means the text "50%". */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/gu, (c) => `\\${c}`);
}
