import type { SourceEventKind } from '../model/index.ts';
import { backoff } from '../app/backoff.ts';
import { nextRunAfter } from './next-run.ts';

/**
 * What the scheduler does after a failed check. Defaults are for fact pages that change a few
 * times a year: a failing source is retried on its own schedule, but never sooner than the
 * backoff, which doubles per consecutive failure up to a cap — so a dead host on a one-minute
 * schedule is asked at most every few hours, while a daily source is not delayed by it at all.
 */
export interface SchedulePolicy {
  /** Backoff after the first failure; doubles with each further consecutive failure. */
  backoffBaseMs: number;
  /** The longest backoff, whatever the streak. */
  backoffMaxMs: number;
  /** Consecutive 404/410 answers after which the page is declared gone (one notification). */
  goneAfter: number;
}

export const defaultSchedulePolicy: SchedulePolicy = {
  backoffBaseMs: 60_000,
  backoffMaxMs: 6 * 3_600_000,
  goneAfter: 3,
};

/** The state of a source before a check, as the claim read it. */
export interface SourceScheduleState {
  schedule: string;
  timezone: string;
  failureStreak: number;
  goneStreak: number;
  goneAt: Date | null;
}

/** The outcome of a check, as far as scheduling cares. */
export interface CheckVerdict {
  /** The check failed (fetch error, gone, blocked, extraction failure). */
  failed: boolean;
  /** The server answered 404 or 410. */
  gone: boolean;
}

export interface NextCheckPlan {
  nextCheckAt: Date;
  failureStreak: number;
  goneStreak: number;
  goneAt: Date | null;
  /** A notification to send about the source itself, at most one per transition. */
  event: SourceEventKind | null;
}

/**
 * Decides the next due time, the streaks and whether the page has just gone or come back.
 * Pure: `now` comes from the caller's clock. The next due time is always a slot of the source's
 * own schedule (the first one after the backoff), so schedules stay aligned across workers.
 */
export function planNextCheck(state: SourceScheduleState, verdict: CheckVerdict, now: Date, policy: SchedulePolicy = defaultSchedulePolicy): NextCheckPlan {
  const failureStreak = verdict.failed ? state.failureStreak + 1 : 0;
  const goneStreak = verdict.gone ? state.goneStreak + 1 : 0;
  // No jitter: the wait is rounded up to a slot of the source's schedule below, and the plan
  // stays a pure function of its inputs.
  const wait = backoff({ attempt: failureStreak, baseMs: policy.backoffBaseMs, maxMs: policy.backoffMaxMs, jitter: 'none' });
  // "After now + wait" minus 1 ms so that a slot exactly at the end of the backoff still counts.
  const from = wait > 0 ? new Date(now.getTime() + wait - 1) : now;
  const nextCheckAt = nextRunAfter(state.schedule, state.timezone, from);

  let goneAt = state.goneAt;
  let event: NextCheckPlan['event'] = null;
  if (!state.goneAt && verdict.gone && goneStreak >= policy.goneAfter) {
    goneAt = now;
    event = 'gone';
  } else if (state.goneAt && !verdict.failed) {
    // Only a successful check is a recovery: a 500 after a 404 is not the page coming back.
    goneAt = null;
    event = 'recovered';
  }
  return { nextCheckAt, failureStreak, goneStreak, goneAt, event };
}
