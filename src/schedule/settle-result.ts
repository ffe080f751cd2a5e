import type { ResolvedSource } from '../config/resolve-source.ts';
import type { CheckResult } from '../pipeline/check-source.ts';
import type { SettledSource } from '../store/queries/settle-checks.ts';
import { planNextCheck, type SchedulePolicy } from './plan-next-check.ts';

/** The scheduling state of a source before its check (from a claim or a read of `sources`). */
export interface PriorState {
  failureStreak: number;
  goneStreak: number;
  goneAt: Date | null;
}

/**
 * Turns one check result into the source state to write: fetch validators, streaks, the next
 * due slot (with backoff), and a gone/recovered event for the source's channels.
 */
export function settleResult(source: ResolvedSource, prior: PriorState, result: CheckResult, now: Date, policy: SchedulePolicy): SettledSource {
  const plan = planNextCheck(
    { schedule: source.schedule, timezone: source.timezone, ...prior },
    { failed: result.error !== null, gone: result.outcome === 'gone' },
    now,
    policy,
  );
  const detail =
    plan.event === 'gone'
      ? `${result.error?.message ?? 'gone'} (${plan.goneStreak} checks in a row)`
      : plan.event === 'recovered'
        ? `answering again (${result.outcome})`
        : null;
  return {
    sourceId: source.id,
    etag: result.fetchState.etag,
    lastModified: result.fetchState.lastModified,
    lastCheckedAt: now,
    lastOutcome: result.outcome,
    failureStreak: plan.failureStreak,
    goneStreak: plan.goneStreak,
    goneAt: plan.goneAt,
    nextCheckAt: plan.nextCheckAt,
    event: plan.event ? { kind: plan.event, detail, channels: source.notify } : null,
  };
}
