/**
 * Storing a new version is the one write that must be all-or-nothing: the version, its figures,
 * the change that leads to it, the outbox deliveries for that change and the check that found it
 * go in one statement, so a crash can never leave a change without its notifications (or a
 * notification for a version that does not exist).
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { newestFirst } from './version-order.ts';
import { FactwatchError } from '../../app/errors.ts';
import type { Change, PageDocument } from '../../model/index.ts';
import type { Db } from '../db.ts';
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
  /**
   * The version the diff was made against (null: none, a first capture). Nothing is written
   * unless it is still the source's current version: a second writer in between (another
   * `check`, a history import) made the diff stale.
   */
  expectedHeadId: number | null;
  /** Set when writing under a lease: nothing is written unless that claim still holds it at `now`. */
  fence: { leaseToken: string; now: Date } | null;
}

export interface StoredVersion {
  versionId: number;
  seq: number;
  changeId: number;
}

/** What a store attempt did: stored, or nothing because its expectation no longer held. */
export type StoreOutcome =
  | ({ kind: 'stored' } & StoredVersion)
  /** The current version is no longer the one the diff was made against: re-read, re-diff. */
  | { kind: 'head_moved' }
  /** The lease ran out or was taken over: this worker must not write for the source any more. */
  | { kind: 'lease_lost' };


/**
 * Writes a new version and everything that hangs off it, atomically — if the writer's
 * expectations still hold: the source's current version is `expectedHeadId`, and (under a lease)
 * the claim still holds the source. Otherwise nothing is written and the outcome says why.
 *
 * Two writers that both pass those checks at the same instant both read the same maximum `seq`
 * and the second hits `versions_source_seq_unique`. That surfaces as a retryable
 * `FactwatchError` ("version_conflict"): re-read the latest version, re-diff, retry.
 */
export async function storeVersion(db: Db, input: StoreVersionInput): Promise<StoreOutcome> {
  // The keyframe is read before the statement: any stored version is a valid base (raw-body.ts).
  // A first capture has none to read: if another writer stored one meanwhile, the head check
  // below refuses this write anyway. One round trip fewer per new source (issue 16).
  const keyframe = input.expectedHeadId === null ? null : await keyframeFor(db, input.sourceId);
  const raw = await encodeRawBody(input.rawBody, keyframe);
  try {
    const [row] = await executeRows<{ version_id: number | null; seq: number | null; change_id: number | null; head_ok: boolean; lease_ok: boolean }>(
      db,
      storeStatement(db, input, raw),
      // The statement's text is fixed (with or without a lease fence): prepared once per connection.
      { prepare: true },
    );
    if (!row) throw new Error('storing a version returned no row');
    if (!row.lease_ok) return { kind: 'lease_lost' };
    if (!row.head_ok) return { kind: 'head_moved' };
    if (row.version_id === null || row.change_id === null) throw new Error('storing a version wrote no version');
    return { kind: 'stored', versionId: Number(row.version_id), seq: Number(row.seq), changeId: Number(row.change_id) };
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
 *
 * `expect` decides whether anything is written (the version insert is gated on it by `having`,
 * and every other insert hangs off the version); the statement always returns one row saying
 * which expectation failed, so a caller can tell a stale diff from a lost lease.
 */
function storeStatement(db: Db, input: StoreVersionInput, raw: EncodedRawBody): SQL {
  const { sourceId, document, capturedAt, check } = input;
  const at = capturedAt.toISOString();
  const previous = db.select({ id: versions.id }).from(versions).where(eq(versions.sourceId, sourceId)).orderBy(...newestFirst()).limit(1);
  const figures = figureRecordsSql(document.figures);
  const channels = JSON.stringify([...new Set(input.channels)]);
  const leaseOk = input.fence
    ? sql`exists (select 1 from sources where id = ${sourceId}::text and lease_token = ${input.fence.leaseToken}::text
        and lease_until > ${input.fence.now.toISOString()}::timestamptz)`
    : sql`true`;
  return sql`with
    head as (${previous}),
    expect as (
      select coalesce((select id from head), 0) = ${input.expectedHeadId ?? 0}::int as head_ok, ${leaseOk} as lease_ok
    ),
    v as (
      insert into versions (source_id, seq, content_hash, raw_gzip, raw_base_id, raw_hash, final_url, captured_at, last_seen_at, updated, updated_text, document)
      select ${sourceId}::text, coalesce(max(seq), 0) + 1, ${input.contentHash}::text, ${raw.rawGzip}::bytea, ${raw.rawBaseId}::int,
        ${input.rawHash}::text, ${input.finalUrl}::text, ${at}::timestamptz, ${at}::timestamptz, ${document.updated}::text,
        ${document.updatedText}::text, ${JSON.stringify(document)}::jsonb
      from versions where source_id = ${sourceId}::text
      having (select head_ok and lease_ok from expect)
      returning id, seq
    ),
    f as (
      insert into figures (version_id, source_id, ${figures.columns})
      select v.id, ${sourceId}::text, ${figures.values} from v, ${figures.from}
    ),
    c as (
      insert into changes (source_id, from_version_id, to_version_id, detected_at, change, summary)
      select ${sourceId}::text, (select id from head), v.id, ${at}::timestamptz, ${input.change === null ? null : JSON.stringify(input.change)}::jsonb, ${input.summary}::text
      from v
      returning id
    ),
    d as (
      insert into deliveries (kind, change_id, channel, state, next_attempt_at)
      select 'change', c.id, ch.value, 'pending', ${at}::timestamptz from c, jsonb_array_elements_text(${channels}::jsonb) as ch
    ),
    k as (
      insert into checks (source_id, checked_at, outcome, http_status, bytes, duration_ms, version_id, error, due_at)
      select ${check.sourceId}::text, ${check.checkedAt.toISOString()}::timestamptz, ${check.outcome}::text, ${check.httpStatus ?? null}::smallint,
        ${check.bytes ?? null}::int, ${check.durationMs ?? null}::int, v.id, ${check.error ?? null}::text, ${check.dueAt?.toISOString() ?? null}::timestamptz
      from v
    )
    select (select id from v) as version_id, (select seq from v) as seq, (select id from c) as change_id,
      expect.head_ok, expect.lease_ok
    from expect`;
}
