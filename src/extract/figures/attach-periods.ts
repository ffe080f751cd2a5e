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
 * A year that comes before a figure in the same clause, after the thing it dates, is that
 * figure's period too: "Handelsvolumen 2018 von 30,3 Milliarden", "trade in 2019 reached
 * €4 billion", "im Jahre 2018 5,8 Mrd. US-Dollar" — but not a year that starts a span ("since
 * 2001 France has given …") and not across a clause break.
 * In a "label : value" row, a month alone in parentheses right after the value is its period, the
 * way a year is: "Communauté inscrite : 2040 personnes (septembre 2023)" — the count as of that
 * month (in prose, "3 visites (septembre 2023)" may date the event instead, and stays a date).
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
/**
 * Between a year and the figure it dates, read forwards: a few words, a dash, no clause break
 * ("2018 von ", "2019 reached ", "2019 – "). Bounded: at most `FORWARD_REACH` characters.
 */
const FORWARD_LINK = /^[ \u00A0]*(?:[-–—][ \u00A0]*)?(?:[\p{L}’'-]+[ \u00A0]+){0,4}$/u;
const FORWARD_REACH = 50;
/** Years that open a span or a bound, not a period: "since 2001", "depuis 2006", "bis 2020". */
const SPAN_YEAR = /(?:since|from|until|till|after|before|by|depuis|dès|jusqu[’']en|après|avant|seit|ab|bis|nach|vor)\s+$/iu;
/** A short link between two figures that share a period ("for", "pour", "and"). */
const CHAIN_LINK = /^\s*(?:[\p{L}’']+\s+){0,2}$/u;

/**
 * The end-anchored patterns above are tested on the last `TAIL` characters of what precedes a
 * year, not on all of it: tested on the whole prefix, a regex is tried from every position of
 * the prefix, once per year — quadratic in a sentence of many years (issue 14). Every match they
 * can make is a few words and a few spaces long, so the tail gives the same answers.
 */
const TAIL = 64;

/** `pattern` (anchored at the end, possibly at `^` too) tested on the tail of `text`. */
function testTail(pattern: RegExp, text: string): boolean {
  // A cut tail must not look like the start of the text to a `^` in the pattern.
  return pattern.test(text.length <= TAIL ? text : `x${text.slice(-TAIL)}`);
}

/**
 * Sets `period` on the figures of one sentence and returns the candidates that remain figures
 * (consumed years removed). `candidates` must be sorted by start and disjoint; `labelEnd` is
 * where a "label : value" row's label ends in this sentence (0 when none).
 *
 * Linear in the sentence (up to the short chains of figures a year is shared by): years and
 * figures are walked together in page order, and "the last figure before this year that has no
 * period yet" is found through skip links (a figure's period, once set, is never unset).
 */
export function attachPeriods(sentence: string, candidates: Candidate[], labelEnd: number): Candidate[] {
  const consumed = new Set<Candidate>();
  const measured = candidates.filter((c) => c.kind !== 'year' && c.kind !== 'date');
  if (labelEnd > 0) for (const month of candidates) if (month.kind === 'date') attachMonthPeriod(sentence, month, measured, consumed);
  const years = candidates.filter((c) => c.kind === 'year');
  const isLabelYear = (year: Candidate) => year.end <= labelEnd && /\(\s*$/.test(sentence.slice(0, year.start));
  const lastOpen = lastWithoutPeriod(measured);

  /** How many figures end before the current year: `measured.slice(0, before)` precede it. */
  let before = 0;
  years.forEach((year, yearIndex) => {
    if (isLabelYear(year)) return;
    while (before < measured.length && measured[before]!.end <= year.start) before++;
    const nearest = before > 0 ? measured[before - 1] : undefined;
    const between = nearest ? sentence.slice(nearest.end, year.start) : sentence.slice(0, year.start);
    if (testTail(BASE_LINK, between)) {
      consumed.add(year);
      return;
    }
    if (nearest && CLOSE_LINK.test(between) && nearest.period === null) {
      setChainPeriod(sentence, measured, before - 1, year.period);
      consumed.add(year);
      return;
    }
    const prefix = sentence.slice(0, year.start);
    const named = testTail(NAMED_PERIOD_BEFORE, prefix) || NAMED_PERIOD_AFTER.test(sentence.slice(year.end));
    const open = lastOpen(before - 1);
    if (named && open >= 0) {
      setChainPeriod(sentence, measured, open, year.period);
      consumed.add(year);
      return;
    }
    if (testTail(LEADING_YEAR, prefix) && AFTER_LEADING_YEAR.test(sentence.slice(year.end))) {
      // Years are disjoint and sorted: the next one in the list is the first after this one.
      const nextYear = years[yearIndex + 1];
      const following: Candidate[] = [];
      for (let i = before; i < measured.length; i++) {
        const f = measured[i]!;
        if (nextYear !== undefined && f.end > nextYear.start) break;
        if (f.start >= year.end && f.period === null) following.push(f);
      }
      if (following.length > 0) {
        for (const f of following) f.period = year.period;
        consumed.add(year);
        return;
      }
    }
    // The year dates the figure that follows it in its clause ("Handelsvolumen 2018 von 30,3
    // Milliarden"): the next figure, if it has no period and nothing but a few words lie between.
    const next = measured[before];
    if (next === undefined || next.period !== null || next.start - year.end > FORWARD_REACH) return;
    const nextYear = years[yearIndex + 1];
    if (nextYear !== undefined && nextYear.start < next.start) return;
    if (testTail(SPAN_YEAR, prefix) || !FORWARD_LINK.test(sentence.slice(year.end, next.start))) return;
    next.period = year.period;
    consumed.add(year);
  });
  inheritParenthesisPeriods(sentence, measured, years.filter((y) => consumed.has(y)));
  // A label's year is the default for every figure of its row that the text gave no period.
  for (const year of years.filter(isLabelYear)) {
    for (const f of measured) if (f.start >= labelEnd && f.period === null) f.period = year.period;
    consumed.add(year);
  }
  return candidates.filter((c) => !consumed.has(c));
}

/** "(septembre 2023)": a month and its year, the whole of a parenthesis. */
const MONTH_VALUE = /^\d{4}-\d{2}$/u;

/** Makes a month in parentheses right after a figure without a period that figure's period. */
function attachMonthPeriod(sentence: string, month: Candidate, measured: Candidate[], consumed: Set<Candidate>): void {
  if (typeof month.value !== 'string' || !MONTH_VALUE.test(month.value)) return;
  if (!/^\s*\)/u.test(sentence.slice(month.end))) return;
  const open = /\(\s*$/u.exec(sentence.slice(Math.max(0, month.start - 8), month.start));
  if (open === null) return;
  const openAt = month.start - open[0].length;
  const owner = measured[lastEndingBy(measured, openAt)];
  if (owner === undefined || owner.period !== null || /\S/u.test(sentence.slice(owner.end, openAt))) return;
  owner.period = month.value;
  consumed.add(month);
}

/**
 * A function giving the index of the last figure at or before `index` whose period is still
 * null (-1 when none), in amortised constant time: figures found with a period are skipped for
 * good, their skip link pointing further back.
 */
function lastWithoutPeriod(figures: Candidate[]): (index: number) => number {
  const skip = figures.map((_, i) => i - 1);
  return (index) => {
    const path: number[] = [];
    let i = index;
    while (i >= 0 && figures[i]!.period !== null) {
      path.push(i);
      i = skip[i]!;
    }
    for (const p of path) skip[p] = i;
    return i;
  };
}

/** Gives `period` to `figures[last]` and to the figures before it linked to it by a short link. */
function setChainPeriod(sentence: string, figures: Candidate[], last: number, period: string | null): void {
  for (let i = last; i >= 0; i--) {
    const figure = figures[i]!;
    if (figure.period === null) figure.period = period;
    const previous = figures[i - 1];
    if (!previous || !CHAIN_LINK.test(sentence.slice(previous.end, figure.start))) break;
  }
}

/**
 * A figure in parentheses with no period takes the period of the figure the parenthesis follows
 * (directly, or after that figure's own period year): "€27 million in 2016 (€6 million …)".
 * The figure the parenthesis follows is whatever ends right before it, save whitespace: one
 * figure or one year, found by binary search, once per parenthesis.
 */
function inheritParenthesisPeriods(sentence: string, figures: Candidate[], periodYears: Candidate[]): void {
  const opens = enclosingParentheses(sentence, figures.map((f) => f.start));
  const previousSamePeriod = indexOfPreviousSamePeriod(periodYears);
  const owners = new Map<number, Candidate | null>();
  figures.forEach((figure, i) => {
    if (figure.period !== null) return;
    const open = opens[i]!;
    if (open < 0) return;
    // Every figure before the parenthesis was settled before the first figure inside it.
    let owner = owners.get(open);
    if (owner === undefined) {
      owner = findOwner(sentence, figures, periodYears, previousSamePeriod, open);
      owners.set(open, owner);
    }
    if (owner) figure.period = owner.period;
  });
}

/** For each year, the index of the last earlier year with the same period, or -1. */
function indexOfPreviousSamePeriod(years: Candidate[]): number[] {
  const last = new Map<string | null, number>();
  return years.map((y, i) => {
    const previous = last.get(y.period) ?? -1;
    last.set(y.period, i);
    return previous;
  });
}

/** Index of the last element of `list` (sorted by end) that ends at or before `offset`, or -1. */
function lastEndingBy(list: Candidate[], offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The first figure (in page order) with a period that the parenthesis at `open` follows: the
 * figure ending right before it, or — when a period year ends right before it — the first
 * figure with that period whose own first period year after it is that year.
 */
function findOwner(sentence: string, figures: Candidate[], years: Candidate[], previousSamePeriod: number[], open: number): Candidate | null {
  let textEnd = open;
  while (textEnd > 0 && /\s/.test(sentence[textEnd - 1]!)) textEnd--;
  const g = lastEndingBy(figures, open);
  if (g >= 0 && figures[g]!.end >= textEnd) return figures[g]!.period !== null ? figures[g]! : null;
  const y = lastEndingBy(years, open);
  if (y < 0 || years[y]!.end < textEnd) return null;
  const year = years[y]!;
  const earlier = previousSamePeriod[y]!;
  const after = earlier < 0 ? -1 : years[earlier]!.start;
  for (let i = lastEndingBy(figures, after) + 1; i < figures.length && figures[i]!.end <= year.start; i++) {
    if (figures[i]!.period === year.period) return figures[i]!;
  }
  return null;
}

/**
 * For each offset (ascending), the offset of the "(" whose parenthesis encloses it, or -1: one
 * forward pass with a stack, where a ")" closes the innermost open "(" (the same answer as
 * scanning back from each offset and counting, without the scan per offset).
 */
function enclosingParentheses(sentence: string, offsets: number[]): number[] {
  const out: number[] = [];
  const stack: number[] = [];
  let next = 0;
  for (let i = 0; i < sentence.length && next < offsets.length; i++) {
    while (next < offsets.length && offsets[next]! <= i) {
      out.push(stack.at(-1) ?? -1);
      next++;
    }
    const ch = sentence[i];
    if (ch === '(') stack.push(i);
    else if (ch === ')') stack.pop();
  }
  while (next < offsets.length) {
    out.push(stack.at(-1) ?? -1);
    next++;
  }
  return out;
}
