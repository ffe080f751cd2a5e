import { readSchedule } from './read-schedule.ts';

/**
 * The next instant strictly after `after` at which `schedule` fires in `timezone`.
 *
 * Computed from the injected clock's time (not from a running timer) so that the due time can
 * be stored per source and claimed by any worker. cron-parser answers "when next" for an
 * arbitrary reference time and zone, read by `readSchedule` — the reader the configuration is
 * validated with; node-cron only drives the tick.
 *
 * A pass settles thousands of sources that share a few schedules, each a moment later than the
 * last; parsing the expression each time was a visible part of an unchanged check. The answer
 * for one (schedule, zone) is the same for every `after` in [computed-at, answer), so the last
 * answer per pair is remembered and reused inside that interval only.
 */
export function nextRunAfter(schedule: string, timezone: string, after: Date): Date {
  const key = `${timezone}\u0000${schedule}`;
  const t = after.getTime();
  const hit = recent.get(key);
  if (hit && t >= hit.from && t < hit.next) return new Date(hit.next);
  const next = readSchedule(schedule, timezone, after).next().toDate();
  if (recent.size >= MAX_REMEMBERED) recent.clear();
  recent.set(key, { from: t, next: next.getTime() });
  return next;
}

const MAX_REMEMBERED = 1000;
const recent = new Map<string, { from: number; next: number }>();
