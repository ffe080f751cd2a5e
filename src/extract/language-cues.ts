/**
 * Number conventions as evidence of a page's language: how a text writes its figures says which
 * of English, French and German it is written in, independently of its words. "40.000 Koreaner"
 * groups thousands with a dot (German), "30,3 Milliarden" writes a decimal comma (French or
 * German, never English), "1 200" groups with (no-break, thin) spaces (French), "17 %" spaces
 * the percent sign (French, German), "1,234,567" groups with commas (English), and a month name
 * or scale word next to a number is a word of one language's figure vocabulary.
 *
 * Each cue names the languages it is consistent with; a cue shared by all three says nothing
 * and is not listed. Month names and scale words come from `figure-vocabulary.ts`, so a word
 * added to a table there is a cue here too; a word two languages share ("April", "Mai",
 * "millions") counts for both.
 */
import { FIGURE_LANGUAGES, MONTHS, SCALE_WORDS, type FigureLanguage } from '../model/figure-vocabulary.ts';
import { escapeRegExp } from '../text/word-alternation.ts';

interface Cue {
  /** What the cue is, for the documentation and tests. */
  name: string;
  /** Global pattern; each match is one occurrence. */
  pattern: RegExp;
  languages: readonly FigureLanguage[];
}

/** The languages whose table lists each word: `{ "juli": ["de"], "april": ["en", "de"] }`. */
function wordLanguages(table: Record<FigureLanguage, Record<string, number>>, minLength: number): Map<string, FigureLanguage[]> {
  const words = new Map<string, FigureLanguage[]>();
  for (const language of FIGURE_LANGUAGES) {
    for (const entry of Object.keys(table[language])) {
      // "mrd." and "mrd" are one word; single letters ("m" for million) are also units and
      // initials: no evidence.
      const word = entry.replace(/\.$/u, '');
      if (word.length < minLength || words.get(word)?.includes(language) === true) continue;
      words.set(word, [...(words.get(word) ?? []), language]);
    }
  }
  return words;
}

/** Groups words by the exact set of languages they belong to, one cue per set. */
function wordCues(name: string, table: Record<FigureLanguage, Record<string, number>>, build: (alternatives: string) => RegExp, minLength: number): Cue[] {
  const bySet = new Map<string, string[]>();
  for (const [word, languages] of wordLanguages(table, minLength)) {
    if (languages.length === FIGURE_LANGUAGES.length) continue;
    const key = languages.join(',');
    bySet.set(key, [...(bySet.get(key) ?? []), word]);
  }
  return [...bySet].map(([key, words]) => ({
    name: `${name} (${key})`,
    // Longest first, so "milliarden" is not cut to "milliarde".
    pattern: build(words.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')),
    languages: key.split(',') as FigureLanguage[],
  }));
}

/** The cues, most specific first. Patterns are linear: no nested quantifiers over the same text. */
export const LANGUAGE_CUES: readonly Cue[] = [
  // "40.000", "1.234.567" — not "0.004" (an English decimal) nor a date "11.07.1951".
  { name: 'dot-grouped thousands', pattern: /(?<![\d.,])[1-9]\d{0,2}(?:\.\d{3})+(?!\d|\.\d)/gu, languages: ['de'] },
  // "11.07.1951", "8.7.1994": day first, dots.
  { name: 'dotted numeric date', pattern: /(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:1[89]|20)\d{2}(?![\d.]\d)/gu, languages: ['de'] },
  // "30,3", "16,9 %", "1,13": a comma followed by 1–2 digits (not a list "1, 2", not "300,000").
  { name: 'decimal comma', pattern: /(?<![\d.,])\d+,\d{1,2}(?![\d,])/gu, languages: ['fr', 'de'] },
  // "1 200", "120 500" with a space, no-break or narrow no-break space.
  { name: 'space-grouped thousands', pattern: /(?<![\d.,])[1-9]\d{0,2}(?:[\u00A0\u202F\u2009]\d{3})+(?![\d.,]?\d)|(?<![\d.,])[1-9]\d{0,2}(?: \d{3})+(?= ?\p{L}|[ \u00A0]?[€$%])/gu, languages: ['fr'] },
  // "17 %", "16,9 %" — English writes "17%".
  { name: 'spaced percent sign', pattern: /\d[ \u00A0\u202F]%/gu, languages: ['fr', 'de'] },
  // "1,234,567", "1,234.5": commas that only group thousands.
  { name: 'comma-grouped thousands', pattern: /(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d,])|(?<![\d.,])\d{1,3},\d{3}\.\d+(?![\d.,])/gu, languages: ['en'] },
  // "€8.2 million", "5 M€" is left out (all three), "1,7 Md€", "30,3 Milliarden", "2 Mio."
  ...wordCues('scale word after a number', SCALE_WORDS, (words) => new RegExp(`\\d[ \\u00A0\\u202F]?(?:${words})(?!\\p{L})`, 'giu'), 2),
  // "11. Juli 1951", "10 octobre 2011", "October 2011", "juillet 2017".
  ...wordCues('month name by a number', MONTHS, (words) => new RegExp(`\\d\\.?[ \\u00A0](?:${words})(?![\\p{L}])|(?<![\\p{L}])(?:${words})[ \\u00A0]+\\d`, 'giu'), 3),
];

/** How many occurrences of one cue count: a table of fifty numbers is one convention, not fifty. */
const MAX_OCCURRENCES = 3;

/**
 * Occurrences of the cues in `text` per language, each cue counted at most three times.
 * Linear in the text; the caller bounds the text.
 */
export function countLanguageCues(text: string): Record<FigureLanguage, number> {
  const counts: Record<FigureLanguage, number> = { en: 0, fr: 0, de: 0 };
  for (const cue of LANGUAGE_CUES) {
    cue.pattern.lastIndex = 0;
    let n = 0;
    while (n < MAX_OCCURRENCES && cue.pattern.exec(text) !== null) n++;
    for (const language of cue.languages) counts[language] += n;
  }
  return counts;
}
