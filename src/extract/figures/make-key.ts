/**
 * Keys that survive revisions: a figure's key is made from what it means, not where it is.
 *
 * Base key = `<kind>/<words>`, where the words are the few content words around the figure in
 * its own sentence — up to three before it and two after it within its clause (a clause ends at
 * `, ; : ( )` or at another figure), plus the words of its own raw text that are not the value
 * (the noun of "two French NGOs", the "ranks" of "ranks 200"). Numbers, years, other figures'
 * values, and stop words are left out, so "(€8.2 million in 2016)" and "(€5.1 million in 2017)"
 * in the same sentence give the same key. A clause with fewer than two words borrows from
 * the clauses before it (then after it): "(€8.2 million in 2016)" takes "north korea
 * significant" from the sentence it closes. In a "label : value" row the label comes first
 * ("measure/superficie").
 *
 * The section heading is NOT part of the base key: a paragraph moved to another section keeps
 * its figures' keys (a move is not removed + added). Sections only separate collisions — see
 * `assignUniqueKeys`.
 *
 * Keys and slugs are bounded in length (`MAX_KEY_CHARS`, `MAX_SLUG_CHARS`): a key is indexed in
 * the store (`figures_source_key_idx`), and an index row has a size limit a 9,000-letter word
 * next to a figure, or a 10,000-character heading, went past, failing the whole store statement
 * (issue 13). A longer one keeps its beginning and ends with a hash of all of it, so it stays
 * unique and the same text always gives the same key.
 */
import { createHash } from 'node:crypto';
import type { Candidate, Span } from './candidate.ts';
import { pickLanguage, STOP_WORDS, type FigureLanguage } from '../../model/figure-vocabulary.ts';
import { foldWord } from '../../text/fold-word.ts';

const WORDS_BEFORE = 3;
const WORDS_AFTER = 3;
const LABEL_WORDS = 4;
/**
 * Every place a clause break starts, overlapping ones included (" and and " holds two): the
 * lookahead makes each match empty, so `matchAll` tries every position once.
 */
const CLAUSE_BREAKS = /(?=([,;:()[\]–—]|\s(?:and|et|und)\s))/gu;

interface Token {
  word: string;
  /** `foldWord(word)`, computed once. */
  folded: string;
  start: number;
  end: number;
}


/** The words of `text` with offsets; elisions ("d’euros", "l’Etat") and "’s" removed. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:[’'][\p{L}]+)*/gu)) {
    let word = m[0];
    let start = m.index;
    if (/[’']/u.test(word)) {
      const elision = /^(?:[ldjnsctm]|qu|jusqu|lorsqu|puisqu)[’']/iu.exec(word);
      if (elision) {
        start += elision[0].length;
        word = word.slice(elision[0].length);
      }
      word = word.replace(/[’']s$/u, '');
    }
    tokens.push({ word, folded: foldWord(word), start, end: m.index + m[0].length });
  }
  return tokens;
}

/**
 * Every figure of a sentence tokenises the same sentence: keep the last one's tokens (the
 * extractor makes a sentence's keys one after the other). Tokens are never mutated.
 */
let lastTokenized: { text: string; tokens: Token[] } | null = null;

function tokenizeSentence(text: string): Token[] {
  if (lastTokenized?.text !== text) lastTokenized = { text, tokens: tokenize(text) };
  return lastTokenized.tokens;
}

/** The longest figure key; longer ones are cut and end with a hash (`boundLength`). */
export const MAX_KEY_CHARS = 200;
/** The longest section slug (the `@section` of a key). */
export const MAX_SLUG_CHARS = 80;
const HASH_CHARS = 12;

/**
 * `text` itself when it has at most `max` characters; else its beginning, "~", and the first
 * hex digits of its SHA-256, `max` characters in all: the same text always gives the same
 * result, and two texts that share a long beginning still differ.
 */
export function boundLength(text: string, max: number): string {
  if (text.length <= max) return text;
  const hash = createHash('sha256').update(text, 'utf8').digest('hex').slice(0, HASH_CHARS);
  let head = text.slice(0, max - HASH_CHARS - 1);
  // Never end on the first half of a surrogate pair.
  if (/[\uD800-\uDBFF]$/u.test(head)) head = head.slice(0, -1);
  return `${head}~${hash}`;
}

/** A readable slug of a heading: "Economic relations" → "economic-relations". */
export function slugify(text: string, language: string): string {
  const stop = STOP_WORDS[pickLanguage(language)];
  const words = tokenize(text).map((t) => t.folded).filter((w) => !stop.has(w));
  return boundLength(words.join('-') || 'untitled', MAX_SLUG_CHARS);
}

/** Half-open spans sorted by start, merged where they overlap: for "does this token touch one". */
function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** Index of the first element of `list` (sorted by `at`) with `at(element) >= value`. */
function lowerBound<T>(list: readonly T[], value: number, at: (item: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(list[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Everything needed to make the keys of the figures of a sentence. */
export interface KeyContext {
  sentence: string;
  language: string;
  /** All figures of the sentence (years that became periods included), disjoint. */
  figures: Candidate[];
  /** End of the "label :" part of a label row in this sentence, 0 when none. */
  labelEnd: number;
  /** Fallback words when the sentence gives none. */
  sectionSlug: string;
}

/** Where a clause break or another figure sits: the words of a key never reach across one. */
interface Barrier {
  start: number;
  end: number;
}

/**
 * Prepares the keys of one sentence's figures and returns the function that makes each one's
 * base key (before collisions are resolved).
 *
 * The rule is the one the module comment gives; the work is arranged so that a sentence costs
 * time linear in its length, whatever it holds (issue 14: a sentence of a thousand figures cost
 * a thousand figures × every token × every figure). Tokens are read once; a token is a key word
 * unless it is a number, a stop word, or touches a figure's value or a non-year figure's raw text
 * (it cannot touch its own figure's raw text, figures being disjoint, except for the figure's own
 * words, taken separately). "Is there a clause break or another figure between this word and the
 * figure" is one binary search over the barriers (breaks and non-year figures), sorted by end
 * with a running maximum of their starts, and sorted by start with a running minimum of ends.
 */
export function prepareKeys(context: KeyContext): (figure: Candidate) => string {
  const lang: FigureLanguage = pickLanguage(context.language);
  const stop = STOP_WORDS[lang];
  const { sentence, figures, labelEnd } = context;
  const allTokens = tokenizeSentence(sentence);
  const isWord = (t: Token) => !/\d/.test(t.word) && t.word.length >= 2 && !stop.has(t.folded) && !stop.has(t.word.toLowerCase());
  const values = mergeSpans(figures.map((f) => ({ start: f.valueStart, end: f.valueEnd })));
  const raws = mergeSpans([...values, ...figures.filter((f) => f.kind !== 'year').map((f) => ({ start: f.start, end: f.end }))]);
  const touches = (spans: Span[], t: Token) => {
    const i = lowerBound(spans, t.start + 1, (s) => s.end);
    return i < spans.length && spans[i]!.start < t.end;
  };
  /** Key words outside every figure: the words before and after figures come from these. */
  const words = allTokens.filter((t) => isWord(t) && !touches(raws, t));

  const barriers: Barrier[] = figures.filter((f) => f.kind !== 'year').map((f) => ({ start: f.start, end: f.end }));
  for (const m of sentence.matchAll(CLAUSE_BREAKS)) barriers.push({ start: m.index, end: m.index + m[1]!.length });
  const byEnd = [...barriers].sort((a, b) => a.end - b.end);
  const maxStartByEnd: number[] = [];
  byEnd.forEach((b, i) => maxStartByEnd.push(Math.max(b.start, maxStartByEnd[i - 1] ?? -1)));
  const byStart = [...barriers].sort((a, b) => a.start - b.start);
  const minEndFromStart: number[] = new Array<number>(byStart.length);
  for (let i = byStart.length - 1; i >= 0; i--) minEndFromStart[i] = Math.min(byStart[i]!.end, minEndFromStart[i + 1] ?? Infinity);
  /** Whether a barrier lies wholly inside [from, to]. */
  const brokenBefore = (from: number, to: number) => {
    const i = lowerBound(byEnd, to + 1, (b) => b.end) - 1;
    return i >= 0 && maxStartByEnd[i]! >= from;
  };
  const brokenAfter = (from: number, to: number) => {
    const i = lowerBound(byStart, from, (b) => b.start);
    return i < byStart.length && minEndFromStart[i]! <= to;
  };

  const labelWords = labelEnd > 0 ? words.slice(0, lowerBound(words, labelEnd + 1, (t) => t.end)).slice(0, LABEL_WORDS) : [];
  return (figure: Candidate): string => {
    const inLabelRow = labelEnd > 0 && figure.start >= labelEnd && labelWords.length > 0;
    const label = labelEnd > 0 && figure.start >= labelEnd ? labelWords : [];
    // The body starts after the label when the figure's row has one with words in it.
    const bodyStart = inLabelRow ? lowerBound(words, labelEnd, (t) => t.start) : 0;
    const beforeEnd = Math.max(bodyStart, lowerBound(words, figure.start + 1, (t) => t.end));
    const afterStart = Math.max(bodyStart, lowerBound(words, figure.end, (t) => t.start));
    const own = ownWords(allTokens, figure, isWord, values);

    let wordsBefore: Token[] = [];
    for (let i = beforeEnd - 1; i >= bodyStart && wordsBefore.length < WORDS_BEFORE; i--) {
      if (brokenBefore(words[i]!.end, figure.start)) break;
      wordsBefore.unshift(words[i]!);
    }
    let wordsAfter: Token[] = [];
    for (let i = afterStart; i < words.length && wordsAfter.length < WORDS_AFTER; i++) {
      if (brokenAfter(figure.end, words[i]!.start)) break;
      wordsAfter.push(words[i]!);
    }
    if (wordsBefore.length + own.length + wordsAfter.length < 2) {
      wordsBefore = words.slice(Math.max(bodyStart, beforeEnd - WORDS_BEFORE), beforeEnd);
      if (wordsBefore.length + own.length + wordsAfter.length < 2) wordsAfter = words.slice(afterStart, afterStart + WORDS_AFTER);
    }
    const keyWords = [...label, ...wordsBefore, ...own, ...wordsAfter].map((t) => t.folded);
    return `${figure.kind}/${keyWords.join('-') || context.sectionSlug}`;
  };
}

/** The words of a figure's own raw text that are not its value ("French NGOs" of "two French NGOs"). */
function ownWords(tokens: readonly Token[], figure: Candidate, isWord: (t: Token) => boolean, values: Span[]): Token[] {
  const own: Token[] = [];
  for (let i = lowerBound(tokens, figure.start, (t) => t.start); i < tokens.length && tokens[i]!.end <= figure.end; i++) {
    const t = tokens[i]!;
    if (!isWord(t)) continue;
    const v = lowerBound(values, t.start + 1, (s) => s.end);
    if (v < values.length && values[v]!.start < t.end) continue;
    own.push(t);
  }
  return own;
}

/** A figure waiting for its final key. */
export interface Keyed {
  baseKey: string;
  sectionSlug: string;
}

/**
 * Final keys, unique within the page and deterministic: the first figure with a base key keeps
 * it; a later one takes `<base>@<section>` when it stands in another section, else `<base>#n`
 * (n its rank among the figures sharing the base key, in page order); the section is used only
 * when it actually tells the twins apart. "First keeps the plain
 * key" means a new twin added later in the page never renames the figure already tracked.
 */
export function assignUniqueKeys(figures: Keyed[]): string[] {
  const used = new Set<string>();
  const seen = new Map<string, number>();
  const firstSection = new Map<string, string>();
  return figures.map((figure) => {
    const count = (seen.get(figure.baseKey) ?? 0) + 1;
    seen.set(figure.baseKey, count);
    if (!firstSection.has(figure.baseKey)) firstSection.set(figure.baseKey, figure.sectionSlug);
    let key = figure.baseKey;
    if (used.has(key) && firstSection.get(figure.baseKey) !== figure.sectionSlug) {
      key = `${figure.baseKey}@${figure.sectionSlug}`;
    }
    if (used.has(key)) key = `${figure.baseKey}#${count}`;
    for (let n = count; used.has(key); n++) key = `${figure.baseKey}#${n + 1}`;
    used.add(key);
    // Bounded after the collisions are settled: distinct keys stay distinct (the hash covers all).
    return boundLength(key, MAX_KEY_CHARS);
  });
}
