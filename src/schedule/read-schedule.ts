import { CronExpressionParser, type CronExpression } from 'cron-parser';

/**
 * The one reader of a source's `schedule`, in the one dialect factwatch has for schedules:
 * cron-parser's, the library that computes the due times (`nextRunAfter`). The configuration is
 * validated with this reader too (`scheduleProblem`), so a schedule that passes validation is
 * one the scheduler can evaluate — node-cron, which only drives the worker's tick, reads a
 * different dialect (it accepts `15W`, `L-3`, `5-1`, `monday`, `l`, which cron-parser refuses,
 * and refuses `1/5`, tabs, `@weekdays`, which cron-parser reads).
 *
 * Two things cron-parser would read are refused, because it would not read them as written:
 * fewer than five fields (it pads them with `*`: "5" would mean every minute on Fridays), and
 * `H` (a hashed value, drawn afresh from an unseeded random source at every parse, so every
 * worker and every pass would put the source on a different slot).
 */

/** Thrown for a schedule factwatch cannot evaluate; the message names the problem, not the value. */
class ScheduleError extends Error {}

/** A schedule read as cron-parser evaluates it, positioned at `after` in `timezone`. */
export function readSchedule(schedule: string, timezone: string, after: Date): CronExpression {
  const shape = shapeProblem(schedule);
  if (shape) throw new ScheduleError(shape);
  try {
    return CronExpressionParser.parse(schedule, { currentDate: after, tz: timezone });
  } catch (err) {
    throw new ScheduleError(UNREADABLE, { cause: err });
  }
}

/**
 * Why `schedule` cannot be evaluated in `timezone` (a fixed reason, never quoting the value: a
 * configuration problem must not print what a `${VAR}` reference held), or null when it can.
 * "Can" means read and asked for its next slot, as the scheduler will: cron-parser refuses some
 * expressions only then. Pure: the slot is computed from a fixed instant, not the clock.
 */
export function scheduleProblem(schedule: string, timezone: string): string | null {
  try {
    readSchedule(schedule, timezone, VALIDATION_INSTANT).next();
    return null;
  } catch (err) {
    return err instanceof ScheduleError ? err.message : UNREADABLE;
  }
}

const UNREADABLE = 'cron-parser cannot read it';
const VALIDATION_INSTANT = new Date(Date.UTC(2000, 0, 1));

/** cron-parser's nicknames (`@daily`, `@weekdays` …), read only when they are the whole schedule. */
const NICKNAMES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly', '@minutely', '@secondly', '@weekdays', '@weekends']);

function shapeProblem(schedule: string): string | null {
  if (NICKNAMES.has(schedule)) return null;
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    return 'expected 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first';
  }
  // Month and weekday names are read before H is, and "thu" holds an h.
  if (fields.some((field) => /H/.test(field.replace(/[a-z]{3}/gi, '')))) return 'H (hashed) values are not supported';
  return null;
}
