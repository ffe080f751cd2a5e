import { describe, expect, it } from 'vitest';
import type { FigurePoint } from '../../src/store/types.ts';
import { chartableAxes, periodInstant, renderFigureChart } from '../../src/web/figure-chart.ts';

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
});
