import { describe, expect, it } from 'vitest';
import { formatValueWithPeriod, shownPeriod } from '../../src/describe/value-with-period.ts';
import { figure } from '../diff/make-document.ts';

describe('formatValueWithPeriod', () => {
  const trade = figure({ key: 'trade', value: 8_200_000, unit: 'EUR', period: '2016' });

  it('puts the period after the value', () => {
    expect(formatValueWithPeriod(trade)).toBe('€8.2 million (2016)');
  });
  it('leaves it out when asked (a changed figure whose period did not move)', () => {
    expect(formatValueWithPeriod(trade, false)).toBe('€8.2 million');
  });
  it('leaves out a period that only repeats the value', () => {
    const year = figure({ key: 'year', kind: 'year', value: 2001, unit: null, raw: '2001', period: '2001' });
    expect(shownPeriod(year)).toBeNull();
    expect(formatValueWithPeriod(year)).toBe('2001');
  });
  it('reads a stored figure without a period as having none', () => {
    const stored = { ...trade, period: undefined } as unknown as typeof trade;
    expect(formatValueWithPeriod(stored)).toBe('€8.2 million');
  });
});
