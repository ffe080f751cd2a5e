/**
 * Counts in a distribution: "six visites (quatre à Paris, deux à Astana)", "three meetings: two
 * in Rome and one in Brussels", "vier in Wien, zwei in Berlin". A number word and a place, and
 * no noun: what is counted was named before the list, and each share is a figure of its own — a
 * reader tracks "four in Paris" becoming "two in Paris".
 *
 * Only in a list of at least two such shares (number word, "à"/"in"/…, a capitalised place),
 * joined by commas or "and": a lone "one in Paris" is too weak to be a count. Only number words
 * (the form the recognisers of counts leave out when no noun follows), with "one"/"une"/"eine",
 * which means one only inside such a list.
 */
import { makeCandidate, type Candidate } from './candidate.ts';
import { memoizeByLanguage } from './memoize.ts';
import { NUMBER_WORDS, ONE_WORDS, pickLanguage, PLACE_PREPOSITIONS, type FigureLanguage } from '../../model/figure-vocabulary.ts';

const JOINS: Record<FigureLanguage, string> = { en: 'and', fr: 'et', de: 'und' };

/**
 * A place after its preposition ("à Paris", "in New Delhi"): found first, since a number word
 * before a place is rare; the word before it is read from a bounded slice.
 */
const placePattern = memoizeByLanguage((language) =>
  // The place is a capitalised name, hyphenated or of two words ("Nour-Soultan", "New Delhi").
  new RegExp(
    `(?<=[ \\u00A0])(?:${PLACE_PREPOSITIONS[pickLanguage(language)].join('|')})[ \\u00A0]\\p{Lu}[\\p{L}’'-]*(?:[ \\u00A0]\\p{Lu}[\\p{L}’'-]*)?(?![\\p{L}])`,
    'gu',
  ),
);
const WORD_BEFORE = /(?<![\p{L}\d])\p{L}+[ \u00A0]$/u;
/** Longer than any number word and its space. */
const WORD_REACH = 16;

const joinPattern = memoizeByLanguage((language) => new RegExp(`^(?:[,;][ \\u00A0]?(?:${JOINS[pickLanguage(language)]}[ \\u00A0])?|[ \\u00A0](?:${JOINS[pickLanguage(language)]})[ \\u00A0])$`, 'u'));

/** Finds the shares of distributions in one sentence. */
export function recognizeDistribution(sentence: string, language: string): Candidate[] {
  const lang = pickLanguage(language);
  const shares: Array<{ value: number; start: number; end: number; numberEnd: number }> = [];
  for (const m of sentence.matchAll(placePattern(language))) {
    const before = WORD_BEFORE.exec(sentence.slice(Math.max(0, m.index - WORD_REACH), m.index));
    if (before === null) continue;
    const number = before[0].trimEnd();
    const word = number.toLowerCase();
    const value = NUMBER_WORDS[lang][word] ?? (ONE_WORDS[lang].includes(word) ? 1 : undefined);
    if (value === undefined) continue;
    const start = m.index - before[0].length;
    shares.push({ value, start, end: m.index + m[0].length, numberEnd: start + number.length });
  }
  const join = joinPattern(language);
  const found: Candidate[] = [];
  let run: typeof shares = [];
  const flush = () => {
    if (run.length >= 2) {
      for (const s of run) found.push({ ...makeCandidate('count', s.value, null, s.start, s.end), valueEnd: s.numberEnd, place: sentence.slice(s.numberEnd, s.end).trim() });
    }
    run = [];
  };
  for (const share of shares) {
    const last = run.at(-1);
    if (last !== undefined && !join.test(sentence.slice(last.end, share.start))) flush();
    run.push(share);
  }
  flush();
  return found;
}
