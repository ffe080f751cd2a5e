/**
 * Dates, through chrono-node in the page's language, and what chrono leaves to us:
 *
 * - precision: a date whose day chrono only implied ("May 2016") is kept at month precision
 *   ("2016-05"); a day is written only when the text gives it ("2011-10-10");
 * - a year the text leaves out ("on 6 April and 16 October 2017") is taken from a neighbouring
 *   date in the same sentence — the next one that states its year, else the previous one —
 *   never from chrono's guess, which runs forward from the reference date (it would say 2018);
 * - with no neighbouring date, the nearest year stated before it in its block — in its sentence
 *   ("2020 nahm die Schweiz an den Feierlichkeiten zum 14. Juli teil") or an earlier one ("En
 *   décembre 2019, le ministre … Il a été reçu le 17 décembre …") — when that year is one year,
 *   not a span ("2014-2016 … le 3 mai" stays unknown: which year is meant?);
 * - with none of these, the caller's reference date decides: the latest such day not after it
 *   (a fact page reports the past); with no reference date either, the value is the ISO
 *   recurring form "--MM-DD", honest about the missing year;
 * - month + year forms chrono misses ("Stand: März 2011", "en octobre 2009") are read here, and a
 *   month "of the same year" ("im November des gleichen Jahres") takes the year stated before it;
 * - coordinated days and ranges give two dates, each its own raw text: "les 4 et 5 décembre
 *   2014" → 2014-12-04 ("4") and 2014-12-05 ("5 décembre 2014"), "15. und 16. April 2015",
 *   "du 13 au 16 octobre 2018", "28 January to 2 February 2021"; so do coordinated months:
 *   "in July and November 2017" → 2017-07 and 2017-11.
 *
 * Results that give no month, or a month alone ("in March"), are not dates for us: chrono
 * also reads clock times and weekdays, which a fact page does not track.
 */
import * as chrono from 'chrono-node';
import { makeCandidate, type Candidate } from './candidate.ts';
import { FIGURE_LANGUAGES, MONTHS, pickLanguage, type FigureLanguage } from '../../model/figure-vocabulary.ts';

const PARSERS: Record<FigureLanguage, chrono.Chrono> = { en: chrono.en.casual, fr: chrono.fr.casual, de: chrono.de.casual };

/** Prepositions chrono includes in its text ("on 10 October 2011"): not part of the date. */
const LEADING_WORDS = /^(?:on|in|at|from|since|le|au|en|depuis|am|im|vom|seit|dem|den)\s+/i;

interface PartialDate {
  year: number | null;
  month: number;
  day: number | null;
  start: number;
  end: number;
  /** "im November des gleichen Jahres": the year is the one stated before, never a later one. */
  sameYear?: boolean;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function formatDate(d: PartialDate): string {
  if (d.year === null) return `--${pad(d.month)}-${pad(d.day ?? 1)}`;
  return d.day === null ? `${d.year}-${pad(d.month)}` : `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** How much text around a month name chrono gets: enough for "from 6 to 16 October 2017". */
const WINDOW_REACH = 40;

/**
 * The stretches of `sentence` around its month names and numeric dates, merged when they
 * touch, widened to whole words. chrono's cost grows with the text it scans; a long sentence
 * with one date in it only needs the few words around that date.
 */
function dateWindows(sentence: string, lang: FigureLanguage): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  for (const m of sentence.matchAll(DATE_HINTS[lang])) {
    let start = Math.max(0, m.index - WINDOW_REACH);
    let end = Math.min(sentence.length, m.index + m[0].length + WINDOW_REACH);
    while (start > 0 && !/\s/u.test(sentence[start - 1]!)) start--;
    while (end < sentence.length && !/\s/u.test(sentence[end]!)) end++;
    const last = windows.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else windows.push([start, end]);
  }
  return windows;
}

function readChrono(sentence: string, lang: FigureLanguage, reference: Date): PartialDate[] {
  const dates: PartialDate[] = [];
  for (const [from, to] of dateWindows(sentence, lang)) {
    for (const result of PARSERS[lang].parse(sentence.slice(from, to), { instant: reference, timezone: 0 })) {
      readResult(result, from, dates);
    }
  }
  return dates;
}

/** What joins the two ends of a range or a pair of days: "6 to 16", "4 au 6", "18-19", "15. und 16.". */
const RANGE_SEPARATOR = /[ \u00A0]?[-–—][ \u00A0]?|[ \u00A0](?:to|until|and|au|jusqu’au|jusqu'au|et|bis zum|bis|und)[ \u00A0]/iu;

/**
 * Keeps the components of one chrono result that have a certain month and a year or a day. A
 * range's two ends get their own spans, split at the separator ("13" | "16 octobre 2018"), so
 * that both are figures.
 */
function readResult(result: chrono.ParsedResult, offset: number, dates: PartialDate[]): void {
  const components = result.end ? [result.start, result.end] : [result.start];
  const lead = LEADING_WORDS.exec(result.text)?.[0].length ?? 0;
  const from = offset + result.index + lead;
  const to = offset + result.index + result.text.length;
  const separator = result.end ? RANGE_SEPARATOR.exec(result.text.slice(lead)) : null;
  components.forEach((c, i) => {
    if (!c.isCertain('month')) return;
    const year = c.isCertain('year') ? c.get('year') : null;
    const day = c.isCertain('day') ? c.get('day') : null;
    if (year === null && day === null) return;
    let [start, end] = [from, to];
    if (separator !== null && separator.index > 0) {
      if (i === 0) end = from + separator.index;
      else start = from + separator.index + separator[0].length;
    }
    dates.push({ year: year ?? null, month: c.get('month')!, day: day ?? null, start, end });
  });
}

/**
 * "4 et 5 décembre 2014", "22 and 23 May 2009", "15. und 16. April 2015", "du 13 au 16 octobre",
 * "18-19 novembre 2015"; and "July and November 2017", "juillet et décembre 2025": two dates
 * whose first borrows the second's month or year. chrono reads only the second of a pair of
 * days, and neither of a pair of months; compiled once per language.
 */
const COORDINATED = Object.fromEntries(
  FIGURE_LANGUAGES.map((lang) => {
    const names = Object.keys(MONTHS[lang]).sort((a, b) => b.length - a.length).join('|');
    const joins = 'and|to|until|et|au|bis zum|bis|und|&';
    const day = '(?:\\.|st|nd|rd|th|er)?';
    return [
      lang,
      {
        days: new RegExp(
          `(?<![\\p{L}\\d.,])(?<d1>\\d{1,2})(?<s1>${day})(?:[ \\u00A0]?[-–][ \\u00A0]?|[ \\u00A0](?:${joins})[ \\u00A0])` +
            `(?<d2>\\d{1,2})${day}[ \\u00A0](?<month>${names})(?:[ \\u00A0](?<year>\\d{4}))?(?![\\p{L}\\d])`,
          'giu',
        ),
        months: new RegExp(
          `(?<![\\p{L}])(?<m1>${names})[ \\u00A0](?:and|et|und|&)[ \\u00A0](?<m2>${names})[ \\u00A0](?<year>\\d{4})(?![\\p{L}\\d])`,
          'giu',
        ),
      },
    ];
  }),
) as Record<FigureLanguage, { days: RegExp; months: RegExp }>;

function readCoordinated(sentence: string, lang: FigureLanguage): PartialDate[] {
  const found: PartialDate[] = [];
  const { days, months } = COORDINATED[lang];
  for (const m of sentence.matchAll(days)) {
    const g = m.groups!;
    const month = MONTHS[lang][g.month!.toLowerCase()];
    const [d1, d2] = [Number(g.d1), Number(g.d2)];
    if (month === undefined || d1 < 1 || d1 > 31 || d2 < 1 || d2 > 31) continue;
    const year = g.year === undefined ? null : Number(g.year);
    const firstEnd = m.index + g.d1!.length + (g.s1 === '.' ? 1 : 0);
    const secondStart = m.index + m[0].indexOf(g.d2!, g.d1!.length + g.s1!.length);
    found.push({ year, month, day: d1, start: m.index, end: firstEnd });
    found.push({ year, month, day: d2, start: secondStart, end: m.index + m[0].length });
  }
  for (const m of sentence.matchAll(months)) {
    const g = m.groups!;
    const [first, second] = [MONTHS[lang][g.m1!.toLowerCase()], MONTHS[lang][g.m2!.toLowerCase()]];
    if (first === undefined || second === undefined) continue;
    const year = Number(g.year);
    const secondStart = m.index + m[0].length - g.year!.length - 1 - g.m2!.length;
    found.push({ year, month: first, day: null, start: m.index, end: m.index + g.m1!.length });
    found.push({ year, month: second, day: null, start: secondStart, end: m.index + m[0].length });
  }
  return found;
}

/**
 * The dates of `dates` that overlap none of `taken`: one pointer over the merged spans, so a
 * sentence of many dates costs their number, not their product (issue 14).
 */
function withoutOverlaps(dates: PartialDate[], taken: PartialDate[]): PartialDate[] {
  const spans = mergeSpans(taken);
  let t = 0;
  return [...dates].sort((a, b) => a.start - b.start).filter((d) => {
    while (t < spans.length && spans[t]!.end <= d.start) t++;
    return !(t < spans.length && spans[t]!.start < d.end);
  });
}

/** "März 2011", "octobre 2009": month names then a year, compiled once per language. */
const MONTH_YEAR = Object.fromEntries(
  FIGURE_LANGUAGES.map((lang) => {
    const names = Object.keys(MONTHS[lang]).sort((a, b) => b.length - a.length).join('|');
    return [lang, new RegExp(`(?<![\\p{L}])(?<month>${names})[ \\u00A0](?<year>\\d{4})(?!\\d)`, 'giu')];
  }),
) as Record<FigureLanguage, RegExp>;

/**
 * "im November des gleichen Jahres", "in June of the same year", "en mai de la même année": a
 * month whose year the text names as the one it stated before (the raw text is the month).
 */
const SAME_YEAR: Record<FigureLanguage, string> = {
  en: '(?:of[ \\u00A0])?(?:the|that)[ \\u00A0]same[ \\u00A0]year',
  fr: 'de[ \\u00A0](?:la[ \\u00A0]même|cette)[ \\u00A0]année',
  de: '(?:des[ \\u00A0](?:gleichen|selben)|desselben|dieses)[ \\u00A0]Jahres',
};
/** Whether a sentence may hold a month "of the same year" (a plain search, before the pattern). */
const SAME_YEAR_HINT: Record<FigureLanguage, RegExp> = { en: /same year/i, fr: /même année|cette année/i, de: /jahres/i };
const MONTH_SAME_YEAR = Object.fromEntries(
  FIGURE_LANGUAGES.map((lang) => {
    const names = Object.keys(MONTHS[lang]).sort((a, b) => b.length - a.length).join('|');
    return [lang, new RegExp(`(?<![\\p{L}])(?<month>${names})(?=[ \\u00A0]${SAME_YEAR[lang]}(?![\\p{L}]))`, 'giu')];
  }),
) as Record<FigureLanguage, RegExp>;

function readMonthYears(sentence: string, lang: FigureLanguage, taken: PartialDate[]): PartialDate[] {
  // Matches come in page order: one pointer over the taken spans, merged and sorted.
  const spans = mergeSpans(taken);
  let t = 0;
  const found: PartialDate[] = [];
  for (const m of sentence.matchAll(MONTH_YEAR[lang])) {
    const span = { start: m.index, end: m.index + m[0].length };
    while (t < spans.length && spans[t]!.end <= span.start) t++;
    if (t < spans.length && spans[t]!.start < span.end) continue;
    const month = MONTHS[lang][m.groups!.month!.toLowerCase()];
    if (month === undefined) continue;
    found.push({ year: Number(m.groups!.year), month, day: null, ...span });
  }
  for (const m of SAME_YEAR_HINT[lang].test(sentence) ? sentence.matchAll(MONTH_SAME_YEAR[lang]) : []) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (taken.some((d) => d.start < span.end && span.start < d.end)) continue;
    const month = MONTHS[lang][m.groups!.month!.toLowerCase()];
    if (month !== undefined) found.push({ year: null, month, day: null, ...span, sameYear: true });
  }
  return found;
}

/** Spans sorted by start and merged where they overlap. */
function mergeSpans(spans: ReadonlyArray<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const merged: Array<{ start: number; end: number }> = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last !== undefined && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}

/**
 * Gives a year to dates the text left without one (see the module comment for the order): the
 * next date that states its year, else the previous date's year (stated or given here). Each
 * date's "next stated year" comes from one backward pass, not a search per date.
 */
function fillYears(dates: PartialDate[], reference: Date | undefined, yearBefore: (offset: number) => StatedYear): void {
  const nextStated: Array<number | null> = new Array<number | null>(dates.length);
  let carry: number | null = null;
  for (let i = dates.length - 1; i >= 0; i--) {
    nextStated[i] = carry;
    if (dates[i]!.year !== null) carry = dates[i]!.year;
  }
  let previous: number | null = null;
  dates.forEach((date, i) => {
    if (date.year === null && date.sameYear === true) {
      const stated = previous ?? yearBefore(date.start);
      if (typeof stated === 'number') date.year = stated;
    } else if (date.year === null) {
      const neighbour = nextStated[i] ?? previous;
      const stated = neighbour === null ? yearBefore(date.start) : undefined;
      if (neighbour !== null) {
        date.year = neighbour;
      } else if (typeof stated === 'number') {
        date.year = stated;
      } else if (reference) {
        const refYear = reference.getUTCFullYear();
        const refMonthDay = (reference.getUTCMonth() + 1) * 100 + reference.getUTCDate();
        date.year = date.month * 100 + (date.day ?? 1) <= refMonthDay ? refYear : refYear - 1;
      }
    }
    if (date.year !== null) previous = date.year;
  });
}

/**
 * A cheap test that a sentence may hold a date chrono would keep (a month name or its
 * abbreviation, or a numeric date): chrono is by far the most expensive recogniser, and most
 * sentences of a fact page hold no date. Every result chrono could give us needs a certain
 * month (see `readChrono`), and a month comes only from these forms.
 */
const DATE_HINTS = Object.fromEntries(
  FIGURE_LANGUAGES.map((lang) => {
    // Full names and their 3- and 4-letter abbreviations ("Oct", "sept", "janv"), as whole words.
    const names = new Set(Object.keys(MONTHS[lang]).flatMap((name) => [name, name.slice(0, 3), name.slice(0, 4)]));
    return [
      lang,
      new RegExp(`(?<![\\p{L}])(?:${[...names].join('|')})(?![\\p{L}])|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}`, 'giu'),
    ];
  }),
) as Record<FigureLanguage, RegExp>;

/**
 * The year a text states last: a number, `null` when that mention is a span ("2014-2016", "de
 * 2010 à 2012": ambiguous for a date without a year), `undefined` when it states none.
 */
export type StatedYear = number | null | undefined;

/** A year (1900–2099) standing alone or as an end of a span; not a part of a longer number or a share ("2020 %"). */
const STATED_YEAR = /(?<![\p{L}\d.,])(?:19|20)\d{2}(?![\d]|[.,]\d|[ \u00A0]?%)/gu;
const SPAN_BEFORE = /(?:\d[ \u00A0]?[-–—/]|\d[ \u00A0](?:à|au|to|and|et|bis|und))[ \u00A0]?$/u;
const SPAN_AROUND = /^[ \u00A0]?[-–—/][ \u00A0]?\d{2,4}|^[ \u00A0](?:à|au|to|and|et|bis|und)[ \u00A0](?:19|20)\d{2}/u;

/** The year `text` states last before `end` (see `StatedYear`). */
export function lastStatedYear(text: string, end = text.length): StatedYear {
  let last: StatedYear;
  for (const m of text.slice(0, end).matchAll(STATED_YEAR)) {
    const inSpan = SPAN_AROUND.test(text.slice(m.index + 4, m.index + 12)) || SPAN_BEFORE.test(text.slice(Math.max(0, m.index - 10), m.index));
    last = inSpan ? null : Number(m[0]);
  }
  return last;
}

/**
 * Finds the dates of one sentence. `yearBefore` is the year its block stated last before this
 * sentence (see `StatedYear`), for a date the sentence leaves without one.
 */
export function recognizeDates(sentence: string, language: string, reference?: Date, yearBefore: StatedYear = undefined): Candidate[] {
  const lang = pickLanguage(language);
  // Every date we keep has a day or a year in digits (or a year "the same" as one stated
  // before), and a month name or a numeric form.
  if ((!/\d/u.test(sentence) && !SAME_YEAR_HINT[lang].test(sentence)) || sentence.search(DATE_HINTS[lang]) < 0) return [];
  // chrono needs an instant; its guesses from it are never used (fillYears decides), so any fixed
  // instant keeps the result independent of the clock and the machine's time zone.
  const instant = reference ?? new Date(Date.UTC(2000, 0, 1));
  const coordinated = readCoordinated(sentence, lang);
  const fromChrono = [...coordinated, ...withoutOverlaps(readChrono(sentence, lang, instant), coordinated)];
  const dates = [...fromChrono, ...readMonthYears(sentence, lang, fromChrono)].sort((a, b) => a.start - b.start);
  fillYears(dates, reference, (offset) => {
    const inSentence = lastStatedYear(sentence, offset);
    return inSentence === undefined ? yearBefore : inSentence;
  });
  // A month alone whose year could not be found is no date ("im November des gleichen Jahres" with no year before).
  return dates.filter((d) => d.year !== null || d.day !== null).map((d) => makeCandidate('date', formatDate(d), null, d.start, d.end));
}
