/**
 * What confirming a change against flapping needs to know (`when.confirm`, src/notify/confirm-change.ts):
 * how many checks saw the change's content, whether it is still the source's latest content,
 * and what the channel was last told about this source. One statement per held delivery.
 */
import { sql, type SQL } from 'drizzle-orm';
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
  /** The source is still checked: enabled in the database (a `watch` disables the sources its configuration no longer has). */
  sourceEnabled: boolean;
  /** When the change was stored: a hold ends at `MAX_HOLD_MS` after it. */
  detectedAt: Date;
}

/**
 * The checks that saw a version (the `agreeing` of `ConfirmationState`): the one that stored it
 * and every later one that found the same content, run-length rows counted by their `repeats`.
 */
function agreeingChecks(sourceId: SQL, versionId: SQL): SQL {
  return sql`(select coalesce(sum(k.repeats), 0) from checks k
    where k.source_id = ${sourceId} and k.version_id = ${versionId} and k.error is null
      and k.outcome in ('new', 'changed', 'unchanged', 'not_modified'))`;
}

/** Null when the change no longer exists. */
export async function confirmationState(db: Db, opts: { changeId: number; channel: string; deliveryId: number }): Promise<ConfirmationState | null> {
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`
      select tv.content_hash,
        tv.seq = (select max(v.seq) from versions v where v.source_id = c.source_id) as is_head,
        ${agreeingChecks(sql`c.source_id`, sql`c.to_version_id`)} as agreeing,
        (select lv.content_hash from deliveries d
          join changes c2 on c2.id = d.change_id
          join versions lv on lv.id = c2.to_version_id
          where d.channel = ${opts.channel} and d.state = 'delivered' and c2.source_id = c.source_id and d.id <> ${opts.deliveryId}
          order by lv.seq desc limit 1) as notified_hash,
        s.last_checked_at, s.enabled, c.detected_at
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
    sourceEnabled: r.enabled === true || r.enabled === 't',
    detectedAt: toDateOrNull(r.detected_at)!,
  };
}

/** How many changes back a held run is followed: a page that flapped longer is described from the oldest one looked at. */
export const MAX_HELD_RUN = 200;

/** A confirmed change and the held changes it stands for (src/notify/net-change.ts). */
export interface HeldRun {
  /** The run's changes, oldest first; the confirmed change is the last. */
  changeIds: number[];
  /** The version the run starts from — what the channel last saw; null when the confirmed change is a first capture. */
  baseVersionId: number | null;
}

/**
 * Follows a confirmed change back through the changes before it that never confirmed on this
 * channel: the change into its from-version is part of the run when that version was seen by
 * fewer than `confirm` checks and the change's delivery on this channel was never sent (it is
 * pending, or was skipped as superseded). The run stops at a version that confirmed (the channel
 * was told of it, or its rule judged it), at a change this channel has no delivery for (history
 * imports notify nobody), at the first capture (every later alert is relative to it, confirmed or
 * not), or after `MAX_HELD_RUN` changes. One recursive statement; each step reads one version's
 * checks.
 */
export async function heldRun(db: Db, opts: { changeId: number; channel: string; confirm: number }): Promise<HeldRun> {
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`
      with recursive run (change_id, source_id, from_version_id, depth) as (
        select c.id, c.source_id, c.from_version_id, 1 from changes c where c.id = ${opts.changeId}
        union all
        select p.id, p.source_id, p.from_version_id, run.depth + 1
        from run
        join changes p on p.source_id = run.source_id and p.to_version_id = run.from_version_id
        where run.depth < ${MAX_HELD_RUN + 1}
          and p.from_version_id is not null
          and exists (select 1 from deliveries d where d.change_id = p.id and d.channel = ${opts.channel} and d.state in ('pending', 'skipped'))
          and ${agreeingChecks(sql`run.source_id`, sql`run.from_version_id`)} < ${opts.confirm}
      )
      select change_id, from_version_id from run order by depth desc`,
  );
  return {
    changeIds: rows.map((r) => Number(r.change_id)),
    baseVersionId: rows[0]?.from_version_id === null || rows[0]?.from_version_id === undefined ? null : Number(rows[0].from_version_id),
  };
}
