/**
 * Dates in a reader's words. Fixed English month names and UTC, never the host locale or
 * timezone, so the same change renders the same report on every machine.
 */

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/**
 * A declared revision stamp: "2017-07-05" → "5 July 2017", month precision "2020-05" →
 * "May 2020", a year stays a year; null → "none". Anything else is shown as given.
 */
export function formatStamp(stamp: string | null): string {
  if (stamp === null) return 'none';
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u.exec(stamp);
  if (match === null) return stamp;
  const [, year, month, day] = match;
  const monthName = month === undefined ? undefined : MONTHS[Number(month) - 1];
  if (month !== undefined && monthName === undefined) return stamp;
  if (monthName === undefined) return year!;
  if (day === undefined) return `${monthName} ${year}`;
  return `${Number(day)} ${monthName} ${year}`;
}

/** A capture time: "2017-10-26 14:03 UTC"; null → "—". */
export function formatCapturedAt(at: Date | null): string {
  if (at === null) return '—';
  if (Number.isNaN(at.getTime())) return 'invalid date';
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
