/**
 * A pass run by hand (`factwatch check`, the demo, the bench): one pass over the due (or named)
 * sources, without leases — it is one process acting now. What it writes goes through one sink
 * that settles every `SETTLE_EVERY` results: few enough that the pending rows of a 10,000-source
 * pass are never all held at once, many enough that bookkeeping stays a few statements per batch.
 */
import type { ResolvedSource } from '../config/resolve-source.ts';
import type { SchedulePolicy } from '../schedule/plan-next-check.ts';
import { listPassSources } from '../store/queries/pass-sources.ts';
import { latestVersionHeads } from '../store/queries/versions.ts';
import type { SourceRow } from '../store/types.ts';
import { createPassSink } from './check-sink.ts';
import type { CheckDeps, CheckResult } from './check-source.ts';
import { runPass, type PassWork } from './run-pass.ts';
import { FIRST_CHECK } from './source-state.ts';

export interface CheckPassOptions {
  /** Check only these source ids (in any state, due or not). */
  only?: string[];
  /** Check every enabled source whether due or not. */
  all?: boolean;
  /** How many sources are checked at once (per-host politeness is the fetcher's job). */
  concurrency?: number;
  policy?: SchedulePolicy;
}

const SETTLE_EVERY = 500;

/**
 * Returns the results in the order the sources were given. A check throws only when the
 * database fails; then the pass stops, and the sources of unsettled batches stay due.
 */
export async function runCheckPass(deps: CheckDeps, sources: ResolvedSource[], opts: CheckPassOptions = {}): Promise<CheckResult[]> {
  const now = deps.clock.now();
  // Only the rows the pass needs (the due ones, unless sources are named or --all): see pass-sources.ts.
  const rows = new Map((await listPassSources(deps.db, now, opts)).map((r) => [r.id, r]));
  const selected = selectSources(rows, sources, now, opts);
  // One read of every version head up front: an unchanged check then costs no round trip of its own.
  const heads = await latestVersionHeads(deps.db, selected.map((s) => s.id));
  const sink = createPassSink(deps, { leaseToken: null, flushEvery: SETTLE_EVERY, ...(opts.policy ? { policy: opts.policy } : {}) });
  const results: CheckResult[] = [];
  const work = selected.map((source): PassWork => ({ source, state: stateOf(rows.get(source.id), heads.get(source.id) ?? null) }));
  await runPass(deps, { work, concurrency: Math.min(opts.concurrency ?? 4, Math.max(1, work.length)), sink, onResult: (r) => results.push(r) });
  await sink.flush();
  const order = new Map(selected.map((s, i) => [s.id, i]));
  return results.sort((a, b) => (order.get(a.sourceId) ?? 0) - (order.get(b.sourceId) ?? 0));
}

function stateOf(row: SourceRow | undefined, head: PassWork['state']['head']): PassWork['state'] {
  if (!row) return { ...FIRST_CHECK, dueAt: null, head, leaseToken: null };
  return {
    dueAt: null,
    etag: row.etag,
    lastModified: row.lastModified,
    failureStreak: row.failureStreak,
    goneStreak: row.goneStreak,
    goneAt: row.goneAt,
    shrinkHash: row.shrinkHash,
    shrinkSightings: row.shrinkSightings,
    head,
    leaseToken: null,
  };
}

function selectSources(rows: Map<string, { nextCheckAt: Date | null }>, sources: ResolvedSource[], now: Date, opts: CheckPassOptions): ResolvedSource[] {
  if (opts.only?.length) return sources.filter((s) => opts.only!.includes(s.id));
  const enabled = sources.filter((s) => s.enabled);
  if (opts.all) return enabled;
  // `rows` holds the due rows only (listPassSources); a configured source is synced before a pass.
  return enabled.filter((s) => {
    const row = rows.get(s.id);
    return row !== undefined && (!row.nextCheckAt || row.nextCheckAt.getTime() <= now.getTime());
  });
}
