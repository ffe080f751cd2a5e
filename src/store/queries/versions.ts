/** Reading versions: the latest, the one in force at an instant, by seq, and the history list. */
import { and, eq, getTableColumns, inArray, lte, sql } from 'drizzle-orm';
import { newestFirst, oldestFirst } from './version-order.ts';
import type { Db } from '../db.ts';
import { versions } from '../schema.ts';
import type { VersionRow, VersionSummary } from '../types.ts';

// storeVersion lives in its own file (it is the one multi-table write) but belongs with versions.
export { storeVersion, type StoreVersionInput, type StoredVersion } from './store-version.ts';

/**
 * The current version of a source: the latest captured (ties broken by seq). `storeVersion`
 * links a new change from this same version, so a caller that diffs against it stays consistent.
 */
export async function latestVersion(db: Db, sourceId: string): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(versions)
    .where(eq(versions.sourceId, sourceId))
    .orderBy(...newestFirst())
    .limit(1);
  return row ?? null;
}

/** A version row without its raw body: what a check diffs against. */
export type VersionWithoutBody = Omit<VersionRow, 'rawGzip'>;

/**
 * `latestVersion` without `raw_gzip`: a check that parses a page needs the last version's
 * document, but its body only in the rare case the truncation rule needs its ending
 * (`loadRawBody`), so it is not read, sent or kept for every changed page.
 */
export async function latestVersionWithoutBody(db: Db, sourceId: string): Promise<VersionWithoutBody | null> {
  const { rawGzip: _body, ...columns } = getTableColumns(versions);
  const [row] = await db
    .select(columns)
    .from(versions)
    .where(eq(versions.sourceId, sourceId))
    .orderBy(...newestFirst())
    .limit(1);
  return row ?? null;
}

/**
 * What a check needs to decide "same bytes" or "same content" without reading the version's
 * document and body: most checks stop there, and those two columns are most of a row's bytes.
 */
export interface VersionHead {
  id: number;
  rawHash: string;
  contentHash: string;
  url: string;
}

const head = { id: versions.id, rawHash: versions.rawHash, contentHash: versions.contentHash, url: versions.url };

/** The head of a source's current version (same order as `latestVersion`); null before the first. */
export async function latestVersionHead(db: Db, sourceId: string): Promise<VersionHead | null> {
  const [row] = await db
    .select(head)
    .from(versions)
    .where(eq(versions.sourceId, sourceId))
    .orderBy(...newestFirst())
    .limit(1);
  return row ?? null;
}

/**
 * The heads of many sources' current versions in one round trip (a pass reads them up front);
 * sources without a version are absent from the map.
 */
export async function latestVersionHeads(db: Db, sourceIds: string[]): Promise<Map<string, VersionHead>> {
  const out = new Map<string, VersionHead>();
  for (let i = 0; i < sourceIds.length; i += HEAD_BATCH) {
    const rows = await db
      .selectDistinctOn([versions.sourceId], { sourceId: versions.sourceId, ...head })
      .from(versions)
      .where(inArray(versions.sourceId, sourceIds.slice(i, i + HEAD_BATCH)))
      .orderBy(versions.sourceId, ...newestFirst());
    for (const { sourceId, ...h } of rows) out.set(sourceId, h);
  }
  return out;
}

/** Ids per head query: well under PostgreSQL's 65,535 parameters. */
const HEAD_BATCH = 10_000;

/** The version in force at `at`: the latest captured at or before it; null before the first. */
export async function versionAt(db: Db, sourceId: string, at: Date): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(versions)
    .where(and(eq(versions.sourceId, sourceId), lte(versions.capturedAt, at)))
    .orderBy(...newestFirst())
    .limit(1);
  return row ?? null;
}

export async function versionBySeq(db: Db, sourceId: string, seq: number): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(versions)
    .where(and(eq(versions.sourceId, sourceId), eq(versions.seq, seq)));
  return row ?? null;
}

/** A version as a net change needs it: its place, its content hash and its document, without its body. */
export type VersionDocument = Pick<VersionRow, 'id' | 'seq' | 'url' | 'capturedAt' | 'updated' | 'contentHash' | 'document'>;

/** Versions by id with their documents (no raw bodies); ids with no version are absent. */
export async function versionDocuments(db: Db, ids: readonly number[]): Promise<Map<number, VersionDocument>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: versions.id, seq: versions.seq, url: versions.url, capturedAt: versions.capturedAt, updated: versions.updated, contentHash: versions.contentHash, document: versions.document })
    .from(versions)
    .where(inArray(versions.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The history of a source, oldest first, without documents or bodies (cheap to list). */
export async function listVersions(db: Db, sourceId: string): Promise<VersionSummary[]> {
  return db
    .select({
      seq: versions.seq,
      capturedAt: versions.capturedAt,
      lastSeenAt: versions.lastSeenAt,
      updated: versions.updated,
      url: versions.url,
      contentHash: versions.contentHash,
    })
    .from(versions)
    .where(eq(versions.sourceId, sourceId))
    .orderBy(...oldestFirst());
}

/**
 * An unchanged check saw this version again. Never moves `last_seen_at` backwards, so a late or
 * replayed check cannot shorten a version's known lifetime.
 */
export async function touchVersion(db: Db, versionId: number, lastSeenAt: Date): Promise<void> {
  await db
    .update(versions)
    .set({ lastSeenAt: sql`greatest(${versions.lastSeenAt}, ${lastSeenAt.toISOString()}::timestamptz)` })
    .where(eq(versions.id, versionId));
}
