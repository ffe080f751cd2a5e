/**
 * Archive timestamps read exactly, or not at all.
 *
 * `new Date(text)` is the wrong tool for dates an archive hands us: outside strict ISO 8601 it
 * falls back to a legacy parser that guesses (`Sat, 03 Feb 0001 04:05:06 GMT` becomes 2001,
 * `0001-02-03 04:05:06Z` becomes 2 January 2003), and `new Date(y, …)` / `Date.UTC(y, …)` map
 * years 0–99 to 1900–1999. Every instant here is built field by field with `setUTCFullYear`,
 * which takes the year as given, and checked by reading the fields back.
 */

/**
 * The UTC instant of these calendar fields, or null when they name no real instant (month 13,
 * 30 February, hour 24, a leap second). `year` is taken literally: 1 is the year 1, not 1901.
 */
export function utcInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date | null {
  const fields = [year, month, day, hour, minute, second, ms];
  if (!fields.every(Number.isInteger)) return null;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || ms > 999) return null;
  if (hour < 0 || minute < 0 || second < 0 || ms < 0) return null;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  // Day overflow (31 April → 1 May) shows up as a different month once read back.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * `WARC-Date` (WARC 1.0/1.1, the W3C profile of ISO 8601): `YYYY-MM-DDThh:mm:ssZ`, with
 * optional fractional seconds (WARC 1.1 allows up to nanoseconds; kept to the millisecond).
 * Also taken, because crawlers write them: no seconds (`…Thh:mmZ`), a date alone, and a
 * numeric offset instead of `Z`. Anything else is null: a record whose date cannot be read
 * exactly is not placed in a history by a guess.
 */
export function parseWarcDate(text: string | null | undefined): Date | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac === undefined ? 0 : Math.floor(Number(frac.padEnd(3, '0').slice(0, 3)));
  const local = utcInstant(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms);
  if (local === null) return null;
  const offsetMinutes = zone === undefined || zone === 'Z' ? 0 : parseOffset(zone);
  if (offsetMinutes === null) return null;
  return new Date(local.getTime() - offsetMinutes * 60_000);
}

/** `20170705101500` (CDX, 14 digits, UTC) → the instant; null for anything else. */
export function parseCdxTimestamp(ts: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(ts);
  if (!m) return null;
  return utcInstant(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** `+02:00` → 120; null past ±14:00 (no such zone) or with minutes over 59. */
function parseOffset(zone: string): number | null {
  const sign = zone.startsWith('-') ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return null;
  return sign * (hours * 60 + minutes);
}
