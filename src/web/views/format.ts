/** Small formatting helpers shared by the views (plain text out; the templates escape it). */
import { formatCapturedAt, formatStamp } from '../../report/format-date.ts';

export { formatCapturedAt, formatStamp };

/** "2017-10-30" — a day is what a reviewer scans for in a list. */
export function formatDay(at: Date | null): string {
  return at === null ? '—' : at.toISOString().slice(0, 10);
}

/** A query string from the parameters that are set, for filter-preserving links; a list repeats its parameter (`series=a&series=b`). */
export function queryString(params: Record<string, string | number | readonly string[] | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? (value as readonly string[]) : [value]) {
      if (one !== null && one !== undefined && one !== '') search.append(key, String(one));
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** `/sources/<id>` with the id percent-encoded (ids are slugs, but the URL must not trust that). */
export function sourcePath(id: string, rest = ''): string {
  return `/sources/${encodeURIComponent(id)}${rest}`;
}

export function pluralize(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
