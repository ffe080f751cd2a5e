/**
 * Storing a new version is the one write that must be all-or-nothing: the version, its figures,
 * the change that leads to it, the outbox deliveries for that change and the check that found it
 * go in one statement, so a crash can never leave a change without its notifications (or a
 * notification for a version that does not exist).
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { newestFirst } from './version-order.ts';
import { FactwatchError } from '../../app/errors.ts';
import type { Change, PageDocument } from '../../extract/page-document.ts';
import type { Db } from '../open-database.ts';
import { findPgError, UNIQUE_VIOLATION } from '../pg-error.ts';
import { executeRows } from '../execute-rows.ts';
import { figureRecordsSql } from './insert-figures.ts';
import { encodeRawBody, keyframeFor, type EncodedRawBody } from '../raw-body.ts';
import { versions } from '../schema.ts';
import type { NewCheck } from '../types.ts';

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
 * The next `seq` is read inside the statement; two writers racing on the same source both
 * read the same maximum and the second hits `versions_source_seq_unique`. That surfaces as a
 * retryable `FactwatchError` ("version_conflict"): re-read the latest version, re-diff, retry.
 */
export async function storeVersion(db: Db, input: StoreVersionInput): Promise<StoredVersion> {
  // The keyframe is read before the statement: any stored version is a valid base (raw-body.ts).
  const raw = await encodeRawBody(input.rawBody, await keyframeFor(db, input.sourceId));
  try {
    const [row] = await executeRows<{ version_id: number; seq: number; change_id: number }>(db, storeStatement(db, input, raw));
    if (!row) throw new Error('storing a version returned no row');
    return { versionId: Number(row.version_id), seq: Number(row.seq), changeId: Number(row.change_id) };
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

/**
 * The whole write as ONE statement of data-modifying CTEs: a statement is atomic on its own, so
 * it needs no transaction, and it costs one round trip instead of eight (begin, previous, next
 * seq, version, figures, change, check, commit). On a pass where every page changed, those round
 * trips were a fifth of the main thread and most of PostgreSQL's per-statement work (issue 8).
 * Every CTE sees the table as it was before the statement, so `previous` and the next `seq` are
 * read exactly as the transaction read them; foreign keys are checked at the statement's end.
 * Bulky values travel as single jsonb parameters (figures, channels), as in `insertFigures`.
 */
function storeStatement(db: Db, input: StoreVersionInput, raw: EncodedRawBody): SQL {
  const { sourceId, document, capturedAt, check } = input;
  const at = capturedAt.toISOString();
  const previous = db.select({ id: versions.id }).from(versions).where(eq(versions.sourceId, sourceId)).orderBy(...newestFirst()).limit(1);
  const figures = figureRecordsSql(document.figures);
  const channels = JSON.stringify([...new Set(input.channels)]);
  return sql`with
    v as (
      insert into versions (source_id, seq, content_hash, raw_gzip, raw_base_id, raw_hash, final_url, captured_at, last_seen_at, updated, updated_text, document)
      select ${sourceId}::text, coalesce(max(seq), 0) + 1, ${input.contentHash}::text, ${raw.rawGzip}::bytea, ${raw.rawBaseId}::int,
        ${input.rawHash}::text, ${input.finalUrl}::text, ${at}::timestamptz, ${at}::timestamptz, ${document.updated}::text,
        ${document.updatedText}::text, ${JSON.stringify(document)}::jsonb
      from versions where source_id = ${sourceId}::text
      returning id, seq
    ),
    f as (
      insert into figures (version_id, source_id, ${figures.columns})
      select v.id, ${sourceId}::text, ${figures.values} from v, ${figures.from}
    ),
    c as (
      insert into changes (source_id, from_version_id, to_version_id, detected_at, change, summary)
      select ${sourceId}::text, (${previous}), v.id, ${at}::timestamptz, ${input.change === null ? null : JSON.stringify(input.change)}::jsonb, ${input.summary}::text
      from v
      returning id
    ),
    d as (
      insert into deliveries (change_id, channel, state, next_attempt_at)
      select c.id, ch.value, 'pending', ${at}::timestamptz from c, jsonb_array_elements_text(${channels}::jsonb) as ch
    ),
    k as (
      insert into checks (source_id, checked_at, outcome, http_status, bytes, duration_ms, version_id, error, due_at)
      select ${check.sourceId}::text, ${check.checkedAt.toISOString()}::timestamptz, ${check.outcome}::text, ${check.httpStatus ?? null}::smallint,
        ${check.bytes ?? null}::int, ${check.durationMs ?? null}::int, v.id, ${check.error ?? null}::text, ${check.dueAt?.toISOString() ?? null}::timestamptz
      from v
    )
    select v.id as version_id, v.seq, c.id as change_id from v, c`;
}
