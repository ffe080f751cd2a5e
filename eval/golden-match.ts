import type { Figure } from '../src/model/index.ts';

/** A figure as a golden file lists it: what a reader tracks, by kind, value, unit and raw text. */
export interface GoldenFigure {
  kind: string;
  value: number | string;
  unit?: string;
  raw: string;
  period?: string;
  name?: string;
  source?: string;
  direction?: string;
}

function normalize(text: string): string {
  return text.replace(/\([^)]*\)/gu, ' ').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/**
 * An extracted figure matches a golden one with the same kind, value and (when given) unit, whose
 * raw texts contain one another once parentheses are dropped: golden `raw` sometimes carries a
 * few neighbouring words ("€6 million in North Korean imports").
 */
export function matchesGolden(figure: Figure, expected: GoldenFigure): boolean {
  if (figure.kind !== expected.kind || figure.value !== expected.value) return false;
  if (expected.unit !== undefined && figure.unit !== expected.unit) return false;
  const ours = normalize(figure.raw);
  const theirs = normalize(expected.raw);
  return ours.includes(theirs) || theirs.includes(ours);
}
