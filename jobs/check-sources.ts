import type { Clock } from '../src/app/clock.ts';
import type { Logger } from '../src/app/log.ts';
import type { ResolvedSource } from '../src/config/resolve-source.ts';
import type { HttpClient } from '../src/fetch/index.ts';
import { checkSource, type CheckResult } from '../src/pipeline/check-source.ts';
import { toFetchSettings } from '../src/pipeline/fetch-settings.ts';
import { nextRunAfter } from '../src/schedule/next-run.ts';
import type { Db } from '../src/store/open-database.ts';
import { recordChecks, type NewCheck } from '../src/store/queries/checks.ts';
import { listSources, updateFetchState } from '../src/store/queries/sources.ts';

export interface CheckPassOptions {
  /** Check only these source ids (in any state, due or not). */
  only?: string[];
  /** Check every enabled source whether due or not. */
  all?: boolean;
  /** How many sources are checked at once (per-host politeness is the fetcher's job). */
  concurrency?: number;
}

/**
 * The "check sources" job: one pass over the due (or named) sources.
 *
 * Check rows for unchanged pages are collected and written in one batch at the end of the pass,
 * because unchanged checks are most checks and a round trip each would dominate the pass.
 * Rows for checks that stored a version were already written in that version's transaction.
 */
export async function runCheckPass(
  deps: { db: Db; http: HttpClient; clock: Clock; log: Logger },
  sources: ResolvedSource[],
  opts: CheckPassOptions = {},
): Promise<CheckResult[]> {
  const now = deps.clock.now();
  const selected = await selectSources(deps.db, sources, now, opts);
  const results: CheckResult[] = [];
  const pending: NewCheck[] = [];
  const queue = [...selected];
  const workers = Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, queue.length)) }, async () => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      const result = await checkSource(deps, s, toFetchSettings(s.fetch));
      results.push(result);
      if (result.pendingCheck) pending.push(result.pendingCheck);
      const failedNow = result.error !== null;
      await updateFetchState(deps.db, s.id, {
        etag: result.fetchState.etag,
        lastModified: result.fetchState.lastModified,
        lastCheckedAt: deps.clock.now(),
        lastOutcome: result.outcome,
        failureStreak: failedNow ? result.previousFailureStreak + 1 : 0,
        nextCheckAt: nextRunAfter(s.schedule, s.timezone, deps.clock.now()),
      });
    }
  });
  await Promise.all(workers);
  if (pending.length) await recordChecks(deps.db, pending);
  // Results in the order the sources were given, whatever order they finished in.
  const order = new Map(selected.map((s, i) => [s.id, i]));
  return results.sort((a, b) => (order.get(a.sourceId) ?? 0) - (order.get(b.sourceId) ?? 0));
}

async function selectSources(db: Db, sources: ResolvedSource[], now: Date, opts: CheckPassOptions): Promise<ResolvedSource[]> {
  if (opts.only?.length) return sources.filter((s) => opts.only!.includes(s.id));
  const enabled = sources.filter((s) => s.enabled);
  if (opts.all) return enabled;
  const rows = new Map((await listSources(db)).map((r) => [r.id, r]));
  return enabled.filter((s) => {
    const next = rows.get(s.id)?.nextCheckAt;
    return !next || next.getTime() <= now.getTime();
  });
}
