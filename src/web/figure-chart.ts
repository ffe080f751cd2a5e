/**
 * One figure's history as an SVG line chart, drawn by Observable Plot on a linkedom document
 * on the server (no browser, no client script). Plot sets text through the DOM, and linkedom
 * escapes it when serializing, so a unit or value from a page cannot become markup; the page
 * embeds the chart as an `<img>`, where an SVG can run nothing anyway.
 *
 * Two x axes: when each version was **captured** (what the watcher saw, a step line: a value
 * holds until the next capture), or the **period** the figure speaks of ("bilateral trade in
 * 2016"), which is what a reader of the figure means by "over time". Two sizes: a wide chart,
 * and a narrow one with fewer ticks the page offers small screens — an SVG scaled down to a
 * phone keeps its proportions and its 12 px text becomes 5 px, so the narrow one is drawn at
 * the size it is shown.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { formatFigureValue } from '../describe/format-value.ts';
import type { FigurePoint } from '../store/types.ts';

export const CHART_AXES = ['period', 'captured'] as const;
export type ChartAxis = (typeof CHART_AXES)[number];
export const CHART_SIZES = ['wide', 'narrow'] as const;
export type ChartSize = (typeof CHART_SIZES)[number];

/** The drawn size of each chart, which the page also gives its `<img>` / `<source>`. */
export const CHART_DIMENSIONS: Record<ChartSize, { width: number; height: number }> = {
  wide: { width: 760, height: 300 },
  narrow: { width: 360, height: 260 },
};

interface Datum {
  x: Date;
  y: number | Date;
  version: number;
  /** What the x position says in words: the period as printed, or the capture day. */
  when: string;
}

/** One line of a chart: a series' points, and the name its dots' titles give it (unused with one line). */
export interface ChartSeries {
  name: string;
  points: readonly FigurePoint[];
}

/**
 * The lines of a chart of several series, in order: a colour each (the first is the one-series
 * chart's) and a dash pattern each, so two lines stay apart without colour. The page's legend
 * draws the same (`SERIES_STYLES`); a chart has at most this many lines.
 */
export const SERIES_STYLES: ReadonlyArray<{ colour: string; dash: string | null }> = [
  { colour: '#2c5aa0', dash: null },
  { colour: '#c8511b', dash: '7 3' },
  { colour: '#1b8a5a', dash: '2 3' },
  { colour: '#a23d8c', dash: '9 3 2 3' },
  { colour: '#b08000', dash: '4 4' },
  { colour: '#3d8fc9', dash: '12 4' },
  { colour: '#5b6675', dash: '1 3' },
  { colour: '#7a2e2e', dash: '6 2 1 2' },
];

/** The one axis a series' values are drawn on: the same kind and the same unit, or not the same axis. */
export function axisKey(point: Pick<FigurePoint, 'kind' | 'unit'>): string {
  return `${point.kind}|${point.unit ?? ''}`;
}

/** The SVG markup, or null when the values cannot be drawn on that axis (none, or not numbers or dates). */
export function renderFigureChart(points: readonly FigurePoint[], axis: ChartAxis = 'captured', size: ChartSize = 'wide'): string | null {
  return renderSeriesChart([{ name: '', points }], axis, size);
}

/**
 * Several series on ONE y axis — so only series whose latest values share a unit and kind
 * (`axisKey`): null for a mix (euros and percentages on one scale would be a lie), for more
 * lines than `SERIES_STYLES`, and when no series can be drawn on that axis. A series that cannot
 * be drawn on it (text values, no readable period) is left out. With one series every value is
 * labelled (the last only on a narrow chart); with several, each line's last value, so labels
 * do not pile up where lines meet.
 */
export function renderSeriesChart(series: readonly ChartSeries[], axis: ChartAxis = 'captured', size: ChartSize = 'wide'): string | null {
  // A series is drawn in the unit of its latest value; they must all agree.
  const latest = series.flatMap((s) => s.points.at(-1) ?? []);
  const first = latest[0];
  if (first === undefined || series.length > SERIES_STYLES.length) return null;
  if (latest.some((p) => axisKey(p) !== axisKey(first))) return null;
  const lines = series.map((s, i) => ({ ...s, style: SERIES_STYLES[i]!, data: toData(s.points, axis) ?? [] }));
  const drawn = lines.filter((l) => l.data.length > 0);
  const all = drawn.flatMap((l) => l.data);
  if (all.length === 0 || new Set(all.map((d) => typeof d.y)).size > 1) return null;
  const points = drawn.flatMap((l) => l.points);
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const numeric = typeof all[0]!.y === 'number';
  const tick = (v: number | Date) =>
    v instanceof Date ? v.toISOString().slice(0, 10) : formatFigureValue({ kind: first.kind, value: v, unit: first.unit });
  const narrow = size === 'narrow';
  const one = series.length === 1;
  const { width, height } = CHART_DIMENSIONS[size];
  // Periods that are whole years get one tick per year, labelled "2016" (not 2016-01-01).
  const years = axis === 'period' && points.every((p) => /^\d{4}$/u.test(lastYearOf(p.period) ?? '')) ? [...new Set(all.map((d) => d.x.getTime()))].map((t) => new Date(t)) : null;
  const chart = Plot.plot({
    // Plot accepts any DOM-like document; linkedom's is one.
    document: document as unknown as Plot.PlotOptions['document'],
    width,
    height,
    marginLeft: narrow ? 84 : 110,
    marginRight: narrow ? 28 : 70,
    marginTop: 30,
    marginBottom: 40,
    style: { fontSize: '12px', background: 'white' },
    x:
      years === null
        ? { type: 'utc', label: axis === 'period' ? 'period' : 'captured', grid: true, ticks: narrow ? 3 : 6 }
        : { type: 'utc', label: 'period', grid: true, ticks: thin(years, narrow ? 4 : 10), tickFormat: (d: Date) => String(d.getUTCFullYear()) },
    y: numeric
      ? { grid: true, label: first.unit ?? first.kind, tickFormat: tick, nice: true, ticks: narrow ? 4 : 6, zero: first.kind === 'money' || first.kind === 'count' }
      : { type: 'utc', grid: true, label: 'date', tickFormat: tick, ticks: narrow ? 4 : 6 },
    marks: drawn.flatMap(({ data, name, style }) => [
      Plot.lineY(data, { x: 'x', y: 'y', stroke: style.colour, strokeWidth: 2, ...(style.dash === null ? {} : { strokeDasharray: style.dash }), curve: axis === 'captured' ? 'step-after' : 'linear' }),
      Plot.dot(data, { x: 'x', y: 'y', fill: style.colour, r: 4, title: (d: Datum) => `${one ? '' : `${name}: `}v${d.version} (${d.when}): ${tick(d.y)}` }),
      // On a narrow chart, value labels collide: the last one only (the table has them all).
      Plot.text(narrow || !one ? data.slice(-1) : data, { x: 'x', y: 'y', text: (d: Datum) => tick(d.y), dy: -12, fill: one ? '#1c2430' : style.colour, textAnchor: narrow || !one ? 'end' : 'middle' }),
    ]),
  });
  const svg = (chart as unknown as { outerHTML: string }).outerHTML;
  return svg.startsWith('<svg') ? svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"') : svg;
}

/** Which axes these points can be drawn on: captured whenever the values can be drawn, period when some point has a readable one. */
export function chartableAxes(points: readonly FigurePoint[]): ChartAxis[] {
  return CHART_AXES.filter((axis) => {
    const data = toData(points, axis);
    return data !== null && data.length > 0;
  });
}

/** By period when every point can be placed on one (what "bilateral trade over time" means), else by capture. */
export function defaultAxis(points: readonly FigurePoint[], axes: readonly ChartAxis[]): ChartAxis | null {
  if (axes.includes('period') && points.every((p) => periodInstant(p.period) !== null)) return 'period';
  return axes[0] === undefined ? null : axes.includes('captured') ? 'captured' : axes[0];
}

/**
 * A period as a point in time: "2016" and "2016-05" at their start, "2017-10-26" that day, a
 * range "1995-2015" at its end (a cumulative figure is "as of" its last year); null for what
 * cannot be placed. Points without a placeable period stay off the period chart (the table
 * lists them all).
 */
export function periodInstant(period: string | null): Date | null {
  const day = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/u.exec(period ?? '');
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2] ?? '1'), Number(day[3] ?? '1')];
    const at = new Date(Date.UTC(year, month - 1, date));
    // Date.UTC rolls "2017-13" over into 2018: a period that is no real month or day is not placed.
    return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === date ? at : null;
  }
  const end = lastYearOf(period);
  return end === null || end === period ? null : periodInstant(end);
}

/** "1995-2015" → "2015"; a single period as it is; null otherwise. */
function lastYearOf(period: string | null): string | null {
  if (period === null) return null;
  const range = /^\d{4}\s*[-–]\s*(\d{4})$/u.exec(period);
  return range ? range[1]! : period;
}

/** At most `max` ticks, evenly picked, the first and last kept. */
function thin(ticks: Date[], max: number): Date[] {
  const sorted = [...ticks].sort((a, b) => a.getTime() - b.getTime());
  if (sorted.length <= max) return sorted;
  const step = (sorted.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => sorted[Math.round(i * step)]!);
}

function toData(points: readonly FigurePoint[], axis: ChartAxis): Datum[] | null {
  const data: Datum[] = [];
  for (const p of points) {
    let y: number | Date;
    if (typeof p.value === 'number') y = p.value;
    else if (/^\d{4}-\d{2}(-\d{2})?$/u.test(p.value)) y = new Date(`${p.value.length === 7 ? `${p.value}-01` : p.value}T00:00:00Z`);
    else return null;
    const x = axis === 'captured' ? p.capturedAt : periodInstant(p.period);
    if (x !== null) data.push({ x, y, version: p.seq, when: axis === 'captured' ? p.capturedAt.toISOString().slice(0, 10) : p.period! });
  }
  const kinds = new Set(data.map((d) => typeof d.y));
  if (kinds.size > 1) return null;
  // A line joins points in data order: by period, that is not the order of the versions.
  return axis === 'period' ? data.sort((a, b) => a.x.getTime() - b.x.getTime() || a.version - b.version) : data;
}
