/**
 * What confirming a change against flapping needs to know (`when.confirm`, src/notify/confirm-change.ts):
 * how many checks saw the change's content, whether it is still the source's latest content,
 * and what the channel was last told about this source. One statement per held delivery.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { executeRows } from '../execute-rows.ts';
import { toDateOrNull } from './leases.ts';

export interface ConfirmationState {
  /**
   * Checks that saw the change's version: the one that stored it and every later check that
   * found the same content (run-length rows count their `repeats`). Failed checks saw nothing
   * and count neither way.
   */
  agreeing: number;
  /** The change's version is still the source's latest. */
  isHead: boolean;
  /** The content hash of the change's version. */
  contentHash: string;
  /** The content hash of the last change delivered to this channel for this source, if any. */
  notifiedHash: string | null;
  /** The source's last check, or null if it was never checked. */
  lastCheckedAt: Date | null;
}

/** Null when the change no longer exists. */
export async function confirmationState(db: Db, opts: { changeId: number; channel: string; deliveryId: number }): Promise<ConfirmationState | null> {
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`
      select tv.content_hash,
        tv.seq = (select max(v.seq) from versions v where v.source_id = c.source_id) as is_head,
        (select coalesce(sum(k.repeats), 0) from checks k
          where k.source_id = c.source_id and k.version_id = c.to_version_id and k.error is null
            and k.outcome in ('new', 'changed', 'unchanged', 'not_modified')) as agreeing,
        (select lv.content_hash from deliveries d
          join changes c2 on c2.id = d.change_id
          join versions lv on lv.id = c2.to_version_id
          where d.channel = ${opts.channel} and d.state = 'delivered' and c2.source_id = c.source_id and d.id <> ${opts.deliveryId}
          order by lv.seq desc limit 1) as notified_hash,
        s.last_checked_at
      from changes c
      join versions tv on tv.id = c.to_version_id
      join sources s on s.id = c.source_id
      where c.id = ${opts.changeId}`,
  );
  const r = rows[0];
  if (!r) return null;
  return {
    agreeing: Number(r.agreeing),
    isHead: r.is_head === true || r.is_head === 't',
    contentHash: String(r.content_hash),
    notifiedHash: (r.notified_hash as string | null) ?? null,
    lastCheckedAt: toDateOrNull(r.last_checked_at),
  };
}
