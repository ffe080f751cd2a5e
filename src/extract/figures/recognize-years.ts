/**
 * Years and year ranges: "since 2001", "in 2016", "1995-2015", "(918-1392)", "from 1998 to 2011",
 * "the 2017-2018 period", "von 1998 bis 2011".
 *
 * A year candidate carries its period ("2016", "1995-2015") and, as value, its first year.
 * Whether it stays a figure of its own or becomes the period of a neighbouring figure is decided
 * later (attach-periods.ts); this file only finds them.
 */
import type { Candidate } from './candidate.ts';
import { memoizeByLanguage } from './memoize.ts';
import { PEOPLE_NOUNS, pickLanguage, type FigureLanguage } from '../../model/figure-vocabulary.ts';

const RANGE_WORDS: Record<FigureLanguage, { from: string; to: string }> = {
  en: { from: 'from|between', to: 'to|and|until' },
  fr: { from: 'de|entre|du', to: 'à|a|et|au' },
  de: { from: 'von|zwischen', to: 'bis|und' },
};

const YEAR = '(?:1\\d{3}|20\\d{2})';

const YEAR_INTRODUCERS = new Set([
  'in', 'since', 'of', 'from', 'until', 'year', 'en', 'depuis', 'de', 'du', 'année', 'dès',
  'im', 'seit', 'von', 'bis', 'jahr', 'jahre', 'anno',
]);

function isYearRange(start: number, end: number): boolean {
  return end > start && end - start < 1000 && end <= 2100 && start >= 500;
}

function rangeCandidate(start: number, end: number, first: number, last: number): Candidate {
  return {
    kind: 'year', value: first, unit: null, start, end, valueStart: start, valueEnd: end,
    period: `${first}-${last}`,
  };
}

const spelledPattern = memoizeByLanguage((language) => {
  const words = RANGE_WORDS[pickLanguage(language)];
  return new RegExp(
    `(?<![\\p{L}])(?:${words.from})[ \\u00A0](?<a>${YEAR})[ \\u00A0](?:${words.to})[ \\u00A0](?<b>${YEAR})(?![\\d\\p{L}])`,
    'giu',
  );
});

/** "1920 personnes": a four-digit number before a noun of people is a count (PEOPLE_NOUNS). */
const peopleAfter = memoizeByLanguage((language) =>
  new RegExp(`^[ \\u00A0](?:${PEOPLE_NOUNS[pickLanguage(language)].join('|')})(?![\\p{L}])`, 'iu'),
);

/** A determiner before a year, which makes it attributive in English ("the 2016 elections"). */
const attributive = memoizeByLanguage((language) =>
  pickLanguage(language) === 'en' ? /(?<![\p{L}])(?:the|this|that|its|their|our)[ \u00A0]$/iu : /(?!)/u,
);

const SINGLE = new RegExp(`(?<![\\p{L}\\d.,\\-–/])(?<y>${YEAR})(?![\\d\\p{L}]|[.,]\\d|[-–/]\\d)`, 'gu');

/** Finds the years and year ranges of one sentence. */
export function recognizeYears(sentence: string, language: string): Candidate[] {
  const found: Candidate[] = [];
  if (!/\d{3}/u.test(sentence)) return found;

  // "from 1998 to 2011", "von 1998 bis 2011".
  const spelled = spelledPattern(language);
  for (const m of sentence.matchAll(spelled)) {
    const a = Number(m.groups!.a);
    const b = Number(m.groups!.b);
    if (isYearRange(a, b)) found.push(rangeCandidate(m.index, m.index + m[0].length, a, b));
  }

  // "1995-2015", "918-1392", "2017-18", "2014/2015".
  const dashed = /(?<![\p{L}\d.,-])(?<a>\d{3,4})[ \u00A0]?[-–—/][ \u00A0]?(?<b>\d{2,4})(?![\d\p{L}]|[.,]\d)/gu;
  for (const m of sentence.matchAll(dashed)) {
    const a = Number(m.groups!.a);
    let b = Number(m.groups!.b);
    if (m.groups!.b!.length === 2) b = Math.floor(a / 100) * 100 + b;
    if (isYearRange(a, b)) found.push(rangeCandidate(m.index, m.index + m[0].length, a, b));
  }

  const people = peopleAfter(language);
  for (const m of sentence.matchAll(SINGLE)) {
    const year = Number(m.groups!.y);
    // "1920 personnes"; but "the 2019 students" is attributive in English (a year before its noun).
    if (people.test(sentence.slice(m.index + 4, m.index + 40)) && !attributive(language).test(sentence.slice(Math.max(0, m.index - 8), m.index))) continue;
    // Before 1900 a four-digit number is as likely a quantity ("1800 dollars", "1500 soldiers"):
    // a year only after a word that introduces one ("in 1984", "depuis 1984", "seit 1871").
    const before = /([\p{L}]+)[ \u00A0(]*$/u.exec(sentence.slice(Math.max(0, m.index - 40), m.index))?.[1]?.toLowerCase();
    if (year < 1900 && (before === undefined || !YEAR_INTRODUCERS.has(before))) continue;
    found.push({
      kind: 'year', value: year, unit: null, start: m.index, end: m.index + m[0].length,
      valueStart: m.index, valueEnd: m.index + m[0].length, period: String(year),
    });
  }
  return found;
}
