/**
 * Where the verdicts of live checks are recorded: the one writer of a pass.
 *
 * A check decides; the sink writes. A new version is written at once, in one statement with
 * everything hanging off it (store-version.ts), carrying what it expects — the head it was
 * diffed against and, under a lease, the claim — so a second writer makes it do nothing instead
 * of storing over it. Everything else a check leaves behind (its check row, the version's
 * `last_seen_at`, the source's validators, streaks, shrink sightings, next due slot and any
 * gone/recovered event) is batched: unchanged checks are nearly all checks, and a round trip
 * each would dominate a pass (settle-checks.ts). `flushEvery: 1` makes it immediate.
 */
import type { Clock } from '../app/clock.ts';
import type { ResolvedSource } from '../config/resolve-source.ts';
import { defaultSchedulePolicy, type SchedulePolicy } from '../schedule/plan-next-check.ts';
import { settleResult } from '../schedule/settle-result.ts';
import type { Db } from '../store/db.ts';
import { createFigureLabeller, figureLabelKey } from '../describe/label-figures.ts';
import type { FigureLabels } from '../judge/verdict.ts';
import { refreshSeriesFacts } from '../store/queries/refresh-series-facts.ts';
import { settleChecks, type SettledSource } from '../store/queries/settle-checks.ts';
import { recordUrl } from '../store/queries/sources.ts';
import { storeVersion, type StoreOutcome, type StoreVersionInput } from '../store/queries/store-version.ts';
import type { NewCheck } from '../store/types.ts';
import type { RecordedCheck } from './recorded-check.ts';
import type { SourceState } from './source-state.ts';

export interface CheckSink {
  /**
   * Stores a version now, fenced by the sink's lease when it has one. `labels` are the judge's
   * labels of its figures (verdict.ts), used when the batch's series facts are refreshed.
   */
  storeVersion(input: Omit<StoreVersionInput, 'fence'> & { labels?: FigureLabels | undefined }): Promise<StoreOutcome>;
  /** The page answered from a new URL: kept in the source's URL history at once (rare). */
  recordUrl(sourceId: string, url: string, at: Date): Promise<void>;
  /** Records a finished check (batched). A check that lost its lease records nothing. */
  record(source: ResolvedSource, state: SourceState, check: RecordedCheck): Promise<void>;
  /** Writes what is batched; resolves to the ids of every source this sink has settled so far. */
  flush(): Promise<Set<string>>;
}

export interface PassSinkOptions {
  /** The claim whose sources this sink settles; null for a hand-run pass (no leases). */
  leaseToken: string | null;
  /** Results per batch written; `Infinity` writes only on `flush()`. */
  flushEvery: number;
  policy?: SchedulePolicy;
}

export function createPassSink(deps: { db: Db; clock: Clock }, opts: PassSinkOptions): CheckSink {
  const policy = opts.policy ?? defaultSchedulePolicy;
  let settled: SettledSource[] = [];
  let pending: NewCheck[] = [];
  const written = new Set<string>();
  /** Sources that got a version since the last flush: their series facts are refreshed with it. */
  let revised = new Set<string>();
  /** The judge's labels of the figures stored since the last flush, by `figureLabelKey`. */
  let judged = new Map<string, string>();
  const labeller = createFigureLabeller();
  // Batches are written one after another, by whichever check filled one (it waits: backpressure).
  let writing: Promise<unknown> = Promise.resolve();
  const flush = async (): Promise<Set<string>> => {
    const batch = settled;
    const checks = pending;
    const refresh = [...revised];
    const labels = judged;
    settled = [];
    pending = [];
    revised = new Set();
    judged = new Map();
    const write = writing.then(async () => {
      for (const id of await settleChecks(deps.db, batch, checks, { leaseToken: opts.leaseToken })) written.add(id);
      // The batch's new versions advance their series; `facts` computes any source missed here
      // itself. Labels come from the judge's thread; the labeller here only covers what it missed.
      await refreshSeriesFacts(deps.db, refresh, { label: (f) => labels.get(figureLabelKey(f)) ?? labeller(f) });
    });
    writing = write;
    await write;
    return written;
  };
  return {
    async storeVersion({ labels, ...input }) {
      const outcome = await storeVersion(deps.db, { ...input, fence: opts.leaseToken ? { leaseToken: opts.leaseToken, now: deps.clock.now() } : null });
      if (outcome.kind === 'stored') {
        revised.add(input.sourceId);
        for (const [key, label] of Object.entries(labels ?? {})) judged.set(key, label);
      }
      return outcome;
    },
    recordUrl: (sourceId, url, at) => recordUrl(deps.db, sourceId, url, at),
    async record(source, state, recorded) {
      if (recorded.result.leaseLost) return;
      if (recorded.check) pending.push(recorded.check);
      settled.push(settleResult(source, state, recorded, deps.clock.now(), policy));
      if (settled.length >= opts.flushEvery) await flush();
    },
    flush,
  };
}
