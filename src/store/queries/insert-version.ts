/**
 * Placing a version by its capture time, wherever that falls in the history: the write behind
 * history imports. `storeVersion` (live checks) only ever appends after the latest version;
 * an archived capture may be older than everything stored, or fall between two versions.
 *
 * All of it happens in one transaction under a lock on the source row, so two importers (or an
 * importer and a live check) never interleave their reads of the neighbours with their writes.
 */
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { newestFirst, oldestFirst } from './version-order.ts';
import type { Change, PageDocument } from '../../model/index.ts';
import { executeRows } from '../execute-rows.ts';
import type { Db } from '../db.ts';
import { insertFigures } from './insert-figures.ts';
import { copyRawBody, encodeRawBody, keyframeFor } from '../raw-body.ts';
import { changes, sources, versions } from '../schema.ts';
import type { VersionRow } from '../types.ts';
import { lockSeriesFacts } from './refresh-series-facts.ts';
import { moveVersionStart, relinkChange, renumberVersions, type Executor } from './relink-changes.ts';

/** How two documents compare; supplied by the caller so the store needs no diff engine. */
export interface Comparison {
  change: Change;
  summary: string;
  /** Nothing a reader would call a revision differs (the caller decides, e.g. ignoring the URL). */
  same: boolean;
}
export type CompareDocuments = (from: PageDocument, to: PageDocument) => Comparison;

export interface InsertVersionInput {
  sourceId: string;
  document: PageDocument;
  contentHash: string;
  rawBody: Buffer;
  rawHash: string;
  /** The URL the capture was taken at. */
  url: string;
  capturedAt: Date;
  compare: CompareDocuments;
  /** Summary of a change with no predecessor. */
  firstSummary: string;
}

export type PlacedVersion =
  /** A new version; `relinkedChangeId` is the change into the next version, now recomputed. */
  | { kind: 'inserted'; versionId: number; seq: number; changeId: number; relinkedChangeId: number | null }
  /** Same content as a neighbour, which now spans this capture too. */
  | { kind: 'identical'; versionId: number; seq: number };


/**
 * Places one capture in the source's history:
 *
 * 1. the version in force at `capturedAt` has the same content → it was seen then too
 *    (`last_seen_at` grows; never shrinks);
 * 2. that version was also seen AFTER `capturedAt` (a live check or a later capture), so the
 *    page changed and changed back: it is split at `capturedAt` and the later sightings become
 *    a version of their own (a revert), which step 4 treats as the next version;
 * 3. the next version has the same content → it starts earlier (`captured_at` moves back);
 * 4. otherwise a new version goes between them, its change computed from the previous one,
 *    and the next version's change is recomputed from the new one (its review state kept).
 *
 * When the new version is not the latest, versions are renumbered so `seq` follows capture time
 * (which forgets the source's kept series facts until the import's refresh recomputes them).
 */
export async function insertVersion(db: Db, input: InsertVersionInput): Promise<PlacedVersion> {
  // The predecessor's keyframe, read before the transaction: any stored version is a valid base.
  const raw = await encodeRawBody(input.rawBody, await keyframeFor(db, input.sourceId, input.capturedAt));
  return db.transaction(async (tx) => {
    // Before the source's row: a refresh of its kept facts holds this lock and then waits on that row.
    await lockSeriesFacts(tx, [input.sourceId]);
    await tx.select({ id: sources.id }).from(sources).where(eq(sources.id, input.sourceId)).for('update');
    const t = input.capturedAt;
    const prev = await neighbour(tx, input.sourceId, t, 'before');
    let next = await neighbour(tx, input.sourceId, t, 'after');

    if (prev && isSame(prev, input, input.compare(prev.document, input.document))) {
      await tx
        .update(versions)
        .set({ lastSeenAt: sql`greatest(${versions.lastSeenAt}, ${t.toISOString()}::timestamptz)` })
        .where(eq(versions.id, prev.id));
      return { kind: 'identical', versionId: prev.id, seq: await seqOf(tx, prev.id) };
    }

    if (prev && prev.lastSeenAt.getTime() > t.getTime()) {
      next = (await splitVersionAt(tx, prev, t, next)) ?? next;
    }

    if (next && isSame(next, input, input.compare(input.document, next.document))) {
      await moveVersionStart(tx, next.id, t);
      await renumberVersions(tx, input.sourceId);
      return { kind: 'identical', versionId: next.id, seq: await seqOf(tx, next.id) };
    }

    const versionId = await insertVersionRow(tx, input.sourceId, {
      contentHash: input.contentHash,
      ...raw,
      rawHash: input.rawHash,
      url: input.url,
      capturedAt: t,
      lastSeenAt: t,
      document: input.document,
    });
    const fromPrev = prev ? input.compare(prev.document, input.document) : null;
    const changeId = await relinkChange(tx, {
      sourceId: input.sourceId,
      toVersionId: versionId,
      fromVersionId: prev?.id ?? null,
      change: fromPrev?.change ?? null,
      summary: fromPrev?.summary ?? input.firstSummary,
      detectedAt: t,
    });
    let relinkedChangeId: number | null = null;
    if (next) {
      const toNext = input.compare(input.document, next.document);
      relinkedChangeId = await relinkChange(tx, {
        sourceId: input.sourceId,
        toVersionId: next.id,
        fromVersionId: versionId,
        change: toNext.change,
        summary: toNext.summary,
        detectedAt: next.capturedAt,
      });
      await renumberVersions(tx, input.sourceId);
    }
    return { kind: 'inserted', versionId, seq: await seqOf(tx, versionId), changeId, relinkedChangeId };
  });
}

function isSame(v: VersionRow, input: InsertVersionInput, c: Comparison): boolean {
  return v.contentHash === input.contentHash || c.same;
}

async function neighbour(tx: Executor, sourceId: string, t: Date, side: 'before' | 'after'): Promise<VersionRow | null> {
  const [row] = await tx
    .select()
    .from(versions)
    .where(and(eq(versions.sourceId, sourceId), side === 'before' ? lte(versions.capturedAt, t) : gt(versions.capturedAt, t)))
    .orderBy(...(side === 'before' ? newestFirst() : oldestFirst()))
    .limit(1);
  return row ?? null;
}

async function seqOf(tx: Executor, versionId: number): Promise<number> {
  const [row] = await tx.select({ seq: versions.seq }).from(versions).where(eq(versions.id, versionId));
  if (!row) throw new Error(`version ${versionId} vanished inside its transaction`);
  return row.seq;
}

type VersionValues = Pick<VersionRow, 'contentHash' | 'rawGzip' | 'rawBaseId' | 'rawHash' | 'url' | 'capturedAt' | 'lastSeenAt' | 'document'>;

/** Inserts a version (seq after every other; `renumberVersions` orders it) and its figures. */
async function insertVersionRow(tx: Executor, sourceId: string, v: VersionValues): Promise<number> {
  const [version] = await tx
    .insert(versions)
    .values({
      sourceId,
      seq: sql`(select coalesce(max(seq), 0) + 1 from versions where source_id = ${sourceId})`,
      ...v,
      updated: v.document.updated,
      updatedText: v.document.updatedText,
    })
    .returning({ id: versions.id });
  if (!version) throw new Error('insert into versions returned no row');
  await insertFigures(tx, v.document.figures, version.id, sourceId);
  return version.id;
}

/**
 * `version` was seen both before and after `t`. Its sightings after `t` (imported captures
 * and checks that point at it) move to a copy starting at the first of them; the original
 * ends at its last sighting up to `t`. Returns the copy, or null when no later sighting is
 * recorded (then nothing is known about when the page went back, and nothing is split).
 */
async function splitVersionAt(tx: Executor, version: VersionRow, t: Date, next: VersionRow | null): Promise<VersionRow | null> {
  const at = t.toISOString();
  const [span] = await executeRows<{ first_after: string | Date | null; last_before: string | Date | null }>(
    tx,
    sql`select
          min(s.at) filter (where s.at > ${at}::timestamptz) as first_after,
          max(s.at) filter (where s.at <= ${at}::timestamptz) as last_before
        from (
          select captured_at as at from imported_captures where version_id = ${version.id}
          union all
          select checked_at as at from checks where version_id = ${version.id}
        ) as s`,
  );
  if (!span?.first_after) return null;
  const firstAfter = new Date(span.first_after);
  const lastBefore = span.last_before ? new Date(span.last_before) : version.capturedAt;

  const copyId = await insertVersionRow(tx, version.sourceId, {
    contentHash: version.contentHash,
    ...(await copyRawBody(version)),
    rawHash: version.rawHash,
    url: version.url,
    capturedAt: firstAfter,
    lastSeenAt: version.lastSeenAt,
    document: version.document,
  });
  await tx
    .update(versions)
    .set({ lastSeenAt: new Date(Math.max(lastBefore.getTime(), version.capturedAt.getTime())) })
    .where(eq(versions.id, version.id));
  await tx.execute(sql`update imported_captures set version_id = ${copyId} where version_id = ${version.id} and captured_at > ${at}::timestamptz`);
  await tx.execute(sql`update checks set version_id = ${copyId} where version_id = ${version.id} and checked_at > ${at}::timestamptz`);
  // The version after the original now follows the copy; what changed between them is the same.
  if (next) await tx.update(changes).set({ fromVersionId: copyId }).where(eq(changes.toVersionId, next.id));
  const [copy] = await tx.select().from(versions).where(eq(versions.id, copyId));
  return copy ?? null;
}

