import { describe, expect, it } from 'vitest';
import { describeFigureDelta, formatFigureDelta, formatFigureValue } from '../../src/describe/format-value.ts';
import { labelFigure } from '../../src/describe/label-figure.ts';
import { figure } from '../diff/make-document.ts';

describe('formatFigureValue', () => {
  it.each([
    [{ kind: 'money', value: 8_200_000, unit: 'EUR' }, '€8.2 million'],
    [{ kind: 'money', value: 31_900_000_000, unit: 'USD' }, 'US$31.9 billion'],
    [{ kind: 'money', value: 300_000, unit: 'EUR' }, '€300,000'],
    [{ kind: 'money', value: 135_300_000, unit: 'EUR' }, '€135.3 million'],
    [{ kind: 'money', value: 1_500_000, unit: 'KPW' }, 'KPW 1.5 million'],
    [{ kind: 'percent', value: 0.004, unit: '%' }, '0.004%'],
    [{ kind: 'percent', value: 17, unit: '%' }, '17%'],
    [{ kind: 'rank', value: 200, unit: null }, 'rank 200'],
    [{ kind: 'count', value: 130, unit: null }, '130'],
    [{ kind: 'measure', value: 120_540, unit: 'km²' }, '120,540 km²'],
    [{ kind: 'year', value: 2016, unit: null }, '2016'],
    [{ kind: 'date', value: '2017-10-16', unit: null }, '2017-10-16'],
    [{ kind: 'date', value: '2016-05', unit: null }, '2016-05'],
  ] as const)('%o → %s', (f, expected) => {
    expect(formatFigureValue(f)).toBe(expected);
  });
});

describe('formatFigureDelta', () => {
  const money = (value: number) => ({ kind: 'money' as const, value, unit: 'EUR' });
  it('gives the absolute and relative change of money', () => {
    expect(formatFigureDelta(money(135_300_000), money(142_000_000))).toBe('+€6.7 million, +5%');
    expect(formatFigureDelta(money(8_200_000), money(5_100_000))).toBe('-€3.1 million, -37.8%');
  });
  it('gives percentage points for percents', () => {
    expect(formatFigureDelta({ kind: 'percent', value: 17, unit: '%' }, { kind: 'percent', value: 20.5, unit: '%' })).toBe('+3.5 pts');
  });
  it('gives nothing where a delta means nothing', () => {
    expect(formatFigureDelta({ kind: 'rank', value: 200, unit: null }, { kind: 'rank', value: 180, unit: null })).toBeNull();
    expect(formatFigureDelta({ kind: 'date', value: '2016-05', unit: null }, { kind: 'date', value: '2017-04-06', unit: null })).toBeNull();
    expect(formatFigureDelta(money(1), { kind: 'money', value: 2, unit: 'USD' })).toBeNull();
    expect(formatFigureDelta(money(5), money(5))).toBeNull();
  });
  it('leaves out the relative change from zero', () => {
    expect(formatFigureDelta({ kind: 'count', value: 0, unit: null }, { kind: 'count', value: 7, unit: null })).toBe('+7');
  });
});

describe('describeFigureDelta', () => {
  it('gives the absolute and the relative change apart, for a table with a column each', () => {
    const money = (value: number) => ({ kind: 'money' as const, value, unit: 'EUR' });
    expect(describeFigureDelta(money(8_200_000), money(5_100_000))).toEqual({ absolute: '-€3.1 million', relative: '-37.8%' });
  });
  it('has no relative change for percentage points, nor from zero', () => {
    expect(describeFigureDelta({ kind: 'percent', value: 17, unit: '%' }, { kind: 'percent', value: 20.5, unit: '%' })).toEqual({ absolute: '+3.5 pts', relative: null });
    expect(describeFigureDelta({ kind: 'count', value: 0, unit: null }, { kind: 'count', value: 7, unit: null })).toEqual({ absolute: '+7', relative: null });
  });
});

describe('labelFigure', () => {
  const sentence = 'EU humanitarian aid totalled €135.3 million for 130 projects for the period 1995-2015.';
  it('names a figure by the words before it, without linking verbs', () => {
    expect(labelFigure(figure({ key: 'k', raw: '€135.3 million', sentence }))).toBe('EU humanitarian aid');
  });
  it('skips an earlier number in the sentence', () => {
    const s = 'French exports amount to €2 million and North Korea ranks 200 among France’s customers.';
    expect(labelFigure(figure({ key: 'k', kind: 'rank', raw: 'ranks 200', sentence: s }))).toBe('rank among France’s customers');
  });
  it('prefers the words after it when only one word precedes it', () => {
    const s = 'Fewer than ten French nationals live in North Korea.';
    expect(labelFigure(figure({ key: 'k', kind: 'count', raw: 'ten', sentence: s }))).toBe('French nationals live in North Korea');
  });
  it('falls back to the words after it, then to what the figure is', () => {
    expect(labelFigure(figure({ key: 'k', kind: 'count', raw: 'Seven', sentence: 'Seven of them have embassies in Pyongyang (Germany, Bulgaria).' }))).toBe(
      'embassies in Pyongyang',
    );
    // The section names the figures around it, not this one: the kind says honestly what it is.
    expect(labelFigure(figure({ key: 'k', raw: '€1', sentence: 'no match here', section: 'Economic relations' }))).toBe('amount');
  });
  it('names a count by what it counts', () => {
    const s = 'Fewer than ten French nationals live in North Korea and around 170 North Koreans live in France.';
    expect(labelFigure(figure({ key: 'k', kind: 'count', raw: '170 North Koreans', sentence: s }))).toBe('North Koreans live in France');
  });
  it('reads on past punctuation right after the figure', () => {
    const s = 'In 2006, the EU began implementing autonomous sanctions measures.';
    expect(labelFigure(figure({ key: 'k', kind: 'year', raw: '2006', sentence: s }))).toBe('EU began implementing autonomous sanctions');
  });
  it('never falls back to the key, whose words lose their accents: it says what the figure is', () => {
    const s = 'Amounts: €2 million.';
    const f = figure({ key: 'money/secretaire-etat-affaires#2', raw: '€2 million', sentence: s });
    expect(labelFigure(f)).toBe('amount');
  });
});
