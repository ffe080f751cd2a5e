/**
 * The import ledger (`imported_captures`): which archived captures a source has already had
 * handled, so re-running an import fetches and stores nothing new, and an interrupted one
 * continues with what is left. Failed rows stay in the ledger (for the summary and `error`)
 * but do not count as done: the next run tries them again.
 */
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { importedCaptures, versions, type ImportOrigin, type ImportOutcome } from '../schema.ts';
import type { VersionRow } from '../types.ts';

export type ImportedCaptureRow = typeof importedCaptures.$inferSelect;

export interface LedgerEntry {
  sourceId: string;
  origin: ImportOrigin;
  captureKey: string;
  capturedAt: Date;
  originalUrl: string;
  digest: string | null;
  outcome: ImportOutcome;
  versionId: number | null;
  error: string | null;
  importedAt: Date;
}

/** Keys of the captures of `origin` already handled for a source (failed ones excluded). */
export async function listDoneCaptureKeys(db: Db, sourceId: string, origin: ImportOrigin): Promise<Set<string>> {
  const rows = await db
    .select({ key: importedCaptures.captureKey })
    .from(importedCaptures)
    .where(
      and(
        eq(importedCaptures.sourceId, sourceId),
        eq(importedCaptures.origin, origin),
        inArray(importedCaptures.outcome, ['imported', 'identical', 'skipped']),
      ),
    );
  return new Set(rows.map((r) => r.key));
}

/** Records what happened to one capture; a retried capture replaces its earlier (failed) row. */
export async function recordImportedCapture(db: Db, entry: LedgerEntry): Promise<void> {
  const { sourceId, origin, captureKey, ...rest } = entry;
  await db
    .insert(importedCaptures)
    .values(entry)
    .onConflictDoUpdate({
      target: [importedCaptures.sourceId, importedCaptures.origin, importedCaptures.captureKey],
      set: rest,
    });
}

/** The ledger of a source, oldest capture first. */
export async function listImportedCaptures(db: Db, sourceId: string): Promise<ImportedCaptureRow[]> {
  return db
    .select()
    .from(importedCaptures)
    .where(eq(importedCaptures.sourceId, sourceId))
    .orderBy(importedCaptures.capturedAt, importedCaptures.id);
}

/**
 * A stored version whose raw body an earlier capture with this payload digest produced: a
 * capture with the same digest has the same bytes, so it can be placed without fetching it.
 */
export async function versionByCaptureDigest(db: Db, sourceId: string, digest: string): Promise<VersionRow | null> {
  const [row] = await db
    .select({ version: versions })
    .from(importedCaptures)
    .innerJoin(versions, eq(versions.id, importedCaptures.versionId))
    .where(and(eq(importedCaptures.sourceId, sourceId), eq(importedCaptures.digest, digest), isNotNull(importedCaptures.versionId)))
    .orderBy(desc(importedCaptures.id))
    .limit(1);
  return row?.version ?? null;
}
