import type { Figure } from '../model/index.ts';

/**
 * Figure values in a reader's words: "€8.2 million", "0.004%", "rank 200", "2017-10-16",
 * "US$31.9 billion". Fixed English formatting (not the host locale) so reports are stable.
 */

const CURRENCY_SYMBOLS: Record<string, string> = {
  EUR: '€',
  USD: 'US$',
  GBP: '£',
  JPY: '¥',
  CNY: 'CN¥',
  KRW: '₩',
  CHF: 'CHF ',
};

const SCALES: Array<[number, string]> = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
];

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6, useGrouping: true });
const scaled = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: true });

/** A figure's value as a reader would write it. */
export function formatFigureValue(f: Pick<Figure, 'kind' | 'value' | 'unit'>): string {
  const { kind, value, unit } = f;
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'money':
      return formatMoney(value, unit);
    case 'percent':
      return `${plain.format(value)}%`;
    case 'rank':
      return `rank ${plain.format(value)}`;
    case 'year':
      return String(value);
    case 'date':
      return String(value);
    case 'measure':
      return unit === null ? plain.format(value) : `${plain.format(value)} ${unit}`;
    case 'count':
      return unit === null || unit === '' ? plain.format(value) : `${plain.format(value)} ${unit}`;
  }
}

/** "€8.2 million", "€300,000", "-€2 million", "KRW 1.5 billion" (unknown codes spelled out). */
export function formatMoney(amount: number, currency: string | null): string {
  const sign = amount < 0 ? '-' : '';
  const symbol = currency === null ? '' : (CURRENCY_SYMBOLS[currency] ?? `${currency} `);
  return `${sign}${symbol}${formatMagnitude(Math.abs(amount))}`;
}

/** 8200000 → "8.2 million"; 300000 → "300,000". */
function formatMagnitude(amount: number): string {
  for (const [size, word] of SCALES) {
    if (amount >= size) return `${scaled.format(amount / size)} ${word}`;
  }
  return plain.format(amount);
}

/** How a figure moved, in words: "+€6.7 million" and "+4.9%"; `relative` null when none makes sense. */
export interface DeltaWords {
  absolute: string;
  relative: string | null;
}

/**
 * How a numeric figure moved, or null when no delta makes sense (dates, years, ranks — where a
 * percentage is meaningless —, different kinds or units, non-numbers). In parts, for a table
 * that gives the relative change a column of its own; `formatFigureDelta` joins them.
 *
 * money: "+€6.7 million", "+4.9%"; count/measure: "+2", "+28.6%"; percent: "+0.5 pts" alone
 * (a relative change of a percentage is meaningless), as is anything that moved from zero.
 */
export function describeFigureDelta(
  from: Pick<Figure, 'kind' | 'value' | 'unit'>,
  to: Pick<Figure, 'kind' | 'value' | 'unit'>,
): DeltaWords | null {
  if (typeof from.value !== 'number' || typeof to.value !== 'number') return null;
  if (from.kind !== to.kind || from.unit !== to.unit) return null;
  const delta = to.value - from.value;
  if (delta === 0) return null;
  const sign = delta > 0 ? '+' : '-';
  switch (to.kind) {
    case 'percent':
      return { absolute: `${sign}${plain.format(roundTo(Math.abs(delta), 6))} pts`, relative: null };
    case 'money':
      return { absolute: `${sign}${formatMoney(Math.abs(delta), to.unit)}`, relative: relativeChange(from.value, delta) };
    case 'count':
    case 'measure':
      return { absolute: `${sign}${formatFigureValue({ ...to, value: Math.abs(delta) })}`, relative: relativeChange(from.value, delta) };
    default:
      return null;
  }
}

/** The delta in one string: "+€6.7 million, +4.9%", "+0.5 pts"; null when none makes sense. */
export function formatFigureDelta(
  from: Pick<Figure, 'kind' | 'value' | 'unit'>,
  to: Pick<Figure, 'kind' | 'value' | 'unit'>,
): string | null {
  const words = describeFigureDelta(from, to);
  if (words === null) return null;
  return words.relative === null ? words.absolute : `${words.absolute}, ${words.relative}`;
}

/** "+4.9%"; null from zero, where no percentage exists. */
function relativeChange(base: number, delta: number): string | null {
  if (base === 0) return null;
  const pct = (delta / Math.abs(base)) * 100;
  const rounded = roundTo(Math.abs(pct), 1);
  return `${pct > 0 ? '+' : '-'}${rounded}%`;
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
