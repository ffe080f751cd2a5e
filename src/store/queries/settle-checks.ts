/**
 * Writes the outcome of many checks at once: the check rows (run-length encoded), the versions'
 * `last_seen_at`, each source's fetch state and next due time, the lease release, and any
 * gone/recovered events with their outbox rows — one transaction of a few statements per batch
 * instead of several round trips per source, because
 * unchanged checks are nearly all checks and their bookkeeping would otherwise dominate a pass.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { executeRows } from '../execute-rows.ts';
import type { CheckOutcome, SourceEventKind } from '../../model/index.ts';
import { deliveries, sourceEvents } from '../schema.ts';
import type { NewCheck } from '../types.ts';
import { recordCheckRuns } from './record-check-runs.ts';

/** The state a source is left in after its check. */
export interface SettledSource {
  sourceId: string;
  etag: string | null;
  lastModified: string | null;
  lastCheckedAt: Date;
  lastOutcome: CheckOutcome;
  failureStreak: number;
  goneStreak: number;
  goneAt: Date | null;
  /** Shrunken content refused by this check and its sightings in a row (null, 0: none). */
  shrinkHash: string | null;
  shrinkSightings: number;
  nextCheckAt: Date;
  /** A gone/recovered notification to queue for the source's channels. */
  event: { kind: SourceEventKind; detail: string | null; channels: string[] } | null;
}

export interface SettleOptions {
  /**
   * The claim settling (its lease token): only sources it still holds are updated (a worker whose
   * lease expired and was taken over must not overwrite the new holder's state), and their lease
   * is released. Null for a hand-run `check`, which leaves any lease alone.
   */
  leaseToken: string | null;
}

/** Rows per statement: bounds one statement's jsonb parameter (a few hundred KB). */
const SETTLE_BATCH = 2000;

/** Returns the ids of the sources whose state was written. */
export async function settleChecks(db: Db, settled: SettledSource[], pendingChecks: NewCheck[], opts: SettleOptions): Promise<Set<string>> {
  const written = new Set<string>();
  if (settled.length === 0 && pendingChecks.length === 0) return written;
  await db.transaction(async (tx) => {
    for (let i = 0; i < pendingChecks.length; i += SETTLE_BATCH) {
      // Run-length: unchanged checks extend their source's latest row. A slot a dead worker's
      // successor re-checked is recorded once (record-check-runs.ts).
      await recordCheckRuns(tx, pendingChecks.slice(i, i + SETTLE_BATCH));
    }
    const seen = lastSeenByVersion(pendingChecks);
    for (let i = 0; i < seen.length; i += SETTLE_BATCH) {
      await tx.execute(touchStatement(seen.slice(i, i + SETTLE_BATCH)));
    }
    for (let i = 0; i < settled.length; i += SETTLE_BATCH) {
      const rows = await executeRows<{ id: string }>(tx, updateStatement(settled.slice(i, i + SETTLE_BATCH), opts.leaseToken));
      for (const r of rows) written.add(String(r.id));
    }
    for (const s of settled) {
      if (!s.event || !written.has(s.sourceId)) continue;
      const [event] = await tx
        .insert(sourceEvents)
        .values({ sourceId: s.sourceId, kind: s.event.kind, occurredAt: s.lastCheckedAt, detail: s.event.detail })
        .returning({ id: sourceEvents.id });
      const channels = [...new Set(s.event.channels)];
      if (event && channels.length > 0) {
        await tx
          .insert(deliveries)
          .values(channels.map((channel) => ({ kind: 'event' as const, eventId: event.id, channel, state: 'pending' as const, nextAttemptAt: s.lastCheckedAt })));
      }
    }
  });
  return written;
}

/**
 * The latest sighting of each version an unchanged (or not-modified) check saw: the batched form
 * of `touchVersion`, so the check itself needs no round trip of its own.
 */
function lastSeenByVersion(pendingChecks: NewCheck[]): Array<{ versionId: number; at: Date }> {
  const latest = new Map<number, Date>();
  for (const c of pendingChecks) {
    if (c.versionId == null || (c.outcome !== 'unchanged' && c.outcome !== 'not_modified')) continue;
    const prev = latest.get(c.versionId);
    if (!prev || prev.getTime() < c.checkedAt.getTime()) latest.set(c.versionId, c.checkedAt);
  }
  return [...latest].map(([versionId, at]) => ({ versionId, at }));
}

/**
 * Moves `last_seen_at` forward only, like `touchVersion`, for many versions in one statement. Rows
 * travel as one jsonb parameter (see `recordSet` in record-check-runs.ts for why).
 */
function touchStatement(batch: Array<{ versionId: number; at: Date }>): SQL {
  const json = JSON.stringify(batch.map((v) => ({ id: v.versionId, at: v.at.toISOString() })));
  return sql`
    update versions v set last_seen_at = greatest(v.last_seen_at, x.at)
    from jsonb_to_recordset(${json}::jsonb) as x(id int, at timestamptz)
    where v.id = x.id`;
}

function updateStatement(batch: SettledSource[], leaseToken: string | null): SQL {
  const json = JSON.stringify(
    batch.map((s) => ({
      id: s.sourceId,
      etag: s.etag,
      last_modified: s.lastModified,
      last_checked_at: s.lastCheckedAt.toISOString(),
      last_outcome: s.lastOutcome,
      failure_streak: s.failureStreak,
      gone_streak: s.goneStreak,
      gone_at: s.goneAt?.toISOString() ?? null,
      shrink_hash: s.shrinkHash,
      shrink_sightings: s.shrinkSightings,
      next_check_at: s.nextCheckAt.toISOString(),
    })),
  );
  const lease = leaseToken === null ? sql`` : sql`, lease_owner = null, lease_until = null, lease_token = null`;
  const fence = leaseToken === null ? sql`` : sql` and s.lease_token = ${leaseToken}`;
  return sql`
    update sources s
    set etag = v.etag, last_modified = v.last_modified, last_checked_at = v.last_checked_at,
      last_outcome = v.last_outcome, failure_streak = v.failure_streak, gone_streak = v.gone_streak,
      gone_at = v.gone_at, shrink_hash = v.shrink_hash, shrink_sightings = v.shrink_sightings,
      next_check_at = v.next_check_at${lease}
    from jsonb_to_recordset(${json}::jsonb)
      as v(id text, etag text, last_modified text, last_checked_at timestamptz, last_outcome text, failure_streak int, gone_streak int, gone_at timestamptz, shrink_hash text, shrink_sightings int, next_check_at timestamptz)
    where s.id = v.id${fence}
    returning s.id`;
}
