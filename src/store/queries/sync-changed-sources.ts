/**
 * Start-up sync for workers and for `check`: `syncSources` locks and upserts every configured row,
 * which makes N workers starting together over thousands of sources queue behind each other, and
 * made every `check` over 100,000 sources spend 86 s writing rows that had not changed. Here one
 * query finds what differs — in the database, so only the differing rows come back rather than
 * every row being shipped to the process and compared there — and only that is written.
 */
import { createHash } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { executeRows } from '../execute-rows.ts';
import type { Db } from '../db.ts';
import { sources } from '../schema.ts';
import { syncSources, type SourceConfig } from './sources.ts';

export interface SyncSummary {
  written: number;
  disabled: number;
}

type Configured = SourceConfig & { schedule: string; timezone: string; tags: readonly string[] };

interface Difference {
  id: string;
  /** 'changed' (or new: `known` false) for a configured source; 'stale' for one no longer configured. */
  kind: 'changed' | 'stale';
  known: boolean;
  schedule: string | null;
  timezone: string | null;
  has_next: boolean;
}

/**
 * Upserts the configured sources that are new or changed, disables the ones no longer configured
 * (unless `disableMissing: false`: a hand-run `check` with another config file must not switch
 * off the sources of the usual one), and, when a source's schedule or time zone changed, moves
 * its next due time onto the new schedule (`nextDue(source)`) so the old schedule's slot is not
 * kept. With nothing changed it writes nothing.
 */
export async function syncChangedSources(
  db: Db,
  configured: Configured[],
  now: Date,
  nextDue: (s: { schedule: string; timezone: string }) => Date,
  opts: { disableMissing?: boolean } = {},
): Promise<SyncSummary> {
  const disableMissing = opts.disableMissing ?? true;
  if (await matchesDatabase(db, configured)) return { written: 0, disabled: 0 };
  const differences = await findDifferences(db, configured, disableMissing);
  const byId = new Map(configured.map((s) => [s.id, s]));
  const changedRows = differences.filter((d) => d.kind === 'changed');
  const changed = changedRows.map((d) => byId.get(d.id)!);
  if (changed.length) await syncSources(db, changed, now);
  for (const d of changedRows) {
    const s = byId.get(d.id)!;
    if (d.known && d.has_next && (d.schedule !== s.schedule || d.timezone !== s.timezone)) {
      await db.update(sources).set({ nextCheckAt: nextDue(s) }).where(eq(sources.id, s.id));
    }
  }
  const stale = differences.filter((d) => d.kind === 'stale').map((d) => d.id);
  if (stale.length) await db.update(sources).set({ enabled: false }).where(inArray(sources.id, stale));
  return { written: changed.length, disabled: stale.length };
}

/**
 * The common case — nothing changed since the last start — in one small answer: a digest of
 * every source row's synced fields, compared with the same digest of the configuration. Each row
 * is the JSON array `[id, url, profile, schedule, timezone, enabled, tags]` as PostgreSQL's
 * `json_build_array` prints it, which `JSON.stringify` reproduces for these values (the tags, slugs,
 * joined by commas into one string); rows sorted
 * by id in byte order. JSON decodes one way only, so equal digests mean equal rows (barring an
 * MD5 collision, which a configuration file is not in a position to aim for); any difference in
 * printing (an exotic character) only sends the sync down the full comparison.
 */
async function matchesDatabase(db: Db, configured: Configured[]): Promise<boolean> {
  const [row] = await executeRows<{ n: number; digest: string | null }>(
    db,
    sql`select count(*)::int as n,
      md5(string_agg(json_build_array(id, url, profile, schedule, timezone, enabled, array_to_string(tags, ','))::text, chr(10) order by id collate "C")) as digest
    from sources`,
  );
  if (!row || Number(row.n) !== configured.length || configured.length === 0) return false;
  const lines = configured
    .map((s) => ({ id: s.id, line: `[${[s.id, s.url, s.profile ?? null, s.schedule, s.timezone, s.enabled, s.tags.join(',')].map((v) => JSON.stringify(v)).join(', ')}]` }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return createHash('md5').update(lines.map((l) => l.line).join('\n'), 'utf8').digest('hex') === row.digest;
}

/**
 * One round trip: the configuration goes in as one JSON parameter, and what comes back is the
 * configured sources that are new or differ in a synced field, plus (when asked) the enabled
 * sources the configuration no longer has, with the old schedule of each changed one.
 */
async function findDifferences(db: Db, configured: Configured[], withStale: boolean): Promise<Difference[]> {
  const config = JSON.stringify(
    configured.map((s) => ({ id: s.id, url: s.url, profile: s.profile ?? null, schedule: s.schedule, timezone: s.timezone, enabled: s.enabled, tags: s.tags.join(',') })),
  );
  const stale = withStale
    ? sql`union all
      select s.id, 'stale'::text, true, s.schedule, s.timezone, s.next_check_at is not null
      from sources s
      where s.enabled and not exists (select 1 from wanted w where w.id = s.id)`
    : sql``;
  return executeRows<Difference & Record<string, unknown>>(
    db,
    sql`with wanted as (
      select * from jsonb_to_recordset(${config}::jsonb)
        as w(id text, url text, profile text, schedule text, timezone text, enabled boolean, tags text)
    )
    select w.id, 'changed'::text as kind, s.id is not null as known, s.schedule, s.timezone, s.next_check_at is not null as has_next
    from wanted w left join sources s on s.id = w.id
    where s.id is null
      or s.url is distinct from w.url
      or s.profile is distinct from w.profile
      or s.schedule is distinct from w.schedule
      or s.timezone is distinct from w.timezone
      or s.enabled is distinct from w.enabled
      or array_to_string(s.tags, ',') is distinct from w.tags
    ${stale}`,
  );
}
