import type { Change, Figure } from '../extract/page-document.ts';
import { collapseWhitespace, normalizeHeading } from './normalize-text.ts';

/**
 * Figures added, removed and changed, aligned by `key`.
 *
 * The extractor derives a key from a figure's meaning, so "€8.2 million in 2016" → "€5.1
 * million in 2017" keeps its key and shows here as one figure changed. A figure changed only
 * when what it says changed — its value, unit or period; a reworded sentence or a different
 * raw spelling of the same value ("€2m" → "€2 million") is not a change a reader tracks.
 * Keys are compared case- and whitespace-insensitively; a key occurring several times on a
 * page is paired by occurrence order. A figure whose key drifted but whose kind, value, unit,
 * period and section are unchanged is not reported (see `pairRekeyed`).
 */
export function alignFigures(from: readonly Figure[], to: readonly Figure[]): Change['figures'] {
  const fromByKey = groupByKey(from);
  const used = new Map<string, number>();
  const added: Figure[] = [];
  const changed: Change['figures']['changed'] = [];
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
    if (!sameMeaning(previous, figure)) changed.push({ key: figure.key, from: previous, to: figure });
  }
  const unmatched = from.filter((figure) => !matched.has(figure));
  const rekeyed = pairRekeyed(unmatched, added);
  return {
    added: added.filter((figure) => !rekeyed.has(figure)),
    removed: unmatched.filter((figure) => !rekeyed.has(figure)),
    changed,
  };
}

/**
 * Figures whose key drifted because the words around them were edited ("opened on 10 October
 * 2011," → "opened on 10 October 2011 in Pyongyang,") but which say exactly the same thing in
 * the same section: a removed and an added figure with the same kind, value, unit, period and
 * (normalised) section heading, when that pairing is unique on both sides. Such a pair is the
 * same figure, unchanged — reporting it removed and re-added would be noise. Ambiguous
 * candidates (two equal values in one section) are left as they are.
 */
function pairRekeyed(removed: readonly Figure[], added: readonly Figure[]): Set<Figure> {
  const signature = (f: Figure): string =>
    JSON.stringify([f.kind, f.value, f.unit, f.period ?? null, normalizeHeading(f.section)]);
  const removedBySig = groupBy(removed, signature);
  const addedBySig = groupBy(added, signature);
  const paired = new Set<Figure>();
  for (const [sig, olds] of removedBySig) {
    const news = addedBySig.get(sig);
    if (olds.length === 1 && news?.length === 1) {
      paired.add(olds[0]!);
      paired.add(news[0]!);
    }
  }
  return paired;
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

/** Whether two aligned figures say the same thing (value, unit, period). */
export function sameMeaning(a: Figure, b: Figure): boolean {
  return sameValue(a.value, b.value) && a.unit === b.unit && (a.period ?? null) === (b.period ?? null);
}

function sameValue(a: number | string, b: number | string): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    // Tolerate float noise from scaling ("€8.2 million" parsed twice may differ in the last bit).
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b;
}

function normalizeKey(key: string): string {
  return collapseWhitespace(key).toLowerCase();
}

function groupByKey(figures: readonly Figure[]): Map<string, Figure[]> {
  return groupBy(figures, (figure) => normalizeKey(figure.key));
}
