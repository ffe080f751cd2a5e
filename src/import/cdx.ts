/**
 * The Wayback Machine's CDX API, pure: building the query and reading its JSON answer.
 * Formats: snapshots/corpus/wayback/FORMATS.md. The answer's FIRST ROW IS THE HEADER (field
 * names), and with `showResumeKey=true` a page that has more to come ends with an empty row
 * and a one-element row holding the key to pass back as `resumeKey`.
 */
import { FactwatchError } from '../app/errors.ts';

/** Read exactly (no legacy `Date` parsing): see parse-archive-date.ts. */
export { parseCdxTimestamp } from './parse-archive-date.ts';

export interface CdxRow {
  urlkey: string;
  /** 14 digits, UTC: `YYYYMMDDhhmmss`. */
  timestamp: string;
  /** The URL as captured (may carry `:80`, http vs https …). */
  original: string;
  mimetype: string;
  /** The ORIGIN's status as a string; `-` for revisits. */
  statuscode: string;
  /** Base32 SHA-1 of the payload. */
  digest: string;
}

export interface CdxPage {
  rows: CdxRow[];
  /** Set when more results are pending. */
  resumeKey: string | null;
}

export interface CdxQuery {
  url: string;
  /** Years (or any CDX date prefix), inclusive. */
  from?: string;
  to?: string;
  /** Rows per page. */
  limit: number;
  resumeKey?: string | null;
}

/** `<archive>/cdx/search/cdx?url=…&output=json&filter=statuscode:200&collapse=digest…` */
export function buildCdxUrl(archiveUrl: string, q: CdxQuery): string {
  const u = new URL('cdx/search/cdx', withSlash(archiveUrl));
  u.searchParams.set('url', q.url);
  u.searchParams.set('output', 'json');
  u.searchParams.set('filter', 'statuscode:200');
  u.searchParams.set('collapse', 'digest');
  if (q.from) u.searchParams.set('from', q.from);
  if (q.to) u.searchParams.set('to', q.to);
  u.searchParams.set('limit', String(q.limit));
  u.searchParams.set('showResumeKey', 'true');
  if (q.resumeKey) u.searchParams.set('resumeKey', q.resumeKey);
  return u.href;
}

/**
 * `<archive>/web/<timestamp>id_/<original>`: the original bytes, without the archive's toolbar
 * or link rewriting (which would make every capture look like a different page).
 */
export function buildCaptureUrl(archiveUrl: string, timestamp: string, original: string): string {
  return new URL(`web/${timestamp}id_/${original}`, withSlash(archiveUrl)).href;
}

const REQUIRED = ['timestamp', 'original', 'statuscode', 'digest'] as const;

/** Reads one page of CDX JSON. Throws `FactwatchError('bad_cdx')` on anything else. */
export function parseCdxPage(text: string, source: string): CdxPage {
  let data: unknown;
  try {
    data = text.trim() === '' ? [] : JSON.parse(text);
  } catch (err) {
    throw new FactwatchError('bad_cdx', `${source}: the CDX answer is not JSON`, { cause: err });
  }
  if (!Array.isArray(data) || !data.every((r) => Array.isArray(r) && r.every((c) => typeof c === 'string'))) {
    throw new FactwatchError('bad_cdx', `${source}: the CDX answer is not an array of string arrays`);
  }
  const table = data as string[][];
  if (table.length === 0) return { rows: [], resumeKey: null };
  let resumeKey: string | null = null;
  let end = table.length;
  const last = table[end - 1];
  if (end >= 2 && last?.length === 1 && table[end - 2]?.length === 0) {
    resumeKey = last[0] ?? null;
    end -= 2;
  }
  const header = table[0] ?? [];
  const missing = REQUIRED.filter((f) => !header.includes(f));
  if (missing.length > 0) throw new FactwatchError('bad_cdx', `${source}: the CDX header row lacks ${missing.join(', ')}`);
  const at = (row: string[], field: string): string => row[header.indexOf(field)] ?? '';
  const rows: CdxRow[] = [];
  for (const row of table.slice(1, end)) {
    if (row.length === 0) continue;
    rows.push({
      urlkey: at(row, 'urlkey'),
      timestamp: at(row, 'timestamp'),
      original: at(row, 'original'),
      mimetype: at(row, 'mimetype'),
      statuscode: at(row, 'statuscode'),
      digest: at(row, 'digest'),
    });
  }
  return { rows, resumeKey };
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
