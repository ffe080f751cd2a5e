import type { ResolvedSource } from '../config/resolve-source.ts';
import { createPassSink } from '../check/check-sink.ts';
import type { CheckDeps } from '../check/check-source.ts';
import { runPass, type PassOptions, type PassWork } from '../check/run-pass.ts';
import { claimDueSources, extendLeases, releaseLeases, type ClaimedSource } from '../store/queries/leases.ts';
import { latestVersionHeads, type VersionHead } from '../store/queries/versions.ts';
import { loggable } from '../store/pg-error.ts';
import type { SchedulePolicy } from './plan-next-check.ts';

export interface ClaimedPassOptions {
  /** This worker's lease owner id (unique per process). */
  owner: string;
  /** How long a claim holds before another worker may take the source; renewed while checking. */
  leaseMs: number;
  /** Sources claimed (and settled) per round trip. */
  batchSize: number;
  /** Checks running at once in this worker (per-host politeness is the fetcher's job on top). */
  concurrency: number;
  policy?: SchedulePolicy;
  /** Stop claiming; checks in flight finish, claimed-but-unstarted sources are released. */
  signal?: AbortSignal;
  /** Claim only sources carrying any of these tags (`watch --tag`); none: every due source. */
  tags?: readonly string[];
  /** Real-time timer for lease renewal; injectable so tests need not wait. */
  setInterval?: (fn: () => void, ms: number) => { unref?(): void } | NodeJS.Timeout;
  clearInterval?: (handle: unknown) => void;
}

export interface ClaimedPassDeps extends CheckDeps {
  /** Reads the version heads of a claimed batch in one round trip; replaceable in tests. */
  readHeads?(sourceIds: string[]): Promise<Map<string, VersionHead>>;
  /** Runs one check; `checkSource` unless a test replaces it. */
  check?: PassOptions['check'];
}

export interface PassSummary {
  checked: number;
  /** Outcome → count. */
  outcomes: Record<string, number>;
  changes: number;
  failed: number;
  /** Checks whose result could not be written because the lease had been taken over. */
  lostLeases: number;
}

/**
 * The pass a `watch` worker runs: claims due sources batch by batch until none is due (or
 * `signal` aborts), checks each batch through the one pass engine (`runPass`), and settles it
 * with the batch's lease token: the next due slot, streaks, lease release and events. Safe to
 * run in any number of processes against one database. A source that is claimed but unknown to
 * this worker's configuration, or whose check could not be completed (the database failed while
 * working for it), is released and not claimed again in this pass: one source can never keep a
 * pass claiming it over and over (issue 13: ~200 requests a second to one site, and
 * `watch --once` never ending).
 */
export async function runClaimedPass(deps: ClaimedPassDeps, sources: ResolvedSource[], opts: ClaimedPassOptions): Promise<PassSummary> {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const summary: PassSummary = { checked: 0, outcomes: {}, changes: 0, failed: 0, lostLeases: 0 };
  /** Sources this pass is done with, settled or not: never claimed again before it ends. */
  const skipped = new Set<string>();

  while (!opts.signal?.aborted) {
    const claimed = await claimDueSources(deps.db, {
      owner: opts.owner,
      now: deps.clock.now(),
      leaseMs: opts.leaseMs,
      limit: opts.batchSize,
      exclude: [...skipped],
      ...(opts.tags?.length ? { tags: opts.tags } : {}),
    });
    if (claimed.length === 0) break;
    const unknown = claimed.filter((c) => !byId.has(c.id));
    if (unknown.length) {
      deps.log.warn({ sources: unknown.map((c) => c.id) }, 'claimed sources that are not in this configuration; released');
      await releaseLeases(deps.db, unknown[0]!.leaseToken, unknown.map((c) => c.id));
      unknown.forEach((c) => skipped.add(c.id));
    }
    const known = claimed.filter((c) => byId.has(c.id));
    if (known.length === 0) continue;
    const given = await checkBatch(deps, byId, known, opts, summary);
    // Settled sources carry their next due time; the rest must not come straight back.
    given.forEach((id) => skipped.add(id));
  }
  return summary;
}

/**
 * Checks one claimed batch and settles it. Everything after the claim sits inside one
 * `try/finally`, renewal timer included: whatever fails — the read of the heads, a check, the
 * settle — the timer stops and every source of the batch not settled is given back, so a
 * database blip can never leave a live worker renewing a batch it no longer checks (issue 13:
 * 100 of 300 sources were never checked again after a PostgreSQL restart).
 */
async function checkBatch(deps: ClaimedPassDeps, byId: Map<string, ResolvedSource>, claimed: ClaimedSource[], opts: ClaimedPassOptions, summary: PassSummary): Promise<string[]> {
  const token = claimed[0]!.leaseToken;
  const setTimer = opts.setInterval ?? setInterval;
  const clearTimer = opts.clearInterval ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout));
  /** Sources this claim still holds and has not settled: renewed while checking, given back at the end. */
  const held = new Set(claimed.map((c) => c.id));
  let written = new Set<string>();
  let renew: unknown = null;
  try {
    renew = setTimer(() => {
      const now = deps.clock.now();
      extendLeases(deps.db, token, [...held], now, new Date(now.getTime() + opts.leaseMs)).catch((err: unknown) =>
        deps.log.error({ err: loggable(err) }, 'lease renewal failed'),
      );
    }, Math.max(1, Math.floor(opts.leaseMs / 3)));
    (renew as { unref?(): void }).unref?.();

    const heads = await (deps.readHeads ?? ((ids: string[]) => latestVersionHeads(deps.db, ids)))(claimed.map((c) => c.id));
    const sink = createPassSink(deps, { leaseToken: token, flushEvery: Infinity, ...(opts.policy ? { policy: opts.policy } : {}) });
    const work = claimed.map((c): PassWork => ({ source: byId.get(c.id)!, state: { ...c, head: heads.get(c.id) ?? null } }));
    /** Sources whose result went to the sink (settled, or refused by the fence at the settle). */
    const recorded = new Set<string>();
    await runPass(deps, {
      work,
      concurrency: Math.min(opts.concurrency, work.length),
      sink,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(deps.check ? { check: deps.check } : {}),
      onResult(result, w) {
        if (result.leaseLost) {
          // Another claim holds the source now: this worker writes nothing more for it.
          summary.lostLeases++;
          held.delete(w.source.id);
          return;
        }
        recorded.add(w.source.id);
        summary.checked++;
        summary.outcomes[result.outcome] = (summary.outcomes[result.outcome] ?? 0) + 1;
        if (result.stored) summary.changes++;
        if (result.error) summary.failed++;
      },
      onError(err, w) {
        // Not a check failure (those come back as results, a page the database refused
        // included): the database failed. The source is released below and re-claimed later.
        deps.log.warn({ source: w.source.id, err: loggable(err) }, 'check could not be completed; releasing the source');
      },
    });
    written = await sink.flush();
    summary.lostLeases += recorded.size - written.size;
    // Settled sources had their lease released by the settle; a settle the fence refused lost it.
    for (const id of recorded) held.delete(id);
  } finally {
    if (renew !== null) clearTimer(renew);
    // Everything not settled — aborted before its turn, or failed outside the check — goes back.
    const unsettled = [...held];
    await releaseLeases(deps.db, token, unsettled).catch((err: unknown) =>
      // The database is away: the leases run out on their own (renewal has stopped).
      deps.log.warn({ err: loggable(err), sources: unsettled.length }, 'could not give back leases; they expire'),
    );
  }
  return claimed.map((c) => c.id).filter((id) => !written.has(id));
}
