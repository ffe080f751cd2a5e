/**
 * A sparkline: a series' recent values as a small line, drawn as inline SVG in the page — no
 * script, no image request per row, and nothing the CSP forbids (presentation attributes, not
 * `style`). Only numbers reach the markup: the coordinates are computed here, and the words
 * (`label`) go through the template, which escapes them.
 */
import { html } from 'hono/html';
import type { Html } from './layout.ts';

const WIDTH = 96;
const HEIGHT = 24;
/** Room for the end dot: a line drawn to the edge would lose half of it. */
const PAD = 3;

/**
 * The polyline's points for these values: left to right in order, the lowest value at the
 * bottom and the highest at the top; a series that never moved is a flat line at mid height.
 * Pure, so the shape is tested without a browser.
 */
export function sparklinePoints(values: readonly number[], width = WIDTH, height = HEIGHT): Array<[number, number]> {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  const [min, max] = [Math.min(...finite), Math.max(...finite)];
  const step = finite.length === 1 ? 0 : (width - 2 * PAD) / (finite.length - 1);
  const round = (n: number) => Math.round(n * 10) / 10;
  return finite.map((v, i) => [round(PAD + i * step), round(max === min ? height / 2 : height - PAD - ((v - min) / (max - min)) * (height - 2 * PAD))]);
}

/** The sparkline of `values` (oldest first), described by `label` for screen readers; null when there is nothing to draw. */
export function sparkline(values: readonly number[], label: string): Html | null {
  const points = sparklinePoints(values);
  const last = points.at(-1);
  if (last === undefined) return null;
  return html`<svg class="spark" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}"><polyline points="${points.map(([x, y]) => `${x},${y}`).join(' ')}" fill="none" stroke="#2c5aa0" stroke-width="1.5" stroke-linejoin="round"/><circle cx="${last[0]}" cy="${last[1]}" r="2.5" fill="#2c5aa0"/></svg>`;
}
