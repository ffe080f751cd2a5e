/**
 * The date of a revision stamp: "26 October 2017", "July 22, 2024", "12 mars 2021",
 * "15. März 2011", "September 2016", "23/10/2017", "11.07.1951", "2016-05-11".
 *
 * Named months go through chrono-node; what chrono leaves is handled here: a stamp without a day
 * ("May 2020") keeps month precision ("2020-05") instead of chrono's invented first of the month,
 * and month + year in French and German ("mars 2011", "März 2011"), which chrono.fr / chrono.de
 * do not find, is read from month-name tables.
 *
 * Numeric dates never reach chrono: chrono.en reads "11/05/2016" month-first, which is wrong on
 * every European page. They are read here in the order the page's language and region write
 * them ({@link NumericDateOrder}).
 */
import * as chrono from 'chrono-node';
import { MONTH_ABBREVIATIONS, MONTHS as MONTH_NAMES_BY_LANGUAGE } from '../model/figure-vocabulary.ts';

/**
 * How a numeric date "a/b/yyyy" (or with dots or hyphens) is read:
 * - `dmy`: day first and only day first — French and German pages, and any page whose stamp
 *   label is French or German;
 * - `mdy`: month first and only month first — an English page of the United States;
 * - `dmy-or-mdy`: day first, month first only when day first is impossible ("10/23/2017") —
 *   an English page of no known region (most English official pages outside the US write day
 *   first; a date that can only be month-first is not ambiguous).
 *
 * A year-first date ("2016-05-11", "2016/05/11") is always year-month-day, never swapped.
 */
export type NumericDateOrder = 'dmy' | 'mdy' | 'dmy-or-mdy';

/** Chrono needs a reference date; a fixed one keeps extraction pure (only certain years are kept). */
const REFERENCE_DATE = new Date(Date.UTC(2000, 0, 1));

/** Every language's month names and their short forms, from the figure vocabulary: a stamp's language may not be the page's. */
const MONTHS: Record<string, number> = Object.assign({}, ...Object.values(MONTH_NAMES_BY_LANGUAGE), ...Object.values(MONTH_ABBREVIATIONS));

/** "[day] month year" with a named month: "5 July 2017", "1er mars 2011", "15. März 2011", "May 2020". */
const NAMED_MONTH_DATE = /^(?:(\d{1,2})(?:er|\.)?\s+)?(\p{L}+)\.?\s+(\d{4})\s*\.?$/u;

/** "a/b/yyyy", "a.b.yyyy", "a-b-yyyy", "yyyy-mm-dd" (one separator throughout), optional final dot. */
const NUMERIC_DATE = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})\.?$/u;

/** Month and year only: "09/2016", "09.2016", "2016-09". */
const NUMERIC_MONTH = /^(?:(\d{1,2})[./-](\d{4})|(\d{4})-(\d{1,2}))$/u;

/** Anything made of digits and date separators alone is numeric and is never handed to chrono. */
const ALL_NUMERIC = /^[\d\s./-]+$/u;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function chronoFor(language: string): chrono.Chrono {
  switch (language) {
    case 'fr':
      return chrono.fr.strict;
    case 'de':
      return chrono.de.strict;
    default:
      return chrono.en.strict;
  }
}

function isValidDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDay(year: number, month: number, day: number): string | null {
  return isValidDay(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : null;
}

function isoMonth(year: number, month: number): string | null {
  return month >= 1 && month <= 12 ? `${year}-${pad(month)}` : null;
}

/** A numeric date in the given order, or null (two-digit years are refused: their century is a guess). */
function parseNumeric(text: string, order: NumericDateOrder): string | null {
  const month = NUMERIC_MONTH.exec(text);
  if (month !== null) {
    return month[2] !== undefined ? isoMonth(Number(month[2]), Number(month[1])) : isoMonth(Number(month[3]), Number(month[4]));
  }
  const match = NUMERIC_DATE.exec(text);
  if (match === null) return null;
  const [, a, , b, c] = match as unknown as [string, string, string, string, string];
  if (a.length === 4) return c.length <= 2 ? isoDay(Number(a), Number(b), Number(c)) : null;
  if (c.length !== 4 || a.length > 2) return null;
  const year = Number(c);
  const dayFirst = isoDay(year, Number(b), Number(a));
  const monthFirst = isoDay(year, Number(a), Number(b));
  switch (order) {
    case 'dmy':
      return dayFirst;
    case 'mdy':
      return monthFirst;
    default:
      return dayFirst ?? monthFirst;
  }
}

function parseNamedMonth(text: string): string | null {
  const match = NAMED_MONTH_DATE.exec(text);
  if (match === null) return null;
  const month = MONTHS[match[2]!.toLowerCase()];
  if (month === undefined) return null;
  const year = Number(match[3]);
  return match[1] === undefined ? isoMonth(year, month) : isoDay(year, month, Number(match[1]));
}

/** Words chrono takes as part of a date ("on 6 March 1957") that make a line prose, not a stamp. */
const LEADING_PREPOSITION = /^(?:on|in|since|from|by|the|le|en|du|depuis|am|im|vom|seit|den)\s/iu;

function parseWithChrono(text: string, language: string): string | null {
  if (LEADING_PREPOSITION.test(text)) return null;
  const [result] = chronoFor(language).parse(text, REFERENCE_DATE);
  if (result === undefined || result.index !== 0 || !/^[\s.]*$/.test(text.slice(result.text.length))) return null;
  const { start } = result;
  const year = start.get('year');
  const month = start.get('month');
  if (!start.isCertain('year') || !start.isCertain('month') || year === null || month === null) return null;
  const day = start.get('day');
  return start.isCertain('day') && day !== null ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`;
}

/**
 * The date of a stamp's date text, as "YYYY-MM-DD", or "YYYY-MM" when the day is not given;
 * null when no date with a certain year is found, or when the text holds more than a date.
 *
 * @param languages the languages to read month names in, first choice first (the stamp label's
 *   language, then the page's).
 * @param order how a numeric date is read; day first unless told otherwise.
 */
export function parseStampDate(dateText: string, languages: string | readonly string[], order: NumericDateOrder = 'dmy'): string | null {
  const text = dateText.trim();
  if (ALL_NUMERIC.test(text)) return parseNumeric(text, order);
  for (const language of new Set(typeof languages === 'string' ? [languages] : languages)) {
    const date = parseWithChrono(text, language);
    if (date !== null) return date;
  }
  return parseNamedMonth(text);
}

/**
 * The order numeric dates are written in on a page: month first only on an English page of the
 * United States (`<html lang="en-US">`, or a `.gov` / `.mil` / `.us` host), day first on a French
 * or German page, day first unless impossible on any other English page.
 */
export function numericDateOrder(language: string, htmlLang: string | null, url: string | null): NumericDateOrder {
  if (language === 'fr' || language === 'de') return 'dmy';
  if (language !== 'en') return 'dmy-or-mdy';
  if (htmlLang !== null && /^en[-_]us\b/iu.test(htmlLang.trim())) return 'mdy';
  if (url !== null && /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?[^/?#:]*\.(?:gov|mil|us)\.?(?::\d+)?(?:[/?#]|$)/iu.test(url.trim())) return 'mdy';
  return 'dmy-or-mdy';
}
