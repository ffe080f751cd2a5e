/**
 * Claiming due sources across workers. PostgreSQL is the coordinator: a worker takes a batch of
 * due, unleased sources with `FOR UPDATE SKIP LOCKED` (two workers never wait on or take the
 * same row) and stamps them with a lease — its owner id and an expiry. A worker that dies simply
 * stops renewing: when `lease_until` passes, the source is due and unleased again, and the next
 * claim by anyone takes it. Times come from the caller's clock, never from SQL `now()`.
 *
 * Each claim also writes a fresh `lease_token`. Renewal, release, settling and storing a version
 * all name that token, so a worker that lost its lease (it expired while a slow check ran, and
 * another worker claimed the source) changes nothing: its token is no longer there.
 */
import { randomUUID } from 'node:crypto';
import { arrayOverlaps, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { executeRows } from '../execute-rows.ts';
import { sources } from '../schema.ts';

/** A source this worker now holds, with the state its check and scheduling need. */
export interface ClaimedSource {
  id: string;
  /** The schedule slot being served (`next_check_at` when claimed); null for a never-checked source. */
  dueAt: Date | null;
  etag: string | null;
  lastModified: string | null;
  failureStreak: number;
  goneStreak: number;
  goneAt: Date | null;
  shrinkHash: string | null;
  shrinkSightings: number;
  leaseUntil: Date;
  /** This claim's token: what every write under the lease carries. */
  leaseToken: string;
}

export interface ClaimOptions {
  owner: string;
  now: Date;
  leaseMs: number;
  limit: number;
  /** Sources not to claim (a pass is already done with them). */
  exclude?: string[];
  /** Only sources carrying any of these tags (`watch --tag`); none: every source. */
  tags?: readonly string[];
}

/** Takes up to `limit` due sources, most overdue first, leased to `owner` until now + leaseMs. */
export async function claimDueSources(db: Db, opts: ClaimOptions): Promise<ClaimedSource[]> {
  const now = opts.now.toISOString();
  const until = new Date(opts.now.getTime() + opts.leaseMs).toISOString();
  const token = `${opts.owner}/${randomUUID()}`;
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`
      with due as (
        select id, next_check_at from sources
        where enabled
          and (next_check_at is null or next_check_at <= ${now}::timestamptz)
          and (lease_until is null or lease_until <= ${now}::timestamptz)
          ${opts.exclude?.length ? sql`and id not in (select jsonb_array_elements_text(${JSON.stringify(opts.exclude)}::jsonb))` : sql``}
          ${opts.tags?.length ? sql`and ${arrayOverlaps(sources.tags, [...opts.tags])}` : sql``}
        order by next_check_at asc nulls first, id
        limit ${opts.limit}
        for update skip locked
      )
      update sources s
      set lease_owner = ${opts.owner}, lease_until = ${until}::timestamptz, lease_token = ${token}
      from due
      where s.id = due.id
      returning s.id, due.next_check_at as due_at, s.etag, s.last_modified, s.failure_streak,
        s.gone_streak, s.gone_at, s.shrink_hash, s.shrink_sightings, s.lease_until`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    dueAt: toDateOrNull(r.due_at),
    etag: (r.etag as string | null) ?? null,
    lastModified: (r.last_modified as string | null) ?? null,
    failureStreak: Number(r.failure_streak),
    goneStreak: Number(r.gone_streak),
    goneAt: toDateOrNull(r.gone_at),
    shrinkHash: (r.shrink_hash as string | null) ?? null,
    shrinkSightings: Number(r.shrink_sightings ?? 0),
    leaseUntil: toDateOrNull(r.lease_until) ?? new Date(until),
    leaseToken: token,
  }));
}

/**
 * Pushes the expiry of the leases a claim still holds (a long batch must not lose its sources).
 * A lease that already ran out is not revived: another worker may have claimed it meanwhile, and
 * even if none did, the holder's writes are fenced off from the moment it expired.
 */
export async function extendLeases(db: Db, token: string, ids: string[], now: Date, until: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await executeRows(
    db,
    sql`update sources set lease_until = ${until.toISOString()}::timestamptz
        where lease_token = ${token} and lease_until > ${now.toISOString()}::timestamptz
          and id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
        returning id`,
  );
  return rows.length;
}

/**
 * Gives sources back unchecked (graceful shutdown): the due time stays as it was, so the next
 * claim by any worker takes them at once instead of after the lease would have expired.
 */
export async function releaseLeases(db: Db, token: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`update sources set lease_owner = null, lease_until = null, lease_token = null
        where lease_token = ${token} and id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
  );
}

/** Reads a timestamp from a raw row: drivers give `Date`s or strings. */
export function toDateOrNull(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(String(v));
}
