/**
 * How alike two figures are, for pairing the figures whose key did not survive an edit.
 *
 * A key is made from a few words around a figure; an editor who rewrites exactly those words
 * ("Trade between France and North Korea is not very significant (€8.2 million in 2016)" →
 * "… remains very limited (€5.1 million in 2017)") breaks it, and the figure would read as
 * removed + added. Before saying so, the diff compares what is left of both figures' meaning:
 *
 * - the content words of their sentences (numbers, years and stop words out), as a Jaccard
 *   overlap — the strongest evidence that two numbers speak of the same thing;
 * - the words of their keys (the words nearest the figure);
 * - how close the values are (a trade figure that went from 8.2 to 5.1 million is closer than
 *   one that became 135 million);
 * - whether they stand in the same section.
 *
 * Figures of different kinds, or with different units (EUR vs USD, km² vs ha), are never alike.
 */
import type { Figure, FigureValue } from '../model/index.ts';
import { FIGURE_LANGUAGES, MONTHS, NUMBER_WORDS, ORDINAL_WORDS, STOP_WORDS } from '../model/figure-vocabulary.ts';
import { normalizeHeading } from './normalize-text.ts';

/**
 * Words that say nothing about what a figure is: stop words, and the words that ARE values —
 * number words ("two" → "three"), ordinals, month names ("May 2016" → "June 2016") — of every
 * language we read (a figure does not say which language it is in).
 */
const STOP = new Set(
  FIGURE_LANGUAGES.flatMap((lang) => [
    ...[...STOP_WORDS[lang]].map(fold),
    ...[NUMBER_WORDS, ORDINAL_WORDS, MONTHS].flatMap((table) => Object.keys(table[lang]).map(fold)),
  ]),
);

/** Weights of the evidence; they add up to 1. */
const WEIGHTS = { sentence: 0.5, key: 0.2, value: 0.2, section: 0.1 };

/** Below this overlap of sentence words, two figures are not the same figure, whatever else. */
export const MIN_SENTENCE_OVERLAP = 0.35;
/** Below this score, two figures are not paired. */
export const MIN_SCORE = 0.5;

function fold(word: string): string {
  return word.toLowerCase().replace(/ß/g, 'ss').normalize('NFD').replace(/\p{M}/gu, '');
}

/** The content words of a text: letters only, folded, no stop words, no one-letter words. */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const m of text.matchAll(/\p{L}[\p{L}’'-]*/gu)) {
    const word = fold(m[0]).replace(/^(?:[ldjnsctm]|qu)[’']/u, '').replace(/[’']s$/u, '');
    if (word.length > 1 && !STOP.has(word)) words.add(word);
  }
  return words;
}

function keyWords(key: string): Set<string> {
  const body = key.replace(/^[^/]*\//u, '').replace(/[@#].*$/u, '');
  return new Set(body.split('-').filter((w) => w !== ''));
}

/** |A ∩ B| / |A ∪ B|; 0 for two empty sets (nothing in common is no evidence). */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

/** 1 for equal values, falling to 0 as they move apart (relative distance); dates: equal or not. */
export function valueProximity(a: FigureValue, b: FigureValue): number {
  if (typeof a === 'number' && typeof b === 'number') {
    const scale = Math.max(Math.abs(a), Math.abs(b));
    return scale === 0 ? 1 : Math.max(0, 1 - Math.abs(a - b) / scale);
  }
  return a === b ? 1 : 0;
}

/** Whether two figures may be the same figure at all: same kind and compatible unit. */
export function areComparable(a: Figure, b: Figure): boolean {
  return a.kind === b.kind && (a.unit === b.unit || a.unit === null || b.unit === null);
}

/**
 * How alike two figures are, 0–1, or 0 when they cannot be the same figure (different kind or
 * unit, or sentences with too little in common).
 */
export function scoreSimilarity(a: Figure, b: Figure): number {
  if (!areComparable(a, b)) return 0;
  const sentence = jaccard(contentWords(a.sentence), contentWords(b.sentence));
  if (sentence < MIN_SENTENCE_OVERLAP) return 0;
  const key = jaccard(keyWords(a.key), keyWords(b.key));
  const value = valueProximity(a.value, b.value);
  const section = normalizeHeading(a.section) === normalizeHeading(b.section) ? 1 : 0;
  return WEIGHTS.sentence * sentence + WEIGHTS.key * key + WEIGHTS.value * value + WEIGHTS.section * section;
}
