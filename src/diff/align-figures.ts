import type { Figure, FigureChange, FigureChanges, FigureDelta, FigureValue } from '../model/index.ts';
import { MIN_SCORE, scoreSimilarity } from './figure-similarity.ts';
import { collapseWhitespace } from '../text/collapse-whitespace.ts';

/**
 * Figures added, removed and changed, aligned in two passes:
 *
 * 1. by `key`. The extractor derives a key from a figure's meaning, so "€8.2 million in 2016" →
 *    "€5.1 million in 2017" keeps its key and shows here as one figure changed. Keys are
 *    compared case- and whitespace-insensitively; a key occurring several times on a page is
 *    paired by occurrence order.
 * 2. by similarity of what remains (`pairBySimilarity`, figure-similarity.ts): sentence words,
 *    key words, value proximity, section — for figures whose surrounding words were rewritten
 *    ("opened on 10 October 2011," → "opened on 10 October 2011 in Pyongyang,") or whose
 *    paragraph moved. A pair that says the same thing is the same figure, unchanged, and is not
 *    reported; two equal values in unrelated sentences ("two cooperation programmes", "two
 *    French NGOs") are not paired, however equal.
 *
 * A figure changed only when what it says changed — its value, unit, period or direction; a
 * reworded sentence or a different raw spelling of the same value ("€2m" → "€2 million") is
 * not a change a reader tracks. A changed number carries its `delta` (absolute and relative).
 */
export function alignFigures(from: readonly Figure[], to: readonly Figure[]): FigureChanges {
  const fromByKey = groupBy(from, (figure) => normalizeKey(figure.key));
  const used = new Map<string, number>();
  const added: Figure[] = [];
  const changed: FigureChange[] = [];
  const matched = new Set<Figure>();

  for (const figure of to) {
    const key = normalizeKey(figure.key);
    const index = used.get(key) ?? 0;
    used.set(key, index + 1);
    const previous = fromByKey.get(key)?.[index];
    if (previous === undefined) {
      added.push(figure);
      continue;
    }
    matched.add(previous);
    if (!sameMeaning(previous, figure)) changed.push(describeChange(figure.key, previous, figure, 'key'));
  }
  let removed = from.filter((figure) => !matched.has(figure));
  let remaining = added;

  const similar = pairBySimilarity(removed, remaining);
  const paired = new Set<Figure>();
  for (const [old, now] of similar) {
    paired.add(old);
    paired.add(now);
    if (!sameMeaning(old, now)) changed.push(describeChange(now.key, old, now, 'context'));
  }
  removed = removed.filter((figure) => !paired.has(figure));
  remaining = remaining.filter((figure) => !paired.has(figure));
  // Changes in the order of the newer page, as a reader meets them.
  const order = new Map(to.map((figure, i) => [figure, i]));
  changed.sort((a, b) => order.get(a.to)! - order.get(b.to)!);
  return { added: remaining, removed, changed };
}

function describeChange(key: string, from: Figure, to: Figure, matchedBy: 'key' | 'context'): FigureChange {
  const entry: FigureChange = { key, from, to };
  const delta = computeDelta(from, to);
  if (delta !== null) entry.delta = delta;
  if (matchedBy === 'context') entry.matchedBy = 'context';
  return entry;
}

/**
 * The move of a number: `absolute` = to − from in the figure's unit, `relative` = that over
 * |from| (0.25 is +25 %), null when from is 0. Null when the values are not both numbers or the
 * unit changed (EUR → USD has no meaningful delta). Rounded to 12 significant digits so that
 * 5.1e6 − 8.2e6 reads −3 100 000, not −3 099 999.9999999995.
 */
export function computeDelta(from: Figure, to: Figure): FigureDelta | null {
  if (typeof from.value !== 'number' || typeof to.value !== 'number' || from.unit !== to.unit) return null;
  const absolute = round(to.value - from.value);
  const relative = from.value === 0 ? null : round((to.value - from.value) / Math.abs(from.value));
  return { absolute, relative };
}

function round(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * Pairs removed and added figures that are alike enough (see figure-similarity.ts), best pair
 * first; ties go to the earlier figures, so the result does not depend on anything but the two
 * pages. Each figure is paired at most once.
 */
export function pairBySimilarity(removed: readonly Figure[], added: readonly Figure[]): Array<[Figure, Figure]> {
  const candidates: Array<{ score: number; i: number; j: number }> = [];
  removed.forEach((old, i) => {
    added.forEach((now, j) => {
      const score = scoreSimilarity(old, now);
      if (score >= MIN_SCORE) candidates.push({ score, i, j });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const pairs: Array<[Figure, Figure]> = [];
  for (const { i, j } of candidates) {
    if (usedOld.has(i) || usedNew.has(j)) continue;
    usedOld.add(i);
    usedNew.add(j);
    pairs.push([removed[i]!, added[j]!]);
  }
  return pairs;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

/** Whether two aligned figures say the same thing (value, unit, period, direction). */
export function sameMeaning(a: Figure, b: Figure): boolean {
  return (
    sameValue(a.value, b.value) &&
    a.unit === b.unit &&
    (a.period ?? null) === (b.period ?? null) &&
    (a.direction ?? null) === (b.direction ?? null)
  );
}

function sameValue(a: FigureValue, b: FigureValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    // Tolerate float noise from scaling ("€8.2 million" parsed twice may differ in the last bit).
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b;
}

function normalizeKey(key: string): string {
  return collapseWhitespace(key).toLowerCase();
}
