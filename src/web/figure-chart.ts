/**
 * One figure's history as an SVG line chart, drawn by Observable Plot on a linkedom document
 * on the server (no browser, no client script). Plot sets text through the DOM, and linkedom
 * escapes it when serializing, so a unit or value from a page cannot become markup; the page
 * embeds the chart as an `<img>`, where an SVG can run nothing anyway.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { formatFigureValue } from '../describe/format-value.ts';
import type { FigurePoint } from '../store/types.ts';

interface Datum {
  at: Date;
  y: number | Date;
  version: number;
}

/** The SVG markup, or null when the values cannot be drawn (no points, or not numbers or dates). */
export function renderFigureChart(points: readonly FigurePoint[]): string | null {
  const data = toData(points);
  const first = points[0];
  if (data === null || data.length === 0 || first === undefined) return null;
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const numeric = typeof data[0]!.y === 'number';
  const tick = (v: number | Date) =>
    v instanceof Date ? v.toISOString().slice(0, 10) : formatFigureValue({ kind: first.kind, value: v, unit: first.unit });
  const chart = Plot.plot({
    // Plot accepts any DOM-like document; linkedom's is one.
    document: document as unknown as Plot.PlotOptions["document"],
    width: 760,
    height: 300,
    marginLeft: 110,
    marginRight: 70,
    marginTop: 30,
    style: { fontSize: '12px', background: 'white' },
    x: { type: 'utc', label: 'captured', grid: true, ticks: 6 },
    y: numeric ? { grid: true, label: first.unit ?? first.kind, tickFormat: tick, nice: true, zero: first.kind === 'money' || first.kind === 'count' } : { type: 'utc', grid: true, label: 'date', tickFormat: tick },
    marks: [
      Plot.lineY(data, { x: 'at', y: 'y', stroke: '#2c5aa0', strokeWidth: 2, curve: 'step-after' }),
      Plot.dot(data, { x: 'at', y: 'y', fill: '#2c5aa0', r: 4, title: (d: Datum) => `v${d.version}: ${tick(d.y)}` }),
      Plot.text(data, { x: 'at', y: 'y', text: (d: Datum) => tick(d.y), dy: -12, fill: '#1c2430' }),
    ],
  });
  const svg = (chart as unknown as { outerHTML: string }).outerHTML;
  return svg.startsWith('<svg') ? svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"') : svg;
}

/** Whether `renderFigureChart` would draw these points (without drawing them). */
export function isChartable(points: readonly FigurePoint[]): boolean {
  const data = toData(points);
  return data !== null && data.length > 0;
}

function toData(points: readonly FigurePoint[]): Datum[] | null {
  const data: Datum[] = [];
  for (const p of points) {
    if (typeof p.value === 'number') data.push({ at: p.capturedAt, y: p.value, version: p.seq });
    else if (/^\d{4}-\d{2}(-\d{2})?$/u.test(p.value)) data.push({ at: p.capturedAt, y: new Date(`${p.value.length === 7 ? `${p.value}-01` : p.value}T00:00:00Z`), version: p.seq });
    else return null;
  }
  const kinds = new Set(data.map((d) => typeof d.y));
  return kinds.size > 1 ? null : data;
}
