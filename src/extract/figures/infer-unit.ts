/**
 * Units a page leaves to the words before a number: "Population : 25,3 millions",
 * "a population of 25 million", "Einwohner: 83,2 Millionen". The number alone is a bare
 * quantity; the label says what it counts. Only measures without a unit are touched, and only
 * by words that name one unit unambiguously — a wrong unit is worse than none.
 */
import type { Candidate } from './candidate.ts';
import { foldWord } from '../../text/fold-word.ts';
import { pickLanguage, type FigureLanguage } from '../../model/figure-vocabulary.ts';

/** Label words → the unit they give a bare quantity (folded: lower case, no accents). */
const LABEL_UNITS: Record<FigureLanguage, Array<[RegExp, string]>> = {
  en: [[/\b(?:population|inhabitants|residents)\b/u, 'inhabitants']],
  fr: [[/\b(?:population|habitants)\b/u, 'inhabitants']],
  de: [[/(?:bevolkerung|einwohner(?:zahl)?)\b/u, 'inhabitants']],
};

/** How far before a figure (in characters) a prose label may stand: "a population of ". */
const PROSE_REACH = 40;

/**
 * Gives a unit to the unit-less measures of one sentence whose label names it. `labelEnd` is
 * the end of the "label :" of a label row (0 when none): there the label decides; in prose the
 * few words just before the figure do, within its clause.
 */
export function inferUnits(sentence: string, candidates: Candidate[], labelEnd: number, language: string): void {
  const rules = LABEL_UNITS[pickLanguage(language)];
  for (const candidate of candidates) {
    if (candidate.kind !== 'measure' || candidate.unit !== null) continue;
    const label =
      labelEnd > 0 && candidate.start >= labelEnd
        ? sentence.slice(0, labelEnd)
        : (/[^,;:()]*$/u.exec(sentence.slice(Math.max(0, candidate.start - PROSE_REACH), candidate.start))?.[0] ?? '');
    const folded = foldWord(label);
    const rule = rules.find(([pattern]) => pattern.test(folded));
    if (rule) candidate.unit = rule[1];
  }
}
