/** Sources: configuration synced from the config file, fetch state, and URL history. */
import { and, arrayOverlaps, asc, eq, inArray, isNull, not, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { sources, sourceUrls } from '../schema.ts';
import type { CheckOutcome } from '../../model/index.ts';
import type { SourceRow, SourceUrlRow } from '../types.ts';

/**
 * The ids of the sources carrying any of `tags`, as a subquery (the GIN index on `sources.tags`
 * finds them): what every tag filter in the store joins, from `changes --tag` to `check --tag`.
 */
export function taggedSourceIds(db: Db, tags: readonly string[]) {
  return db.select({ id: sources.id }).from(sources).where(arrayOverlaps(sources.tags, [...tags]));
}

/** A transaction or the database itself: URL bookkeeping runs inside either. */
type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'execute'>;

export interface SourceConfig {
  id: string;
  url: string;
  profile?: string | null;
  schedule?: string | null;
  timezone?: string | null;
  enabled: boolean;
  /** Kept in the database so the change list, the UI and the feed can filter by tag. */
  tags?: readonly string[];
}

export interface SyncSourcesOptions {
  /**
   * Disable sources that exist in the database but not in `sources` (kept, with their history,
   * but no longer scheduled). Off by default so partial syncs (tests, one-off commands) are safe.
   */
  disableMissing?: boolean;
}

/**
 * Upserts the configured sources. The URL history records the configured URL only when the
 * configuration changes it — comparing against `sources.url`, not the open history row — so a
 * redirect recorded by `recordUrl` is not undone by the next start.
 */
export async function syncSources(
  db: Db,
  configured: SourceConfig[],
  now: Date,
  opts: SyncSourcesOptions = {},
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const source of configured) {
      const [previous] = await tx
        .select({ url: sources.url })
        .from(sources)
        .where(eq(sources.id, source.id))
        .for('update');
      const values = {
        url: source.url,
        profile: source.profile ?? null,
        schedule: source.schedule ?? null,
        timezone: source.timezone ?? null,
        enabled: source.enabled,
        tags: [...(source.tags ?? [])],
      };
      await tx
        .insert(sources)
        .values({ id: source.id, createdAt: now, ...values })
        .onConflictDoUpdate({ target: sources.id, set: values });
      if (!previous || previous.url !== source.url) {
        await openUrl(tx, source.id, source.url, now);
      }
    }
    if (opts.disableMissing) {
      const ids = configured.map((s) => s.id);
      await tx
        .update(sources)
        .set({ enabled: false })
        .where(ids.length > 0 ? not(inArray(sources.id, ids)) : sql`true`);
    }
  });
}

export async function getSource(db: Db, id: string): Promise<SourceRow | null> {
  const [row] = await db.select().from(sources).where(eq(sources.id, id));
  return row ?? null;
}

/** Every tag a source in the database carries, sorted: what a tag filter can match. */
export async function listTags(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ tag: sql<string>`unnest(${sources.tags})` }).from(sources);
  return rows.map((r) => r.tag).sort();
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.select().from(sources).orderBy(asc(sources.id));
}

/**
 * A redirect moved the page: close the open URL row and open one for `url`. Idempotent — a no-op
 * when `url` is already the open one — so the check loop can call it on every redirected fetch.
 */
export async function recordUrl(db: Db, sourceId: string, url: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    // Lock the source so two workers recording the same move do not both open a row.
    await tx.select({ id: sources.id }).from(sources).where(eq(sources.id, sourceId)).for('update');
    await openUrl(tx, sourceId, url, now);
  });
}

/** The URL history of a source, oldest first. */
export async function listSourceUrls(db: Db, sourceId: string): Promise<SourceUrlRow[]> {
  return db
    .select()
    .from(sourceUrls)
    .where(eq(sourceUrls.sourceId, sourceId))
    .orderBy(asc(sourceUrls.validFrom), asc(sourceUrls.id));
}

async function openUrl(tx: Executor, sourceId: string, url: string, now: Date): Promise<void> {
  const [open] = await tx
    .select()
    .from(sourceUrls)
    .where(and(eq(sourceUrls.sourceId, sourceId), isNull(sourceUrls.validTo)));
  if (open?.url === url) return;
  if (open) {
    await tx.update(sourceUrls).set({ validTo: now }).where(eq(sourceUrls.id, open.id));
  }
  // Moving back to a URL closed at this very instant reopens that row instead of duplicating it.
  await tx
    .insert(sourceUrls)
    .values({ sourceId, url, validFrom: now })
    .onConflictDoUpdate({
      target: [sourceUrls.sourceId, sourceUrls.url, sourceUrls.validFrom],
      set: { validTo: null },
    });
}

export interface FetchState {
  etag: string | null;
  lastModified: string | null;
  lastCheckedAt: Date;
  lastOutcome: CheckOutcome;
  failureStreak: number;
  /** Left unchanged when omitted (the scheduler may own it). */
  nextCheckAt?: Date | null;
}

/** Saves what the fetcher needs for the next conditional request and the scheduler's backoff. */
export async function updateFetchState(db: Db, sourceId: string, state: FetchState): Promise<void> {
  await db
    .update(sources)
    .set({
      etag: state.etag,
      lastModified: state.lastModified,
      lastCheckedAt: state.lastCheckedAt,
      lastOutcome: state.lastOutcome,
      failureStreak: state.failureStreak,
      ...(state.nextCheckAt === undefined ? {} : { nextCheckAt: state.nextCheckAt }),
    })
    .where(eq(sources.id, sourceId));
}
