/**
 * Splitting a block into sentences, keeping offsets so that figures can point back at the text.
 *
 * A sentence ends at `.`, `!`, `?` or `…` followed by a space and a capital, digit or opening
 * quote — except after abbreviations ("Mrd. Euro", "Dr. Schmidt"), single initials, and, in
 * German, after a short number: "am 22. Januar" is an ordinal, not the end of a sentence.
 *
 * A sentence longer than `MAX_SENTENCE_CHARS` is cut into pieces of at most that length (at a
 * space when one is near the cut). No reader writes such a sentence — the longest one holding a
 * figure in the corpus has 475 characters — but a hostile page can write one of 2 MB, and
 * everything after this step (recognisers, periods, keys, and the sentence copied into every
 * figure) costs at least the sentence's length per figure in it: bounding the sentence is what
 * keeps figure extraction linear in the page (issue 14).
 */
import { pickLanguage } from '../../model/figure-vocabulary.ts';

/** One sentence of a block: its text (verbatim) and where it starts in the block. */
export interface SentenceSpan {
  text: string;
  start: number;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'mt', 'vs', 'etc', 'cf', 'no', 'nos', 'prof', 'gen', 'col',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mme', 'mlle', 'mm', 'av', 'bd', 'art', 'chap', 'env', 'md', 'mds', 'p', 'pp', 'fig', 'vol',
  'mrd', 'mio', 'nr', 'bzw', 'ca', 'vgl', 'usw', 'evtl', 'ggf', 'inkl', 'str', 'dt', 'frz',
]);

/**
 * Capitalised words that open a German sentence but are no noun, so "auf Platz 3. Es gibt"
 * still splits after the number while "am 22. Januar" does not.
 */
const GERMAN_OPENERS = new Set([
  'Es', 'Er', 'Sie', 'Wir', 'Ich', 'Der', 'Die', 'Das', 'Dies', 'Diese', 'Dieser', 'Ein', 'Eine',
  'Im', 'In', 'Am', 'An', 'Auf', 'Nach', 'Seit', 'Mit', 'Bei', 'Auch', 'Dabei', 'Zudem',
  'Außerdem', 'Darüber', 'Damit', 'So', 'Zu', 'Für', 'Von', 'Vor', 'Während', 'Als', 'Wie',
]);

/** The longest sentence the recognisers see; longer ones are cut into pieces. */
export const MAX_SENTENCE_CHARS = 1000;
/** How far back from a cut a space is looked for, so that a piece ends between words. */
const CUT_REACH = 200;

const BOUNDARY = /[.!?…]["”»’)\]]*\s+(?=["“«([]?[\p{Lu}\d])/gu;

/** Splits `block` into sentences; never returns an empty sentence. */
export function splitSentences(block: string, language: string): SentenceSpan[] {
  const isGerman = pickLanguage(language) === 'de';
  const sentences: SentenceSpan[] = [];
  let start = 0;
  for (const match of block.matchAll(BOUNDARY)) {
    const end = match.index;
    const before = block.slice(start, end + 1);
    // Only the tail matters; an end-anchored regex would scan the whole block each time.
    const lastWord = /([\p{L}\d.]+)\.$/u.exec(before.slice(-40))?.[1] ?? '';
    const nextWord = /^[\p{L}]+/u.exec(block.slice(end + match[0].length))?.[0] ?? '';
    if (isAbbreviation(lastWord, isGerman) && !GERMAN_OPENERS.has(nextWord)) continue;
    pushSentence(sentences, block, start, end + match[0].trimEnd().length);
    start = end + match[0].length;
  }
  pushSentence(sentences, block, start, block.length);
  return sentences;
}

function isAbbreviation(word: string, isGerman: boolean): boolean {
  if (word === '') return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. Smith"
  if (/\.\p{L}$/u.test(word)) return true; // "e.g", "z.B", "i.e"
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  // German ordinals ("22. Januar", "25. und 40. Jubiläum"); years (4 digits) do end sentences.
  return isGerman && /^\d{1,3}$/.test(word);
}

function pushSentence(out: SentenceSpan[], block: string, from: number, to: number): void {
  while (to - from > MAX_SENTENCE_CHARS) {
    const cut = findCut(block, from + MAX_SENTENCE_CHARS);
    pushPiece(out, block, from, cut);
    from = cut;
  }
  pushPiece(out, block, from, to);
}

/** Where a piece ending at most at `limit` should end: after the last space near it, else there. */
function findCut(block: string, limit: number): number {
  for (let i = limit; i > limit - CUT_REACH; i--) if (/\s/u.test(block[i - 1]!)) return i;
  // Never cut between the halves of a surrogate pair.
  const code = block.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

function pushPiece(out: SentenceSpan[], block: string, from: number, to: number): void {
  const raw = block.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (text !== '') out.push({ text, start: from + lead });
}
