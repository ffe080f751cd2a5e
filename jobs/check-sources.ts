import type { Clock } from '../src/app/clock.ts';
import type { Logger } from '../src/app/log.ts';
import type { ResolvedSource } from '../src/config/resolve-source.ts';
import type { HttpClient } from '../src/fetch/index.ts';
import { checkSource, type CheckResult } from '../src/pipeline/check-source.ts';
import type { ParsePage } from '../src/pipeline/parse-page.ts';
import { toFetchSettings } from '../src/pipeline/fetch-settings.ts';
import { defaultSchedulePolicy, type SchedulePolicy } from '../src/schedule/plan-next-check.ts';
import { runClaimedPass, type ClaimedPassOptions, type PassSummary } from '../src/schedule/run-claimed-pass.ts';
import { settleResult } from '../src/schedule/settle-result.ts';
import type { Db } from '../src/store/open-database.ts';
import type { NewCheck } from '../src/store/queries/checks.ts';
import { settleChecks } from '../src/store/queries/settle-checks.ts';
import { listPassSources } from '../src/store/queries/pass-sources.ts';
import { latestVersionHeads } from '../src/store/queries/versions.ts';
import type { SettledSource } from '../src/store/queries/settle-checks.ts';

export interface CheckPassOptions {
  /** Check only these source ids (in any state, due or not). */
  only?: string[];
  /** Check every enabled source whether due or not. */
  all?: boolean;
  /** How many sources are checked at once (per-host politeness is the fetcher's job). */
  concurrency?: number;
  policy?: SchedulePolicy;
}

type JobDeps = { db: Db; http: HttpClient; clock: Clock; log: Logger; parsePage?: ParsePage };

/**
 * The "check sources" job as a worker runs it (`factwatch watch`): claim due sources under a
 * lease, check them, settle them in batches; repeat until nothing is due. Safe to run in any
 * number of processes against one PostgreSQL.
 */
export async function runScheduledChecks(deps: JobDeps, sources: ResolvedSource[], opts: ClaimedPassOptions): Promise<PassSummary> {
  return runClaimedPass(
    {
      db: deps.db,
      clock: deps.clock,
      log: deps.log,
      check: (source, claim, head) =>
        checkSource(deps, source, toFetchSettings(source.fetch), { dueAt: claim.dueAt, state: claim, head, deferTouch: true, leaseToken: claim.leaseToken }),
      readHeads: (ids) => latestVersionHeads(deps.db, ids),
    },
    sources,
    opts,
  );
}

/**
 * Results settled per batch in a hand-run pass: few enough that the pending rows of a
 * 10,000-source pass are never all held at once, many enough that bookkeeping stays a few
 * statements per batch (the `watch` worker settles the same way).
 */
const SETTLE_EVERY = 500;

/**
 * The "check sources" job run by hand (`factwatch check`): one pass over the due (or named)
 * sources, without leases — it is one process acting now. Check rows of unchanged pages and
 * sources' fetch state are written in batches of `SETTLE_EVERY` as the pass goes, because
 * unchanged checks are most checks and a round trip each would dominate the pass, while holding
 * them all to the end would grow with the pass. Rows for checks that stored a version were
 * already written in that version's transaction.
 */
export async function runCheckPass(deps: JobDeps, sources: ResolvedSource[], opts: CheckPassOptions = {}): Promise<CheckResult[]> {
  const now = deps.clock.now();
  // Only the rows the pass needs (the due ones, unless sources are named or --all): see pass-sources.ts.
  const rows = new Map((await listPassSources(deps.db, now, opts)).map((r) => [r.id, r]));
  const selected = selectSources(rows, sources, now, opts);
  const policy = opts.policy ?? defaultSchedulePolicy;
  const results: CheckResult[] = [];
  const pending: NewCheck[] = [];
  const settled: SettledSource[] = [];
  // One read of every version head up front, and last_seen_at written in the batched settle:
  // an unchanged check then costs no round trip of its own.
  const heads = await latestVersionHeads(deps.db, selected.map((s) => s.id));
  // Batches are written one after another, by whichever worker filled one (it waits: backpressure).
  let settling: Promise<unknown> = Promise.resolve();
  const flush = (): Promise<unknown> => {
    const batch = settled.splice(0);
    const checks = pending.splice(0);
    settling = settling.then(() => settleChecks(deps.db, batch, checks, { leaseToken: null }));
    return settling;
  };
  const queue = [...selected];
  const workers = Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, queue.length)) }, async () => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      const row = rows.get(s.id) ?? null;
      const result = await checkSource(deps, s, toFetchSettings(s.fetch), { ...(row ? { state: row } : {}), head: heads.get(s.id) ?? null, deferTouch: true });
      if (result.pendingCheck) pending.push(result.pendingCheck);
      // Kept for the caller without its check row, which the batched settle writes: a pass holds
      // every result until it ends, and on 10,000 sources the rows were most of its live heap.
      results.push({ ...result, pendingCheck: null });
      const prior = { failureStreak: row?.failureStreak ?? 0, goneStreak: row?.goneStreak ?? 0, goneAt: row?.goneAt ?? null };
      settled.push(settleResult(s, prior, result, deps.clock.now(), policy));
      if (settled.length >= SETTLE_EVERY) await flush();
    }
  });
  // A check throws only when the database fails (fetch and extraction failures are results).
  // Wait for every worker before failing the pass, so none is still writing when the caller
  // retries on its next tick; the sources of unsettled batches stay due.
  const failures = (await Promise.allSettled(workers)).filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length > 0) throw failures[0]!.reason;
  await flush();
  // Results in the order the sources were given, whatever order they finished in.
  const order = new Map(selected.map((s, i) => [s.id, i]));
  return results.sort((a, b) => (order.get(a.sourceId) ?? 0) - (order.get(b.sourceId) ?? 0));
}

function selectSources(
  rows: Map<string, { nextCheckAt: Date | null }>,
  sources: ResolvedSource[],
  now: Date,
  opts: CheckPassOptions,
): ResolvedSource[] {
  if (opts.only?.length) return sources.filter((s) => opts.only!.includes(s.id));
  const enabled = sources.filter((s) => s.enabled);
  if (opts.all) return enabled;
  // `rows` holds the due rows only (listPassSources); a configured source is synced before a pass.
  return enabled.filter((s) => {
    const row = rows.get(s.id);
    return row !== undefined && (!row.nextCheckAt || row.nextCheckAt.getTime() <= now.getTime());
  });
}
