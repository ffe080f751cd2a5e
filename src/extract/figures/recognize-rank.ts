/**
 * Ranks: "ranks 200", "ranking 184", "153th ranking supplier", "third-largest trading partner",
 * "fourth largest", "20th President", "160ème", "1er rang mondial", "Platz 3", "drittgrößter".
 *
 * Digit ordinals are ranks wherever they stand (dates have already claimed "1er janvier").
 * Word ordinals are ranks only beside a ranking word: "first six months" and "Premier ministre"
 * are not ranks.
 */
import { makeCandidate, type Candidate } from './candidate.ts';
import { memoizeByLanguage } from './memoize.ts';
import { numberPattern, readNumber, type Notation } from './read-number.ts';
import { ORDINAL_WORDS, pickLanguage, RANK_CONTEXT, RANK_NOUNS, type FigureLanguage } from '../../model/figure-vocabulary.ts';

const SP = '[ \\u00A0]';

/** Ordinal suffixes per language, longest first. */
const SUFFIXES: Record<FigureLanguage, string> = {
  en: '(?:st|nd|rd|th)',
  fr: '(?:ème|eme|ère|ere|er|re|e|è)',
  de: '\\.',
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const rankPatterns = memoizeByLanguage((language, notation) => {
  const lang = pickLanguage(language);
  const number = numberPattern(language, notation);
  const context = RANK_CONTEXT[lang].map(escape).join('|');
  const nouns = [...RANK_NOUNS[lang]].sort((a, b) => b.length - a.length).map((n) => escape(n).replace(/ /g, SP)).join('|') || '(?!)';
  // "ranks 200", "ranked 5th", "rang 160", "Platz 3", "Rang 12".
  const verbs = lang === 'en' ? 'ranks|ranked|ranking|rank' : lang === 'fr' ? 'rang|classée?' : 'Platz|Rang';
  const suffix = lang === 'de' ? '' : SUFFIXES[lang];
  const verbal = new RegExp(`(?<![\\p{L}])(?:${verbs})${SP}(?:No\\.?${SP})?(?<num>${number})(?:${suffix})?(?![\\p{L}\\d])`, 'giu');
  // Digit ordinals with an optional ranking phrase: "153th ranking supplier", "1er rang mondial";
  // German: "3. Platz", "25. und 40. Jubiläums" (a short number, a dot, a capitalised noun).
  const ordinal =
    lang === 'de'
      ? /(?<![\p{L}\d.,])(?<num>\d{1,3})\.[ \u00A0](?=\p{Lu}\p{Ll}|(?:und|oder|bis)[ \u00A0]\d{1,3}\.[ \u00A0]\p{Lu})/gu
      : new RegExp(
          `(?<![\\p{L}\\d.,])(?<num>\\d{1,4})(?:${SUFFIXES[lang]})(?![\\p{L}\\d])` +
            `(?<tail>(?:[- \\u00A0](?:${context}))(?:${SP}(?:${context}|trading|mondial))?|${SP}(?:${nouns}))?(?![\\p{L}])`,
          'giu',
        );
  // Word ordinals beside a ranking word: "third-largest", "fourth largest", "troisième partenaire".
  const words = Object.keys(ORDINAL_WORDS[lang]).sort((a, b) => b.length - a.length).map(escape);
  const wordOrdinal =
    lang === 'de'
      ? new RegExp(`(?<![\\p{L}])(?<word>${words.join('|')})(?:e[rnsm]?)?(?:${context})[rnsm]?(?![\\p{L}])`, 'giu')
      : new RegExp(`(?<![\\p{L}])(?<word>${words.join('|')})[- \\u00A0](?:${context})(?![\\p{L}])`, 'giu');
  return { verbal, ordinal, wordOrdinal };
});

/** Finds the ranks of one sentence. */
export function recognizeRank(sentence: string, language: string, notation?: Notation): Candidate[] {
  const lang = pickLanguage(language);
  const { verbal, ordinal, wordOrdinal } = rankPatterns(language, notation);
  const found: Candidate[] = [];
  const add = (value: number | null, start: number, end: number, valueStart = start, valueEnd = end) => {
    if (value === null || !Number.isInteger(value) || value <= 0) return;
    found.push({ ...makeCandidate('rank', value, null, start, end), valueStart, valueEnd });
  };
  for (const m of sentence.matchAll(verbal)) {
    const numStart = m.index + m[0].indexOf(m.groups!.num!);
    add(readNumber(m.groups!.num!, language, notation), m.index, m.index + m[0].length, numStart, m.index + m[0].length);
  }
  for (const m of sentence.matchAll(ordinal)) {
    const tail = m.groups!.tail?.length ?? 0;
    const end = lang === 'de' ? m.index + m[0].length - 1 : m.index + m[0].length;
    add(Number(m.groups!.num), m.index, end, m.index, end - tail);
  }
  for (const m of sentence.matchAll(wordOrdinal)) {
    const value = ORDINAL_WORDS[lang][m.groups!.word!.toLowerCase()] ?? null;
    add(value, m.index, m.index + m[0].length, m.index, m.index + m.groups!.word!.length);
  }
  return found;
}
