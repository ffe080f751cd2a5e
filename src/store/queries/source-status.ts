/** What `factwatch status` shows per source: schedule, last outcome, last change, lease. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { executeRows } from '../execute-rows.ts';
import { toDateOrNull } from './leases.ts';

export interface SourceStatus {
  id: string;
  enabled: boolean;
  schedule: string | null;
  timezone: string | null;
  lastCheckedAt: Date | null;
  lastOutcome: string | null;
  lastChangeAt: Date | null;
  nextCheckAt: Date | null;
  failureStreak: number;
  goneAt: Date | null;
  leaseOwner: string | null;
  leaseUntil: Date | null;
}

export async function listSourceStatus(db: Db): Promise<SourceStatus[]> {
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`
      select s.id, s.enabled, s.schedule, s.timezone, s.last_checked_at, s.last_outcome, s.next_check_at,
        s.failure_streak, s.gone_at, s.lease_owner, s.lease_until, c.last_change_at
      from sources s
      left join (select source_id, max(detected_at) as last_change_at from changes group by source_id) c
        on c.source_id = s.id
      order by s.id`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    enabled: Boolean(r.enabled),
    schedule: (r.schedule as string | null) ?? null,
    timezone: (r.timezone as string | null) ?? null,
    lastCheckedAt: toDateOrNull(r.last_checked_at),
    lastOutcome: (r.last_outcome as string | null) ?? null,
    lastChangeAt: toDateOrNull(r.last_change_at),
    nextCheckAt: toDateOrNull(r.next_check_at),
    failureStreak: Number(r.failure_streak),
    goneAt: toDateOrNull(r.gone_at),
    leaseOwner: (r.lease_owner as string | null) ?? null,
    leaseUntil: toDateOrNull(r.lease_until),
  }));
}
