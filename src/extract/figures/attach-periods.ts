/**
 * Deciding which years are the period of a neighbouring figure and which stand alone.
 *
 * A year is a figure's period — and then no figure of its own — when:
 * - it follows the figure closely: "€8.2 million in 2016", "25,3 millions (2014, …)",
 *   "6.5 Mds $ 2013"; figures chained to that figure by a short link share it:
 *   "€135.3 million for 130 projects for the period 1995-2015";
 * - it is named as a period: "for the 2017-2018 period", "pour la période 2010-2015" —
 *   then it goes to the nearest figure before it in the sentence that has none;
 * - it stands in a label: "PIB (2013) : 31.9 Mds $".
 * A year that OPENS a sentence or clause is the period of the figures that follow it in that
 * sentence: "In 2016, trade was €8.2 million", "En 2010, les échanges ont atteint 7 millions
 * d’euros", "Im Jahr 2020 betrug der Handel 1,16 Mrd. Euro" — when such figures exist; "In 2006,
 * the EU began …" keeps its year as a figure.
 * A figure in parentheses right after a figure with a period inherits it: "€27 million in 2016
 * (€6 million in North Korean imports …)". A year after "versus", "par rapport à" … is a
 * comparison base: neither a period nor a figure ("down 3.3% versus 2015").
 * Every other year stays a figure of kind "year" ("since 2001").
 */
import type { Candidate } from './candidate.ts';

const CLOSE_LINK = /^[\s(]*(?:(?:in|en|im|im Jahr|in the year|for|pour|during|over|au cours de|sur|de|für)[\s(]+)?$/iu;
const BASE_LINK = /(?:versus|vs\.?|compared (?:to|with)|against|than|par rapport à|contre|gegenüber|im Vergleich zu|verglichen mit)\s*$/iu;
const NAMED_PERIOD_BEFORE = /(?:period|période|Zeitraum|Periode)\s*$/iu;
const NAMED_PERIOD_AFTER = /^\s*(?:period|période|Zeitraum|Periode)/iu;
/** An introducer right before a year that opens a sentence or a clause ("In 2016, …"). */
const LEADING_YEAR = /(?:^|[;:]\s*|,\s+)(?:in|during|for|throughout|en|au cours de|durant|pour|courant|im|im Jahr|in|während)\s+$/iu;
/** What may follow a leading year before its clause goes on: a comma, or nothing. */
const AFTER_LEADING_YEAR = /^\s*(?:,|\s)/u;
/** A short link between two figures that share a period ("for", "pour", "and"). */
const CHAIN_LINK = /^\s*(?:[\p{L}’']+\s+){0,2}$/u;

/**
 * Sets `period` on the figures of one sentence and returns the candidates that remain figures
 * (consumed years removed). `candidates` must be sorted by start; `labelEnd` is where a
 * "label : value" row's label ends in this sentence (0 when none).
 */
export function attachPeriods(sentence: string, candidates: Candidate[], labelEnd: number): Candidate[] {
  const consumed = new Set<Candidate>();
  const measured = candidates.filter((c) => c.kind !== 'year' && c.kind !== 'date');
  const years = candidates.filter((c) => c.kind === 'year');
  const isLabelYear = (year: Candidate) => year.end <= labelEnd && /\(\s*$/.test(sentence.slice(0, year.start));

  for (const year of years.filter((y) => !isLabelYear(y))) {
    const before = measured.filter((f) => f.end <= year.start);
    const nearest = before.at(-1);
    const between = nearest ? sentence.slice(nearest.end, year.start) : sentence.slice(0, year.start);
    if (BASE_LINK.test(between)) {
      consumed.add(year);
      continue;
    }
    if (nearest && CLOSE_LINK.test(between) && nearest.period === null) {
      setChainPeriod(sentence, before, year.period);
      consumed.add(year);
      continue;
    }
    const named = NAMED_PERIOD_BEFORE.test(sentence.slice(0, year.start)) || NAMED_PERIOD_AFTER.test(sentence.slice(year.end));
    const open = before.filter((f) => f.period === null).at(-1);
    if (named && open) {
      setChainPeriod(sentence, before.slice(0, before.indexOf(open) + 1), year.period);
      consumed.add(year);
      continue;
    }
    if (LEADING_YEAR.test(sentence.slice(0, year.start)) && AFTER_LEADING_YEAR.test(sentence.slice(year.end))) {
      const nextYear = years.find((y) => y.start > year.end);
      const following = measured.filter(
        (f) => f.start >= year.end && f.period === null && (nextYear === undefined || f.end <= nextYear.start),
      );
      if (following.length === 0) continue;
      for (const f of following) f.period = year.period;
      consumed.add(year);
    }
  }
  inheritParenthesisPeriods(sentence, measured, years.filter((y) => consumed.has(y)));
  // A label's year is the default for every figure of its row that the text gave no period.
  for (const year of years.filter(isLabelYear)) {
    for (const f of measured) if (f.start >= labelEnd && f.period === null) f.period = year.period;
    consumed.add(year);
  }
  return candidates.filter((c) => !consumed.has(c));
}

/** Gives `period` to the last figure of `before` and to those linked to it by a short link. */
function setChainPeriod(sentence: string, before: Candidate[], period: string | null): void {
  for (let i = before.length - 1; i >= 0; i--) {
    const figure = before[i]!;
    if (figure.period === null) figure.period = period;
    const previous = before[i - 1];
    if (!previous || !CHAIN_LINK.test(sentence.slice(previous.end, figure.start))) break;
  }
}

function inheritParenthesisPeriods(sentence: string, figures: Candidate[], periodYears: Candidate[]): void {
  for (const figure of figures) {
    if (figure.period !== null) continue;
    const open = findOpenParenthesis(sentence, figure.start);
    if (open < 0) continue;
    const owner = figures.find((g) => {
      if (g.period === null || g.end > open) return false;
      const ownYear = periodYears.find((y) => y.start >= g.end && y.end <= open && y.period === g.period);
      const end = ownYear ? ownYear.end : g.end;
      return /^\s*$/.test(sentence.slice(end, open));
    });
    if (owner) figure.period = owner.period;
  }
}

/** Offset of the "(" enclosing `offset`, or -1. */
function findOpenParenthesis(sentence: string, offset: number): number {
  let depth = 0;
  for (let i = offset - 1; i >= 0; i--) {
    const ch = sentence[i];
    if (ch === ')') depth++;
    else if (ch === '(') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
