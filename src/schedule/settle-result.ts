import type { ResolvedSource } from '../config/resolve-source.ts';
import type { RecordedCheck } from '../check/recorded-check.ts';
import type { SettledSource } from '../store/queries/settle-checks.ts';
import { planNextCheck, type SchedulePolicy } from './plan-next-check.ts';

/** The scheduling state of a source before its check (from a claim or a read of `sources`). */
export interface PriorState {
  failureStreak: number;
  goneStreak: number;
  goneAt: Date | null;
}

/**
 * Turns one recorded check into the source state to write: fetch validators, streaks, shrink
 * sightings, the next due slot (with backoff), and a gone/recovered event for the source's channels.
 */
export function settleResult(source: ResolvedSource, prior: PriorState, recorded: RecordedCheck, now: Date, policy: SchedulePolicy): SettledSource {
  const { result } = recorded;
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
    etag: recorded.fetchState.etag,
    lastModified: recorded.fetchState.lastModified,
    lastCheckedAt: now,
    lastOutcome: result.outcome,
    failureStreak: plan.failureStreak,
    goneStreak: plan.goneStreak,
    goneAt: plan.goneAt,
    shrinkHash: recorded.shrink?.contentHash ?? null,
    shrinkSightings: recorded.shrink?.sightings ?? 0,
    nextCheckAt: plan.nextCheckAt,
    event: plan.event ? { kind: plan.event, detail, channels: source.notify } : null,
  };
}
