import { describe, expect, it } from 'vitest';
import type { FigurePoint } from '../../src/store/types.ts';
import { chartableAxes, periodInstant, renderFigureChart, renderSeriesChart, SERIES_STYLES } from '../../src/web/figure-chart.ts';
import { parseHTML } from 'linkedom';

const point = (seq: number, capturedAt: string, value: number, period: string | null): FigurePoint => ({
  seq,
  capturedAt: new Date(capturedAt),
  key: 'money/bilateral-trade',
  series: 'money/bilateral-trade',
  kind: 'money',
  value,
  unit: 'EUR',
  raw: `€${value / 1e6} million`,
  period,
});

describe('figure chart', () => {
  it('places periods in time: years and months at their start, a range at its end, nothing else', () => {
    expect(periodInstant('2016')?.toISOString()).toBe('2016-01-01T00:00:00.000Z');
    expect(periodInstant('2023-09')?.toISOString()).toBe('2023-09-01T00:00:00.000Z');
    expect(periodInstant('2017-10-26')?.toISOString()).toBe('2017-10-26T00:00:00.000Z');
    expect(periodInstant('1995-2015')?.toISOString()).toBe('2015-01-01T00:00:00.000Z');
    for (const bad of [null, '', 'Q1 2017', '2016/17', '2017-13', 'soon']) expect(periodInstant(bad), String(bad)).toBeNull();
  });

  const history = [point(1, '2015-06-01T00:00:00Z', 6_400_000, '2014'), point(2, '2017-07-10T00:00:00Z', 8_200_000, '2016'), point(3, '2017-10-30T00:00:00Z', 5_100_000, '2017')];

  it('draws by period with one tick per year, and by capture time', () => {
    expect(chartableAxes(history)).toEqual(['period', 'captured']);
    const byPeriod = renderFigureChart(history, 'period')!;
    for (const year of ['2014', '2016', '2017']) expect(byPeriod).toContain(`>${year}<`);
    expect(byPeriod).toContain('€8.2 million');
    const byCapture = renderFigureChart(history, 'captured')!;
    expect(byCapture).not.toContain('>2014<');
    expect(byCapture).toContain('€5.1 million');
  });

  it('draws a narrow chart at its own size, with a viewBox so it scales', () => {
    const narrow = renderFigureChart(history, 'period', 'narrow')!;
    expect(narrow).toMatch(/<svg[^>]* width="360"/u);
    expect(narrow).toMatch(/viewBox="0 0 360 260"/u);
    expect(renderFigureChart(history, 'period', 'wide')).toMatch(/viewBox="0 0 760 300"/u);
  });

  it('offers no period axis when no version says which period', () => {
    const undated = history.map((p) => ({ ...p, period: null }));
    expect(chartableAxes(undated)).toEqual(['captured']);
    expect(renderFigureChart(undated, 'period')).toBeNull();
  });

  const lines = (svg: string) => parseHTML(`<html><body>${svg}</body></html>`).document.querySelectorAll('g[aria-label="line"]').length;

  it('draws several series in one unit on one axis, each its own line, and names them in the dots’ titles', () => {
    const other = [point(1, '2016-01-10T00:00:00Z', 3_000_000, '2015'), point(2, '2018-01-10T00:00:00Z', 4_000_000, '2017')];
    const svg = renderSeriesChart([{ name: 'Trade (a)', points: history }, { name: 'Trade (b)', points: other }], 'period')!;
    expect(lines(svg)).toBe(2);
    expect(svg.match(/aria-label="y-axis tick"/gu)).toHaveLength(1);
    expect(svg).toContain('Trade (b): v2 (2017): €4 million');
    expect(svg).toContain(`stroke="${SERIES_STYLES[1]!.colour}"`);
    expect(svg).toContain(`stroke-dasharray="${SERIES_STYLES[1]!.dash}"`);
    // With several lines, each line's last value is labelled, not every value.
    expect(svg).not.toContain('>€6.4 million<');
    expect(svg).toContain('>€5.1 million<');
  });

  it('refuses one axis for series in different units or kinds, and more lines than it has styles', () => {
    const dollars = history.map((p) => ({ ...p, unit: 'USD' }));
    const share = history.map((p) => ({ ...p, kind: 'percent' as const, unit: '%', value: 3.3 }));
    expect(renderSeriesChart([{ name: 'a', points: history }, { name: 'b', points: dollars }], 'period')).toBeNull();
    expect(renderSeriesChart([{ name: 'a', points: history }, { name: 'b', points: share }], 'period')).toBeNull();
    const many = Array.from({ length: SERIES_STYLES.length + 1 }, (_, i) => ({ name: String(i), points: history }));
    expect(renderSeriesChart(many, 'period')).toBeNull();
    expect(lines(renderSeriesChart(many.slice(1), 'period')!)).toBe(SERIES_STYLES.length);
  });
});
