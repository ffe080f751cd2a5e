/** A figure's history as CSV (RFC 4180), formula-safe (src/report/csv-cell.ts). */
import { csvRecord } from '../report/csv-cell.ts';
import type { FigurePoint } from '../store/types.ts';

const HEADER = ['version', 'captured_at', 'series', 'key', 'kind', 'value', 'unit', 'period', 'raw'];

export function renderFigureCsv(points: readonly FigurePoint[]): string {
  const rows = points.map((p) => [String(p.seq), p.capturedAt.toISOString(), p.series, p.key, p.kind, String(p.value), p.unit ?? '', p.period ?? '', p.raw]);
  return [HEADER, ...rows].map(csvRecord).join('');
}
