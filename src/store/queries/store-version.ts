/**
 * Storing a new version is the one write that must be all-or-nothing: the version, its figures,
 * the change that leads to it, the outbox deliveries for that change and the check that found it
 * go in one transaction, so a crash can never leave a change without its notifications (or a
 * notification for a version that does not exist).
 */
import { eq, sql } from 'drizzle-orm';
import { newestFirst } from './version-order.ts';
import { FactwatchError } from '../../app/errors.ts';
import type { Change, PageDocument } from '../../extract/page-document.ts';
import type { Db } from '../open-database.ts';
import { findPgError, UNIQUE_VIOLATION } from '../pg-error.ts';
import { insertFigures } from './insert-figures.ts';
import { encodeRawBody, keyframeFor } from '../raw-body.ts';
import { changes, checks, deliveries, versions } from '../schema.ts';
import type { NewCheck } from '../types.ts';
import { checkValues } from './checks.ts';

export interface StoreVersionInput {
  sourceId: string;
  document: PageDocument;
  /** Hash of the normalized document: what decides "changed". */
  contentHash: string;
  /** The response body as fetched; stored gzipped, as a delta against a keyframe when it pays (raw-body.ts). */
  rawBody: Buffer;
  rawHash: string;
  finalUrl: string;
  capturedAt: Date;
  /** The diff from the current latest version; null for the first capture. */
  change: Change | null;
  summary: string;
  /** Notification channels: one pending delivery each (duplicates ignored). */
  channels: string[];
  /** The check that found this version; stored with its `versionId` set. */
  check: NewCheck;
}

export interface StoredVersion {
  versionId: number;
  seq: number;
  changeId: number;
}


/**
 * Writes a new version and everything that hangs off it, atomically.
 *
 * The next `seq` is read inside the transaction; two writers racing on the same source both
 * read the same maximum and the second hits `versions_source_seq_unique`. That surfaces as a
 * retryable `FactwatchError` ("version_conflict"): re-read the latest version, re-diff, retry.
 */
export async function storeVersion(db: Db, input: StoreVersionInput): Promise<StoredVersion> {
  // The keyframe is read before the transaction: any stored version is a valid base (raw-body.ts).
  const raw = await encodeRawBody(input.rawBody, await keyframeFor(db, input.sourceId));
  try {
    return await db.transaction(async (tx) => {
      const [previous] = await tx
        .select({ id: versions.id })
        .from(versions)
        .where(eq(versions.sourceId, input.sourceId))
        .orderBy(...newestFirst())
        .limit(1);
      const [next] = await tx
        .select({ seq: sql<number>`coalesce(max(${versions.seq}), 0) + 1`.mapWith(Number) })
        .from(versions)
        .where(eq(versions.sourceId, input.sourceId));
      const seq = next?.seq ?? 1;

      const [version] = await tx
        .insert(versions)
        .values({
          sourceId: input.sourceId,
          seq,
          contentHash: input.contentHash,
          rawGzip: raw.rawGzip,
          rawBaseId: raw.rawBaseId,
          rawHash: input.rawHash,
          url: input.finalUrl,
          capturedAt: input.capturedAt,
          lastSeenAt: input.capturedAt,
          updated: input.document.updated,
          updatedText: input.document.updatedText,
          document: input.document,
        })
        .returning({ id: versions.id });
      if (!version) throw new Error('insert into versions returned no row');

      await insertFigures(tx, input.document.figures, version.id, input.sourceId);

      const [change] = await tx
        .insert(changes)
        .values({
          sourceId: input.sourceId,
          fromVersionId: previous?.id ?? null,
          toVersionId: version.id,
          detectedAt: input.capturedAt,
          change: input.change,
          summary: input.summary,
        })
        .returning({ id: changes.id });
      if (!change) throw new Error('insert into changes returned no row');

      const channels = [...new Set(input.channels)];
      if (channels.length > 0) {
        await tx.insert(deliveries).values(
          channels.map((channel) => ({
            changeId: change.id,
            channel,
            state: 'pending' as const,
            nextAttemptAt: input.capturedAt,
          })),
        );
      }

      await tx.insert(checks).values({ ...checkValues(input.check), versionId: version.id });
      return { versionId: version.id, seq, changeId: change.id };
    });
  } catch (error) {
    const pg = findPgError(error);
    if (pg?.code === UNIQUE_VIOLATION && pg.constraint === 'versions_source_seq_unique') {
      throw new FactwatchError(
        'version_conflict',
        `another writer stored a version of ${input.sourceId} at the same time; retry`,
        { retryable: true, cause: error },
      );
    }
    throw error;
  }
}

