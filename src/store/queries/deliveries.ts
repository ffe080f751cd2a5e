/**
 * The notification outbox, one table (`deliveries`): one row per change and channel, written with
 * the change, and one per gone/recovered event and channel, written when the check that found the
 * event is settled. A sender claims due rows by pushing their next attempt past a lease and
 * counting the attempt *before* sending: a sender that dies mid-send leaves the row to reappear
 * when the lease passes — at least once, never lost.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { executeRows } from '../execute-rows.ts';
import type { DeliveryKind, DeliveryState } from '../schema.ts';
import { taggedSourceIds } from './sources.ts';
import { toDateOrNull } from './leases.ts';

export type { DeliveryKind } from '../schema.ts';

/** A claimed delivery: what it notifies (a change or an event), on which channel, which attempt. */
export interface ClaimedDelivery {
  id: number;
  kind: DeliveryKind;
  /** The change id (kind 'change') or source event id (kind 'event'). */
  refId: number;
  channel: string;
  /** The source the change or event is of (its alert rule may be the source's own). */
  source: string;
  /** Attempts including the one now being made. */
  attempts: number;
}

export interface ClaimDeliveriesOptions {
  now: Date;
  leaseMs: number;
  limit: number;
  /** Only deliveries of sources carrying any of these tags (`check --tag`, `watch --tag`); none: every source. */
  tags?: readonly string[];
  /** A held change stored before this instant is due again whatever its checks (its hold has run out: `MAX_HOLD_MS`). */
  holdExpiredBefore: Date;
}

/**
 * Claims up to `limit` pending deliveries whose next attempt is due, changes and events alike,
 * oldest due first. `skip locked` lets concurrent senders take disjoint rows without waiting.
 * A change held for confirmation (`held_at`) is due again once its source has been checked
 * since it was held (before that nothing can have confirmed or superseded it), or once nothing
 * can: its source is disabled, or its hold has run out.
 */
export async function claimDueDeliveries(db: Db, opts: ClaimDeliveriesOptions): Promise<ClaimedDelivery[]> {
  const tagged = opts.tags?.length
    ? sql`and coalesce((select c.source_id from changes c where c.id = deliveries.change_id), (select e.source_id from source_events e where e.id = deliveries.event_id))
            in ${taggedSourceIds(db, opts.tags)}`
    : sql``;
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`
      with due as (
        select id from deliveries
        where state = 'pending' and next_attempt_at <= ${opts.now.toISOString()}::timestamptz
          and (held_at is null or exists (
            select 1 from changes c join sources s on s.id = c.source_id
            where c.id = deliveries.change_id
              and (s.last_checked_at > deliveries.held_at or not s.enabled or c.detected_at <= ${opts.holdExpiredBefore.toISOString()}::timestamptz)))
          ${tagged}
        order by next_attempt_at, id
        limit ${opts.limit}
        for update skip locked
      )
      update deliveries d
      set attempts = d.attempts + 1,
        next_attempt_at = ${new Date(opts.now.getTime() + opts.leaseMs).toISOString()}::timestamptz
      from due where d.id = due.id
      returning d.id, d.kind, coalesce(d.change_id, d.event_id) as ref_id, d.channel, d.attempts,
        coalesce((select c.source_id from changes c where c.id = d.change_id), (select e.source_id from source_events e where e.id = d.event_id)) as source_id`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind as DeliveryKind,
    refId: Number(r.ref_id),
    channel: String(r.channel),
    source: String(r.source_id),
    attempts: Number(r.attempts),
  }));
}

/** `note`: what the alert rule decided (null when the channel has none). */
export async function markDelivered(db: Db, d: ClaimedDelivery, now: Date, note: string | null = null): Promise<void> {
  await db.execute(
    sql`update deliveries set state = 'delivered', delivered_at = ${now.toISOString()}::timestamptz, last_error = null,
          rule_note = ${note}, held_at = null
        where id = ${d.id}`,
  );
}

/** The alert rule decided not to send it: settled for good, with the reason. */
export async function markSkipped(db: Db, d: ClaimedDelivery, note: string): Promise<void> {
  await db.execute(
    sql`update deliveries set state = 'skipped', rule_note = ${note.slice(0, 2000)}, held_at = null, last_error = null
        where id = ${d.id} and state = 'pending'`,
  );
}

/**
 * Holds a change until more checks agree: the claim's attempt is given back (waiting is not
 * failing: it never brings a delivery nearer to dead), and the row is due again as soon as its
 * source is checked after `sourceCheckedAt`.
 */
export async function markHeld(db: Db, d: ClaimedDelivery, note: string, sourceCheckedAt: Date, now: Date): Promise<void> {
  await db.execute(
    sql`update deliveries set attempts = greatest(attempts - 1, 0), rule_note = ${note.slice(0, 2000)},
          held_at = ${sourceCheckedAt.toISOString()}::timestamptz, next_attempt_at = ${now.toISOString()}::timestamptz
        where id = ${d.id} and state = 'pending'`,
  );
}

/** Records a failed attempt: try again at `retryAt`, or mark dead when `retryAt` is null. */
export async function markFailed(db: Db, d: ClaimedDelivery, error: string, retryAt: Date | null): Promise<void> {
  const state: DeliveryState = retryAt ? 'pending' : 'dead';
  const next = retryAt ? sql`${retryAt.toISOString()}::timestamptz` : sql`next_attempt_at`;
  await db.execute(
    sql`update deliveries set state = ${state}, last_error = ${error.slice(0, 2000)}, next_attempt_at = ${next}
        where id = ${d.id} and state = 'pending'`,
  );
}

/**
 * The held changes a net alert stands for (src/notify/net-change.ts) are settled as skipped on
 * its channel with `note` (which alert covers them), whether a sender judged them already
 * (skipped as superseded) or not yet (pending: nothing else is left to decide for them).
 */
export async function markFoldedInto(db: Db, channel: string, changeIds: readonly number[], note: string): Promise<void> {
  if (changeIds.length === 0) return;
  await db.execute(
    sql`update deliveries set state = 'skipped', rule_note = ${note.slice(0, 2000)}, held_at = null, last_error = null
        where channel = ${channel} and state in ('pending', 'skipped')
          and change_id in (select value::int from jsonb_array_elements_text(${JSON.stringify(changeIds)}::jsonb))`,
  );
}

/** One line of `factwatch deliveries`. */
export interface DeliveryListing {
  id: number;
  kind: DeliveryKind;
  /** "change", or the event's kind: "gone", "recovered". */
  subject: string;
  refId: number;
  source: string;
  channel: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  deliveredAt: Date | null;
  /** What the alert rule decided (null: no rule, or not decided yet). */
  ruleNote: string | null;
}

/** Deliveries of changes and events, newest first; all states, or one; all changes, or one (its report says what was sent). */
export async function listDeliveries(db: Db, opts: { state?: DeliveryState; changeId?: number; changeIds?: readonly number[]; limit?: number } = {}): Promise<DeliveryListing[]> {
  const conditions = [
    ...(opts.state ? [sql`d.state = ${opts.state}`] : []),
    ...(opts.changeId !== undefined ? [sql`d.change_id = ${opts.changeId}`] : []),
    ...(opts.changeIds !== undefined ? [sql`d.change_id in (select value::int from jsonb_array_elements_text(${JSON.stringify(opts.changeIds)}::jsonb))`] : []),
  ];
  const filter = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`
      select d.id, d.kind, coalesce(e.kind, 'change') as subject, coalesce(d.change_id, d.event_id) as ref_id,
        coalesce(c.source_id, e.source_id) as source_id, d.channel, d.state, d.attempts, d.next_attempt_at,
        d.last_error, d.delivered_at, d.rule_note
      from deliveries d
      left join changes c on c.id = d.change_id
      left join source_events e on e.id = d.event_id
      ${filter}
      order by d.id desc
      limit ${opts.limit ?? 100}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind as DeliveryKind,
    subject: String(r.subject),
    refId: Number(r.ref_id),
    source: String(r.source_id),
    channel: String(r.channel),
    state: r.state as DeliveryState,
    attempts: Number(r.attempts),
    nextAttemptAt: toDateOrNull(r.next_attempt_at)!,
    lastError: (r.last_error as string | null) ?? null,
    deliveredAt: toDateOrNull(r.delivered_at),
    ruleNote: (r.rule_note as string | null) ?? null,
  }));
}

/**
 * Puts a delivery back in the queue with a fresh attempt budget (`deliveries retry <id>`), due
 * now. Returns false when no delivery has that id.
 */
export async function requeueDelivery(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await executeRows(
    db,
    sql`update deliveries set state = 'pending', attempts = 0, next_attempt_at = ${now.toISOString()}::timestamptz, held_at = null
        where id = ${id} returning id`,
  );
  return rows.length > 0;
}
