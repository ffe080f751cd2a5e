/**
 * Start-up sync for long-running workers: `syncSources` locks and upserts every configured row,
 * which is right for one command but makes N workers starting together over thousands of sources
 * queue behind each other. Here one read finds what differs, and only that is written.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../open-database.ts';
import { sources } from '../schema.ts';
import { listSources, syncSources, type SourceConfig } from './sources.ts';

export interface SyncSummary {
  written: number;
  disabled: number;
}

/**
 * Upserts the configured sources that are new or changed, disables the ones no longer configured,
 * and, when a source's schedule or time zone changed, moves its next due time onto the new
 * schedule (`nextDue(source)`) so the old schedule's slot is not kept.
 */
export async function syncChangedSources(
  db: Db,
  configured: Array<SourceConfig & { schedule: string; timezone: string }>,
  now: Date,
  nextDue: (s: { schedule: string; timezone: string }) => Date,
): Promise<SyncSummary> {
  const rows = new Map((await listSources(db)).map((r) => [r.id, r]));
  const changed = configured.filter((s) => {
    const r = rows.get(s.id);
    return !r || r.url !== s.url || r.profile !== (s.profile ?? null) || r.schedule !== s.schedule || r.timezone !== s.timezone || r.enabled !== s.enabled;
  });
  if (changed.length) await syncSources(db, changed, now);
  for (const s of changed) {
    const r = rows.get(s.id);
    if (r && r.nextCheckAt && (r.schedule !== s.schedule || r.timezone !== s.timezone)) {
      await db.update(sources).set({ nextCheckAt: nextDue(s) }).where(eq(sources.id, s.id));
    }
  }
  const ids = new Set(configured.map((s) => s.id));
  const stale = [...rows.values()].filter((r) => r.enabled && !ids.has(r.id)).map((r) => r.id);
  if (stale.length) await db.update(sources).set({ enabled: false }).where(inArray(sources.id, stale));
  return { written: changed.length, disabled: stale.length };
}
