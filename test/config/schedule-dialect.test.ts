import { describe, expect, it } from 'vitest';
import { nextRunAfter } from '../../src/schedule/next-run.ts';
import { problemsOf } from './problems-of.ts';

/**
 * Schedules are validated in the dialect that evaluates them (cron-parser's), not node-cron's.
 * The rows marked "node-cron" are where the two disagree: the old validation (node-cron's
 * `validate`) gave the opposite answer, so each of those rows fails against it.
 */
const configWith = (schedule: string, timezone?: string) =>
  JSON.stringify({ sources: [{ id: 'a', url: 'https://example.org/', schedule, ...(timezone ? { timezone } : {}) }] });

const after = new Date('2024-03-01T10:00:30Z');

const accepted: Array<[string, string]> = [
  ['0 6 * * *', 'the default'],
  ['*/10 * * * * *', 'six fields: seconds first'],
  ['0 0 L * *', 'last day of the month'],
  ['0 0 * * 5L', 'last Friday of the month'],
  ['0 0 * * 1#2', 'second Monday of the month'],
  ['0 0 * jan-mar MON-FRI', 'names, either case'],
  ['0 0 * * THU', 'a weekday name with an H in it is not a hashed value'],
  ['0 0 ? * *', '? as a day'],
  ['1/5 * * * *', 'node-cron refuses a step from a number; cron-parser reads 1-59/5'],
  ['0\t6 * * *', 'node-cron refuses a tab between fields'],
  ['@weekdays', 'node-cron knows no @weekdays'],
  ['@minutely', 'node-cron knows no @minutely'],
  ['0 0 30 2 5', 'node-cron calls 30 February impossible; cron-parser ORs the day fields: Fridays in February'],
];

const refused: Array<[string, RegExp, string]> = [
  ['0 0 15W * *', /cron-parser cannot read it/, 'node-cron: nearest weekday'],
  ['0 0 LW * *', /cron-parser cannot read it/, 'node-cron: last weekday'],
  ['0 0 L-3 * *', /cron-parser cannot read it/, 'node-cron: an offset from the last day'],
  ['5-1 * * * *', /cron-parser cannot read it/, 'node-cron: a range that runs backwards'],
  ['0 0 * * fri-mon', /cron-parser cannot read it/, 'node-cron: a weekday range that wraps'],
  ['0 0 * * monday', /cron-parser cannot read it/, 'node-cron: a full weekday name'],
  ['0 0 * january *', /cron-parser cannot read it/, 'node-cron: a full month name'],
  ['0 0 l * *', /cron-parser cannot read it/, 'node-cron: a lower-case L'],
  ['0 0 * * 0#1,1#1', /cron-parser cannot read it/, 'node-cron: # inside a list'],
  ['H * * * *', /H \(hashed\) values are not supported/, 'cron-parser would draw a new minute at every parse'],
  ['0 H(0-5) * * *', /H \(hashed\) values are not supported/, 'the same, within a range'],
  ['5', /expected 5 fields/, 'cron-parser would pad it: every minute on Fridays'],
  ['* * * *', /expected 5 fields/, 'cron-parser would pad it with a day of the week'],
  ['', /expected 5 fields/, 'cron-parser would read it as every minute'],
  ['0 0 1 1 * 2030', /cron-parser cannot read it/, 'no year field'],
  ['*/0 * * * *', /cron-parser cannot read it/, 'a step of 0'],
  ['0 0 30 2 *', /cron-parser cannot read it/, '30 February'],
  ['0 0 * * 1#6', /cron-parser cannot read it/, 'a sixth Monday'],
  ['@reboot', /expected 5 fields/, 'not a time'],
];

describe('schedule validation speaks the evaluator’s dialect', () => {
  it.each(accepted)('accepts %j (%s), and the scheduler evaluates it', (schedule) => {
    expect(problemsOf(configWith(schedule))).toEqual([]);
    expect(nextRunAfter(schedule, 'Europe/Paris', after).getTime()).toBeGreaterThan(after.getTime());
  });

  it.each(refused)('refuses %j, saying %s (%s), and the scheduler would not evaluate it either', (schedule, reason) => {
    const problems = problemsOf(configWith(schedule));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`sources[0].schedule: ${JSON.stringify(schedule)} is not a valid cron expression`);
    expect(problems[0]).toMatch(reason);
    expect(() => nextRunAfter(schedule, 'UTC', after)).toThrow(reason);
  });

  it('judges a schedule in the source’s own zone, and an unknown zone is one problem, not two', () => {
    expect(problemsOf(configWith('0 6 * * *', 'Europe/Paris'))).toEqual([]);
    expect(problemsOf(configWith('0 6 * * *', 'Mars/Olympus'))).toEqual(['sources[0].timezone: "Mars/Olympus" is not a known IANA time zone']);
  });
});
