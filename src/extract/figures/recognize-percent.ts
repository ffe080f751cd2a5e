/**
 * Percentages: "0.004%", "17 %", "16,9%", "99 pour cent", "down 3.3%", "+34,8%", and ranges
 * "45-50%", "5–10 %" — two figures, the low end ("45") and the high end ("50%"): a reader
 * tracks both bounds, and a range that becomes "40-45%" moves each of them.
 *
 * Direction convention (documented because a diff depends on it): `value` is the number as
 * printed — its magnitude, with a minus only when the page prints one ("−3%") — and a change
 * carries `direction` 'up' or 'down', read from a sign or a word ("down", "en baisse de",
 * "Rückgang um"). The direction word is part of `raw` ("down 3.3%") but NOT of the key, so a
 * figure that turns from "down 3.3%" to "up 1.2%" is one changed figure, not removed + added.
 */
import type { Candidate } from './candidate.ts';
import { memoizeByLanguage } from './memoize.ts';
import { numberBody, numberPattern, readNumber, type Notation } from './read-number.ts';
import type { FigureDirection } from '../../model/index.ts';
import { pickLanguage, type FigureLanguage } from '../../model/figure-vocabulary.ts';
import { escapeRegExp } from '../../text/word-alternation.ts';

const DIRECTION_WORDS: Record<FigureLanguage, { up: string[]; down: string[] }> = {
  en: {
    up: ['up', 'up by', 'rose by', 'rise of', 'increase of', 'increased by', 'grew by', 'growth of', 'gain of'],
    down: ['down', 'down by', 'fell by', 'fall of', 'drop of', 'dropped by', 'decrease of',
      'decreased by', 'decline of', 'declined by'],
  },
  fr: {
    up: ['en hausse de', 'hausse de', 'en progression de', 'progression de', 'augmentation de'],
    down: ['en baisse de', 'baisse de', 'en recul de', 'recul de', 'diminution de'],
  },
  de: {
    up: ['Anstieg um', 'Zuwachs um', 'Zuwachs von', 'Plus von', 'gestiegen um', 'stieg um'],
    down: ['Rückgang um', 'Rückgang von', 'Minus von', 'gesunken um', 'sank um'],
  },
};

const SYMBOL = '(?:[ \\u00A0\\u202F]?%|[ \\u00A0](?:per ?cent|pour ?cent|Prozent)(?![\\p{L}]))';


const percentPattern = memoizeByLanguage((language, notation) => {
  const words = DIRECTION_WORDS[pickLanguage(language)];
  const all = [...words.up, ...words.down].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(
    `(?:(?<![\\p{L}])(?<word>${all.join('|')})[ \\u00A0])?(?<sign>[+\\-−](?=\\d))?` +
      `(?<num>${numberPattern(language, notation)})${SYMBOL}`,
    'giu',
  );
});

/**
 * "45-50%": a number, a dash glued to both numbers or spaced on both sides, a percentage. The
 * high end is not found by `percentPattern`, whose number may not follow a digit and a dash
 * ("Covid-19" rule).
 */
const rangePattern = memoizeByLanguage((language, notation) =>
  new RegExp(
    `(?<lo>${numberPattern(language, notation)})(?:[-–]|[ \u00A0][-–][ \u00A0])(?<hi>${numberBody(language, notation)})${SYMBOL}`,
    'giu',
  ),
);

/** Finds the percentages of one sentence. */
export function recognizePercent(sentence: string, language: string, notation?: Notation): Candidate[] {
  const words = DIRECTION_WORDS[pickLanguage(language)];
  const pattern = percentPattern(language, notation);
  const found: Candidate[] = [];
  if (!/%|cent|Prozent/iu.test(sentence)) return found;
  for (const match of sentence.matchAll(pattern)) {
    const groups = match.groups!;
    const magnitude = readNumber(groups.num!, language, notation);
    if (magnitude === null) continue;
    const sign = groups.sign;
    const word = groups.word?.toLowerCase();
    let direction: FigureDirection | undefined;
    if (sign === '+') direction = 'up';
    else if (sign !== undefined) direction = 'down';
    else if (word !== undefined) {
      direction = words.up.some((w) => w.toLowerCase() === word) ? 'up' : 'down';
    }
    const value = sign !== undefined && sign !== '+' ? -magnitude : magnitude;
    const start = match.index;
    const end = start + match[0].length;
    // The whole raw text, direction word included, stays out of the key (see above).
    const candidate: Candidate = {
      kind: 'percent', value, unit: '%', start, end, valueStart: start, valueEnd: end, period: null,
    };
    if (direction) candidate.direction = direction;
    found.push(candidate);
  }
  for (const match of /\d[ \u00A0]?[-–]/u.test(sentence) ? sentence.matchAll(rangePattern(language, notation)) : []) {
    const { lo, hi } = match.groups!;
    const low = readNumber(lo!, language, notation);
    const high = readNumber(hi!, language, notation);
    // Only a rising range of shares: "2014-2020 %" is no range of percentages.
    if (low === null || high === null || low >= high || high > 100) continue;
    const start = match.index;
    const end = start + match[0].length;
    const highStart = start + match[0].indexOf(hi!, lo!.length);
    found.push(
      { kind: 'percent', value: low, unit: '%', start, end: start + lo!.length, valueStart: start, valueEnd: start + lo!.length, period: null },
      { kind: 'percent', value: high, unit: '%', start: highStart, end, valueStart: highStart, valueEnd: end, period: null },
    );
  }
  return found;
}
