/**
 * A strict reader for the dates people type into `?at=`, `?since=` and `--at`. `new Date()` is
 * too forgiving to be the validator: it rolls "2017-02-30" over to 2 March (an answer to a
 * question nobody asked), takes "0000-01-01" (year 0, which PostgreSQL refuses: a 500 instead of
 * a 400) and reads a time without a zone in the machine's zone. Here a date either names a real
 * day of years 1–9999, or it is not a date.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/iu;

/** Whether text has the shape of an ISO date ("2018-01-01…"), valid or not: then it must be read strictly. */
export function looksLikeIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(?:$|T)/iu.test(text.trim());
}

/**
 * "2018-01-01" (a bare day: its start, or its last millisecond with `bareDay: 'end'`, UTC) or an
 * ISO 8601 instant ("2018-01-01T12:00", "…T12:00:30.5+02:00"; no zone means UTC, so the machine's
 * zone never changes the answer). Null for anything else, including days that do not exist.
 */
export function readInstant(text: string, opts: { bareDay?: 'start' | 'end' } = {}): Date | null {
  const m = ISO.exec(text.trim());
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (m[4] === undefined) return opts.bareDay === 'end' ? endOfDay(year, month, day) : utc(year, month, day, 0, 0, 0, 0);
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const zone = m[8]?.toUpperCase() ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const [hh, mm] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
    if (hh > 23 || mm > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hh * 60 + mm);
  }
  const date = utc(year, month, day, hour, minute, second, ms);
  date.setTime(date.getTime() - offsetMinutes * 60_000);
  // An offset can still push year 1 into year 0 ("0001-01-01T00:00+01:00"): not storable either.
  return date.getUTCFullYear() < 1 ? null : date;
}

/** The last millisecond of a calendar day in UTC: what "as the page stood on that day" reads as. */
export function endOfDay(year: number, month: number, day: number): Date {
  return utc(year, month, day, 23, 59, 59, 999);
}

function utc(year: number, month: number, day: number, h: number, min: number, s: number, ms: number): Date {
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(h, min, s, ms);
  return d;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
