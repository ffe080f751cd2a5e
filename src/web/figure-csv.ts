/**
 * A figure's history as CSV (RFC 4180). Cells that a spreadsheet would run as a formula
 * ("=HYPERLINK(…)", "+1", "@cmd") are prefixed with an apostrophe: the raw text comes from a
 * web page, and opening a download must not execute it.
 */
import type { FigurePoint } from '../store/types.ts';

const HEADER = ['version', 'captured_at', 'series', 'key', 'kind', 'value', 'unit', 'period', 'raw'];

export function renderFigureCsv(points: readonly FigurePoint[]): string {
  const rows = points.map((p) => [String(p.seq), p.capturedAt.toISOString(), p.series, p.key, p.kind, String(p.value), p.unit ?? '', p.period ?? '', p.raw]);
  return [HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/u.test(value) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/iu.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}
