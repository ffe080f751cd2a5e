/** Changes: listing for review, one change with both versions, and the review state. */
import { and, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db.ts';
import { changes, versions } from '../schema.ts';
import type { ChangeState } from '../schema.ts';
import type { PageFacts } from '../../describe/summarize-change.ts';
import type { ChangeRow, ChangeSummary, VersionRef } from '../types.ts';
import { taggedSourceIds } from './sources.ts';

/** The two ends of a change; shared with the review queries so both join versions the same way. */
export const fromV = alias(versions, 'from_v');
export const toV = alias(versions, 'to_v');

/** The columns of a `ChangeSummary`, over `changes` joined to `toV` and (left) `fromV`. */
export const changeSummaryColumns = {
  id: changes.id,
  source: changes.sourceId,
  fromVersion: fromV.seq,
  toVersion: toV.seq,
  detectedAt: changes.detectedAt,
  summary: changes.summary,
  state: changes.state,
};

export interface ListChangesOptions {
  sourceId?: string;
  /** Only changes detected at or after this instant. */
  since?: Date;
  /** Only changes of sources with any of these tags (none: every source). */
  tags?: readonly string[];
  limit?: number;
}

/** Changes newest first, versions named by their per-source seq (what users see). */
export async function listChanges(db: Db, opts: ListChangesOptions = {}): Promise<ChangeSummary[]> {
  const filters: SQL[] = [];
  if (opts.sourceId !== undefined) filters.push(eq(changes.sourceId, opts.sourceId));
  if (opts.since !== undefined) filters.push(gte(changes.detectedAt, opts.since));
  if (opts.tags?.length) filters.push(taggedSources(db, opts.tags));
  const query = db
    .select(changeSummaryColumns)
    .from(changes)
    .innerJoin(toV, eq(toV.id, changes.toVersionId))
    .leftJoin(fromV, eq(fromV.id, changes.fromVersionId))
    .where(and(...filters))
    .orderBy(desc(changes.detectedAt), desc(changes.id));
  return opts.limit === undefined ? query : query.limit(opts.limit);
}

/** `changes.source_id` is one of the sources carrying any of `tags` (the GIN index on `sources.tags` finds them). */
export function taggedSources(db: Db, tags: readonly string[]): SQL {
  return inArray(changes.sourceId, taggedSourceIds(db, tags));
}

/** Both versions of a change as a report names them. */
const ends = {
  from: { id: fromV.id, seq: fromV.seq, url: fromV.url, capturedAt: fromV.capturedAt, updated: fromV.updated },
  to: { id: toV.id, seq: toV.seq, url: toV.url, capturedAt: toV.capturedAt, updated: toV.updated },
};

/** One change with its `Change` document and both versions' seq, URL and capture time. */
export async function getChange(db: Db, id: number): Promise<ChangeRow | null> {
  const [row] = await db
    .select({ change: changes, ...ends })
    .from(changes)
    .innerJoin(toV, eq(toV.id, changes.toVersionId))
    .leftJoin(fromV, eq(fromV.id, changes.fromVersionId))
    .where(eq(changes.id, id));
  if (!row) return null;
  return { ...row.change, fromVersion: row.from as VersionRef | null, toVersion: row.to };
}

/** A change as its report needs it: the row, and of the newer version its title and `PageFacts`. */
export interface ChangeForReport {
  row: ChangeRow;
  /** The newer version's title (`PageDocument.title`); null only if its document has none. */
  title: string | null;
  page: PageFacts;
}

/**
 * The changes `ids` name, with what their reports state of the newer page, in one statement: the
 * counts and title are read inside the database, so no version's document comes back (a pass
 * that captured 2,000 pages printed its reports with two queries each and ~40 KB of document
 * apiece read back, one after the other). Ids without a change are absent from the map.
 */
export async function getChangesForReports(db: Db, ids: readonly number[]): Promise<Map<number, ChangeForReport>> {
  const found = new Map<number, ChangeForReport>();
  if (ids.length === 0) return found;
  const rows = await db
    .select({
      change: changes,
      ...ends,
      title: sql<string | null>`${toV.document}->>'title'`,
      sections: sql<number>`(select count(*)::int from jsonb_array_elements(${toV.document}->'sections') as s where s->>'heading' is not null)`,
      figures: sql<number>`coalesce(jsonb_array_length(${toV.document}->'figures'), 0)::int`,
    })
    .from(changes)
    .innerJoin(toV, eq(toV.id, changes.toVersionId))
    .leftJoin(fromV, eq(fromV.id, changes.fromVersionId))
    .where(inArray(changes.id, [...ids]));
  for (const r of rows) {
    found.set(r.change.id, {
      row: { ...r.change, fromVersion: r.from as VersionRef | null, toVersion: r.to },
      title: r.title,
      page: { sections: Number(r.sections), figures: Number(r.figures), updated: r.to.updated },
    });
  }
  return found;
}

/**
 * Records a review decision. Setting the state back to 'new' clears `reviewed_at`.
 * Returns false when no change has that id.
 */
export async function setChangeState(
  db: Db,
  id: number,
  state: ChangeState,
  note: string | null,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .update(changes)
    .set({ state, note, reviewedAt: state === 'new' ? null : now })
    .where(eq(changes.id, id))
    .returning({ id: changes.id });
  return updated.length > 0;
}
