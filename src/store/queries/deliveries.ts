/**
 * The notification outboxes: `deliveries` (one row per change and channel, written with the
 * change) and `event_deliveries` (one per gone/recovered event and channel). Both share one id
 * sequence, so a delivery id is unique across them. A sender claims due rows by pushing their
 * next attempt past a lease and counting the attempt *before* sending: a sender that dies
 * mid-send leaves the row to reappear when the lease passes — at least once, never lost.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../open-database.ts';
import { executeRows } from '../execute-rows.ts';
import type { DeliveryState } from '../schema.ts';
import { toDateOrNull } from './leases.ts';

export type DeliveryKind = 'change' | 'event';

/** A claimed delivery: which outbox, which change or event, which channel, which attempt. */
export interface ClaimedDelivery {
  id: number;
  kind: DeliveryKind;
  /** The change id (kind 'change') or source event id (kind 'event'). */
  refId: number;
  channel: string;
  /** Attempts including the one now being made. */
  attempts: number;
}

const TABLE: Record<DeliveryKind, SQL> = { change: sql.raw('deliveries'), event: sql.raw('event_deliveries') };
const REF: Record<DeliveryKind, SQL> = { change: sql.raw('change_id'), event: sql.raw('event_id') };

/** Claims up to `limit` pending deliveries whose next attempt is due, from both outboxes. */
export async function claimDueDeliveries(db: Db, opts: { now: Date; leaseMs: number; limit: number }): Promise<ClaimedDelivery[]> {
  const out: ClaimedDelivery[] = [];
  for (const kind of ['change', 'event'] as const) {
    const left = opts.limit - out.length;
    if (left <= 0) break;
    const rows = await executeRows<Record<string, unknown>>(
      db,
      sql`
        with due as (
          select id from ${TABLE[kind]}
          where state = 'pending' and next_attempt_at <= ${opts.now.toISOString()}::timestamptz
          order by next_attempt_at, id
          limit ${left}
          for update skip locked
        )
        update ${TABLE[kind]} d
        set attempts = d.attempts + 1,
          next_attempt_at = ${new Date(opts.now.getTime() + opts.leaseMs).toISOString()}::timestamptz
        from due where d.id = due.id
        returning d.id, d.${REF[kind]} as ref_id, d.channel, d.attempts`,
    );
    for (const r of rows) {
      out.push({ id: Number(r.id), kind, refId: Number(r.ref_id), channel: String(r.channel), attempts: Number(r.attempts) });
    }
  }
  return out;
}

export async function markDelivered(db: Db, d: ClaimedDelivery, now: Date): Promise<void> {
  await db.execute(
    sql`update ${TABLE[d.kind]} set state = 'delivered', delivered_at = ${now.toISOString()}::timestamptz, last_error = null
        where id = ${d.id}`,
  );
}

/** Records a failed attempt: try again at `retryAt`, or mark dead when `retryAt` is null. */
export async function markFailed(db: Db, d: ClaimedDelivery, error: string, retryAt: Date | null): Promise<void> {
  const state: DeliveryState = retryAt ? 'pending' : 'dead';
  const next = retryAt ? sql`${retryAt.toISOString()}::timestamptz` : sql`next_attempt_at`;
  await db.execute(
    sql`update ${TABLE[d.kind]} set state = ${state}, last_error = ${error.slice(0, 2000)}, next_attempt_at = ${next}
        where id = ${d.id} and state = 'pending'`,
  );
}

/** One line of `factwatch deliveries`. */
export interface DeliveryListing {
  id: number;
  kind: DeliveryKind;
  /** "change 12" or "gone", "recovered". */
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

/** Deliveries of both outboxes, newest first; all states, or one. */
export async function listDeliveries(db: Db, opts: { state?: DeliveryState; limit?: number } = {}): Promise<DeliveryListing[]> {
  const filter = opts.state ? sql`where state = ${opts.state}` : sql``;
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`
      select * from (
        select d.id, 'change' as kind, 'change' as subject, d.change_id as ref_id, c.source_id, d.channel, d.state,
          d.attempts, d.next_attempt_at, d.last_error, d.delivered_at
        from deliveries d join changes c on c.id = d.change_id
        union all
        select d.id, 'event' as kind, e.kind as subject, d.event_id as ref_id, e.source_id, d.channel, d.state,
          d.attempts, d.next_attempt_at, d.last_error, d.delivered_at
        from event_deliveries d join source_events e on e.id = d.event_id
      ) x
      ${filter}
      order by id desc
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
  for (const kind of ['change', 'event'] as const) {
    const rows = await executeRows(
      db,
      sql`update ${TABLE[kind]} set state = 'pending', attempts = 0, next_attempt_at = ${now.toISOString()}::timestamptz
          where id = ${id} returning id`,
    );
    if (rows.length > 0) return true;
  }
  return false;
}

/** A source event with what a notification about it needs. */
export interface SourceEventRow {
  id: number;
  sourceId: string;
  kind: 'gone' | 'recovered';
  occurredAt: Date;
  detail: string | null;
  url: string;
}

export async function getSourceEvent(db: Db, id: number): Promise<SourceEventRow | null> {
  const [r] = await executeRows<Record<string, unknown>>(
    db,
    sql`select e.id, e.source_id, e.kind, e.occurred_at, e.detail, s.url
        from source_events e join sources s on s.id = e.source_id where e.id = ${id}`,
  );
  if (!r) return null;
  return {
    id: Number(r.id),
    sourceId: String(r.source_id),
    kind: r.kind as SourceEventRow['kind'],
    occurredAt: toDateOrNull(r.occurred_at)!,
    detail: (r.detail as string | null) ?? null,
    url: String(r.url),
  };
}
