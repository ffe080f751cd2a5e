import { CronExpressionParser } from 'cron-parser';

/**
 * The next instant strictly after `after` at which `schedule` fires in `timezone`.
 *
 * Computed from the injected clock's time (not from a running timer) so that the due time can
 * be stored per source and claimed by any worker; node-cron validates expressions and drives
 * the tick, cron-parser answers "when next" for an arbitrary reference time and zone.
 */
export function nextRunAfter(schedule: string, timezone: string, after: Date): Date {
  const expr = CronExpressionParser.parse(schedule, { currentDate: after, tz: timezone });
  return expr.next().toDate();
}
