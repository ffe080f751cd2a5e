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
 */
import type { Candidate, Span } from './candidate.ts';
import { pickLanguage, STOP_WORDS, type FigureLanguage } from './vocabulary.ts';

const WORDS_BEFORE = 3;
const WORDS_AFTER = 3;
const LABEL_WORDS = 4;
const CLAUSE_BREAK = /[,;:()[\]–—]|\s(?:and|et|und)\s/u;

interface Token {
  word: string;
  /** `foldWord(word)`, computed once. */
  folded: string;
  start: number;
  end: number;
}

/** Lower case, no diacritics, ß → ss: what a key word looks like. */
export function foldWord(word: string): string {
  // Plain ASCII words (most of them) need no Unicode decomposition.
  if (/^[\x00-\x7F]*$/u.test(word)) return word.toLowerCase();
  return word.toLowerCase().replace(/ß/g, 'ss').normalize('NFD').replace(/\p{M}/gu, '');
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

/** A readable slug of a heading: "Economic relations" → "economic-relations". */
export function slugify(text: string, language: string): string {
  const stop = STOP_WORDS[pickLanguage(language)];
  const words = tokenize(text).map((t) => t.folded).filter((w) => !stop.has(w));
  return words.join('-') || 'untitled';
}

function isContent(token: Token, stop: Set<string>, excluded: Span[]): boolean {
  if (/\d/.test(token.word) || token.word.length < 2) return false;
  if (stop.has(token.folded) || stop.has(token.word.toLowerCase())) return false;
  return !excluded.some((s) => token.start < s.end && s.start < token.end);
}

/** Everything needed to make the key of one figure of a sentence. */
export interface KeyContext {
  sentence: string;
  language: string;
  /** All figures of the sentence (years that became periods included). */
  figures: Candidate[];
  /** End of the "label :" part of a label row in this sentence, 0 when none. */
  labelEnd: number;
  /** Fallback words when the sentence gives none. */
  sectionSlug: string;
}

/** The base key of `figure` (before collisions are resolved). */
export function makeBaseKey(figure: Candidate, context: KeyContext): string {
  const lang: FigureLanguage = pickLanguage(context.language);
  const stop = STOP_WORDS[lang];
  const { sentence, figures, labelEnd } = context;
  const excluded: Span[] = figures.map((f) => ({ start: f.valueStart, end: f.valueEnd }));
  const others = figures.filter((f) => f !== figure && f.kind !== 'year');
  // Words of other figures' raw text ("ranks" of "ranks 200") belong to those figures.
  for (const o of others) excluded.push({ start: o.start, end: o.end });
  const tokens = tokenizeSentence(sentence).filter((t) => isContent(t, stop, excluded));
  const isBreak = (from: number, to: number) =>
    CLAUSE_BREAK.test(sentence.slice(from, to)) || others.some((o) => o.start >= from && o.end <= to);

  const label = labelEnd > 0 && figure.start >= labelEnd ? tokens.filter((t) => t.end <= labelEnd) : [];
  const body = tokens.filter((t) => t.start >= (label.length > 0 ? labelEnd : 0));
  const own = body.filter((t) => t.start >= figure.start && t.end <= figure.end);
  const before = body.filter((t) => t.end <= figure.start);
  const after = body.filter((t) => t.start >= figure.end);

  const near = (list: Token[], from: (t: Token) => [number, number]) => list.filter((t) => !isBreak(...from(t)));
  let wordsBefore = near(before, (t) => [t.end, figure.start]).slice(-WORDS_BEFORE);
  let wordsAfter = near(after, (t) => [figure.end, t.start]).slice(0, WORDS_AFTER);
  if (wordsBefore.length + own.length + wordsAfter.length < 2) {
    wordsBefore = before.slice(-WORDS_BEFORE);
    if (wordsBefore.length + own.length + wordsAfter.length < 2) wordsAfter = after.slice(0, WORDS_AFTER);
  }
  const words = [...label.slice(0, LABEL_WORDS), ...wordsBefore, ...own, ...wordsAfter].map((t) => t.folded);
  return `${figure.kind}/${words.join('-') || context.sectionSlug}`;
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
    return key;
  });
}
