import { FIGURE_LANGUAGES, MONTHS } from '../model/figure-vocabulary.ts';

/**
 * The printed span of a date together with the other days of its range or pair: "14-15 February
 * 2013", "from 20 to 23 February 2022", "du 28 au 29 novembre 2016", "Les 6 et 7 septembre",
 * "15. und 16. April 2015". The extractor gives each day its own figure (docs/figures.md), but a
 * reader names both by the one event they date; seen alone, each day's label would stop at the
 * other day's number as if it were another figure's ("visited India from 28 January to …").
 */
export function dateSpan(sentence: string, start: number, end: number): { start: number; end: number } {
  for (let m = LEFT.exec(sentence.slice(0, start)); m !== null; m = LEFT.exec(sentence.slice(0, start))) start -= m[0].length;
  for (let m = right(sentence.slice(end)); m !== null; m = right(sentence.slice(end))) end += m.length;
  return { start, end };
}

const MONTH = [...new Set(FIGURE_LANGUAGES.flatMap((lang) => Object.keys(MONTHS[lang])))]
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace(/[.]/gu, '\\.'))
  .join('|');
/** One day, month or both as printed: "14", "15.", "1er", "28 January", "Juni", "November 2011". */
const DAY = `(?:\\d{1,2}(?:er|\\.)?(?:\\s+(?:${MONTH}))?(?:\\s+\\d{4})?|(?:${MONTH})(?:\\s+\\d{4})?)`;
/** What joins two days of one range or pair: a dash, "to", "au", "bis (zum)", "and", "et", "und". */
const LINK = `(?:\\s*[-–]\\s*|\\s+(?:to|and|till|until|au|et|bis(?:\\s+zum)?|und)\\s+)`;
const LEFT = new RegExp(`(?<![\\p{L}\\p{N}])${DAY}${LINK}$`, 'iu');
const RIGHT = new RegExp(`^${LINK}${DAY}(?![\\p{L}\\p{N}])`, 'iu');
const HAS_MONTH = new RegExp(`(?<!\\p{L})(?:${MONTH})(?!\\p{L})`, 'iu');

/** The next day of the range or pair, or null: after "and", "et", "und" only a day with its month ("and 7 December", not "and 16 projects"). */
function right(text: string): string | null {
  const m = RIGHT.exec(text);
  if (m === null) return null;
  return /^\s*[-–]|^\s+(?:to|till|until|au|bis)\s/iu.test(m[0]) || HAS_MONTH.test(m[0]) ? m[0] : null;
}
