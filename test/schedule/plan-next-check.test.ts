import { describe, expect, it } from 'vitest';
import { defaultSchedulePolicy, planNextCheck, type SourceScheduleState } from '../../src/schedule/plan-next-check.ts';

const policy = { backoffBaseMs: 60_000, backoffMaxMs: 3_600_000, goneAfter: 3 };
const everyMinute: SourceScheduleState = { schedule: '* * * * *', timezone: 'UTC', failureStreak: 0, goneStreak: 0, goneAt: null };
const now = new Date('2024-03-01T10:00:30Z');
const ok = { failed: false, gone: false };
const error = { failed: true, gone: false };
const notFound = { failed: true, gone: true };

describe('planNextCheck', () => {
  it('schedules the next slot of the source schedule after a success, in its own time zone', () => {
    expect(planNextCheck(everyMinute, ok, now, policy).nextCheckAt.toISOString()).toBe('2024-03-01T10:01:00.000Z');
    const paris = { ...everyMinute, schedule: '0 6 * * *', timezone: 'Europe/Paris' };
    // 06:00 in Paris in March (UTC+1) is 05:00 UTC the next day.
    expect(planNextCheck(paris, ok, now, policy).nextCheckAt.toISOString()).toBe('2024-03-02T05:00:00.000Z');
  });

  it('backs off exponentially after consecutive failures, on schedule slots, up to the cap', () => {
    let state = everyMinute;
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      const plan = planNextCheck(state, error, now, policy);
      waits.push(plan.nextCheckAt.getTime() - now.getTime());
      expect(plan.nextCheckAt.getUTCSeconds()).toBe(0); // still a slot of "* * * * *"
      state = { ...state, failureStreak: plan.failureStreak };
    }
    expect(state.failureStreak).toBe(9);
    // Backoff 1, 2, 4, 8, 16, 32 min, then the 60-minute cap — each rounded up to the next
    // whole minute of the schedule, which from 10:00:30 adds 30 s.
    expect(waits.map((w) => w / 1000)).toEqual([90, 150, 270, 510, 990, 1950, 3630, 3630, 3630]);
    // A streak of 50 is still the cap (no overflow), with no jitter.
    expect(planNextCheck({ ...everyMinute, failureStreak: 49 }, error, now, policy).nextCheckAt.getTime() - now.getTime()).toBe(3_630_000);
  });

  it('resets the failure streak on success', () => {
    const plan = planNextCheck({ ...everyMinute, failureStreak: 5 }, ok, now, policy);
    expect(plan.failureStreak).toBe(0);
    expect(plan.nextCheckAt.toISOString()).toBe('2024-03-01T10:01:00.000Z');
  });

  it('declares a page gone after the configured number of 404/410 in a row, once', () => {
    let state = everyMinute;
    const events: Array<string | null> = [];
    for (let i = 0; i < 5; i++) {
      const plan = planNextCheck(state, notFound, now, policy);
      events.push(plan.event);
      state = { ...state, failureStreak: plan.failureStreak, goneStreak: plan.goneStreak, goneAt: plan.goneAt };
    }
    expect(events).toEqual([null, null, 'gone', null, null]);
    expect(state.goneAt).toEqual(now);
  });

  it('does not count a 404 streak interrupted by another failure', () => {
    let state = everyMinute;
    for (const v of [notFound, notFound, error, notFound, notFound]) {
      const plan = planNextCheck(state, v, now, policy);
      expect(plan.event).toBeNull();
      state = { ...state, failureStreak: plan.failureStreak, goneStreak: plan.goneStreak, goneAt: plan.goneAt };
    }
    expect(state.goneStreak).toBe(2);
  });

  it('announces recovery on the first successful check of a gone page, not on a different failure', () => {
    const gone = { ...everyMinute, failureStreak: 4, goneStreak: 4, goneAt: new Date('2024-02-01T00:00:00Z') };
    const stillFailing = planNextCheck(gone, error, now, policy);
    expect(stillFailing.event).toBeNull();
    expect(stillFailing.goneAt).toEqual(gone.goneAt);
    const back = planNextCheck(gone, ok, now, policy);
    expect(back.event).toBe('recovered');
    expect(back.goneAt).toBeNull();
    expect(back.goneStreak).toBe(0);
  });

  it('has documented defaults', () => {
    expect(defaultSchedulePolicy.goneAfter).toBeGreaterThan(1);
    expect(defaultSchedulePolicy.backoffMaxMs).toBeGreaterThan(defaultSchedulePolicy.backoffBaseMs);
  });
});
