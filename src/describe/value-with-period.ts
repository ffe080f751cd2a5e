import type { Figure } from '../model/index.ts';
import { formatFigureValue } from './format-value.ts';

type Shown = Pick<Figure, 'kind' | 'value' | 'unit' | 'period'>;

/** "€8.2 million (2016)": a value with the period it speaks of; the value alone without one. */
export function valueWithPeriod(value: string, period: string | null): string {
  return period === null ? value : `${value} (${period})`;
}

/**
 * The period worth printing beside a figure's value: none when it only repeats the value
 * ("2001 (2001)"), or when a stored figure has none at all.
 */
export function shownPeriod(figure: Shown): string | null {
  const period = figure.period ?? null;
  return period === null || period === formatFigureValue(figure) ? null : period;
}

/**
 * A figure's value, with its period when `showPeriod` (a changed figure shows both periods only
 * when they differ) and when the period says more than the value.
 */
export function formatValueWithPeriod(figure: Shown, showPeriod = true): string {
  return valueWithPeriod(formatFigureValue(figure), showPeriod ? shownPeriod(figure) : null);
}
