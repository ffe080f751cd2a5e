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
import { toDateOrNull } from './leases.ts';

export type { DeliveryKind } from '../schema.ts';

/** A claimed delivery: what it notifies (a change or an event), on which channel, which attempt. */
export interface ClaimedDelivery {
  id: number;
  kind: DeliveryKind;
  /** The change id (kind 'change') or source event id (kind 'event'). */
  refId: number;
  channel: string;
  /** Attempts including the one now being made. */
  attempts: number;
}

/**
 * Claims up to `limit` pending deliveries whose next attempt is due, changes and events alike,
 * oldest due first. `skip locked` lets concurrent senders take disjoint rows without waiting.
 */
export async function claimDueDeliveries(db: Db, opts: { now: Date; leaseMs: number; limit: number }): Promise<ClaimedDelivery[]> {
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`
      with due as (
        select id from deliveries
        where state = 'pending' and next_attempt_at <= ${opts.now.toISOString()}::timestamptz
        order by next_attempt_at, id
        limit ${opts.limit}
        for update skip locked
      )
      update deliveries d
      set attempts = d.attempts + 1,
        next_attempt_at = ${new Date(opts.now.getTime() + opts.leaseMs).toISOString()}::timestamptz
      from due where d.id = due.id
      returning d.id, d.kind, coalesce(d.change_id, d.event_id) as ref_id, d.channel, d.attempts`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind as DeliveryKind,
    refId: Number(r.ref_id),
    channel: String(r.channel),
    attempts: Number(r.attempts),
  }));
}

export async function markDelivered(db: Db, d: ClaimedDelivery, now: Date): Promise<void> {
  await db.execute(
    sql`update deliveries set state = 'delivered', delivered_at = ${now.toISOString()}::timestamptz, last_error = null
        where id = ${d.id}`,
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
}

/** Deliveries of changes and events, newest first; all states, or one. */
export async function listDeliveries(db: Db, opts: { state?: DeliveryState; limit?: number } = {}): Promise<DeliveryListing[]> {
  const filter = opts.state ? sql`where d.state = ${opts.state}` : sql``;
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`
      select d.id, d.kind, coalesce(e.kind, 'change') as subject, coalesce(d.change_id, d.event_id) as ref_id,
        coalesce(c.source_id, e.source_id) as source_id, d.channel, d.state, d.attempts, d.next_attempt_at,
        d.last_error, d.delivered_at
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
  }));
}

/**
 * Puts a delivery back in the queue with a fresh attempt budget (`deliveries retry <id>`), due
 * now. Returns false when no delivery has that id.
 */
export async function requeueDelivery(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await executeRows(
    db,
    sql`update deliveries set state = 'pending', attempts = 0, next_attempt_at = ${now.toISOString()}::timestamptz
        where id = ${id} returning id`,
  );
  return rows.length > 0;
}
