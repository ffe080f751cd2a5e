/**
 * Figure extraction: the numbers a reader would track on a page, each with its meaning.
 *
 * Pure: sections in, figures out — no I/O and no clock. The page's number notation is decided
 * once from all its text (detect-notation.ts: a French "300,000" is read the same way in every
 * sentence, by page evidence). Each block is split into sentences;
 * every recogniser proposes candidates (dates, money, percent, measure, rank, year, count);
 * overlaps are resolved by a fixed priority; years become the period of a neighbouring figure
 * or stay figures of their own; unit-less measures take a unit their label names
 * (infer-unit.ts); label rows give a name and a source (read-label.ts); and each figure gets a
 * key made from its meaning (make-key.ts).
 *
 * Section headings are not read for figures: on these pages they hold titles and numberings
 * ("1. Politische Beziehungen"), not data.
 */
import type { Figure, FigureKind, Section } from '../../model/index.ts';
import { attachPeriods } from './attach-periods.ts';
import { inferUnits } from './infer-unit.ts';
import { findSource, readLabelName } from './read-label.ts';
import { detectNotation } from './detect-notation.ts';
import type { Candidate, Span } from './candidate.ts';
import { findNonFigures } from './find-non-figures.ts';
import { assignUniqueKeys, prepareKeys, slugify } from './make-key.ts';
import { recognizeCount } from './recognize-count.ts';
import { lastStatedYear, recognizeDates, type StatedYear } from './recognize-dates.ts';
import { recognizeDistribution } from './recognize-distribution.ts';
import { recognizeMeasure } from './recognize-measure.ts';
import { recognizeMoney } from './recognize-money.ts';
import { recognizePercent } from './recognize-percent.ts';
import { presenceCountGate, recognizePresenceCount } from './recognize-presence-count.ts';
import { recognizeRank } from './recognize-rank.ts';
import { recognizeYears } from './recognize-years.ts';
import type { Notation } from './read-number.ts';
import { memoizeByLanguage } from './memoize.ts';
import { APPROXIMATIONS, COLLECTIVE_NUMBERS, MONTHS, NUMBER_WORDS, ORDINAL_WORDS, pickLanguage, REPETITION_WORDS } from '../../model/figure-vocabulary.ts';
import { splitSentences } from './split-sentences.ts';
import { wordAlternation } from '../../text/word-alternation.ts';

export { readNumber, numberPattern, type Notation } from './read-number.ts';
export { detectNotation } from './detect-notation.ts';
export { dollarCurrencyOf } from './dollar-of-host.ts';
export { splitSentences } from './split-sentences.ts';

/** Options of `extractFigures`. */
export interface ExtractFiguresOptions {
  /**
   * The date the page speaks from (its revision stamp, or the capture time), used only for a
   * date whose year the text leaves out and no neighbouring date supplies. Without it such a
   * date is kept as "--MM-DD".
   */
  referenceDate?: Date;
  /**
   * The currency a bare "$" or "dollars" stands for: the publisher's (`dollarCurrencyOf` the
   * page's URL: CAD on a Canadian ministry's page). Default USD.
   */
  dollarCurrency?: string;
}

/** When two candidates overlap, the earlier kind in this list wins. */
const PRIORITY: FigureKind[] = ['date', 'money', 'percent', 'measure', 'rank', 'year', 'count'];

const COUNT_RANK = PRIORITY.indexOf('count');

/** "Superficie : 120 500 km²", "Stand: März 2011": a short label, a colon, a value. */
const MAX_LABEL_ROW_WORDS = 30;
const LABEL_ROW = /^([^:.!?]{2,100}?)[ \u00A0]?:[ \u00A0]+(?=\S)/u;

interface PendingFigure {
  figure: Omit<Figure, 'key'>;
  baseKey: string;
  sectionSlug: string;
}

/**
 * Extracts the figures of a page's sections, in page order.
 *
 * @param sections the page's sections (blocks whitespace-normalised)
 * @param language the page's BCP 47 language ("en", "fr", "de"); decides number notation,
 *   vocabulary and chrono's parser
 */
export function extractFigures(sections: Section[], language: string, opts: ExtractFiguresOptions = {}): Figure[] {
  const pending: PendingFigure[] = [];
  // One notation for the whole page: "300,000" is read the same way in every sentence.
  const notation = detectNotation(sections.flatMap((s) => s.blocks), language);
  const page: PageReading = { language, notation, referenceDate: opts.referenceDate, dollar: opts.dollarCurrency ?? 'USD' };
  for (const section of sections) {
    // A section in another language than the page's is read in its own, with its own notation.
    const reading = section.language === undefined ? page : { ...page, language: section.language, notation: detectNotation(section.blocks, section.language) };
    const sectionSlug = section.heading === null ? 'lead' : slugify(section.heading, language);
    const cells = section.cells ?? [];
    let nextCell = 0;
    for (const block of section.blocks) {
      // A table cell's headers go on its figures (cells are in block order; a block taken out as
      // the stamp is skipped over).
      // Looking two cells ahead is enough (only the stamp's block is ever left out), and keeps a
      // page of many paragraphs and many cells linear.
      const at = cells[nextCell]?.text === block ? nextCell : cells[nextCell + 1]?.text === block ? nextCell + 1 : -1;
      const cell = at === -1 ? undefined : cells[at]!;
      if (at !== -1) nextCell = at + 1;
      for (const found of extractBlockFigures(block, reading, sectionSlug)) {
        const figure = { ...found.figure, section: section.heading };
        if (cell !== undefined) figure.cell = { row: cell.row, column: cell.column };
        pending.push({ ...found, figure });
      }
    }
  }
  const keys = assignUniqueKeys(pending);
  return pending.map((p, i) => ({ key: keys[i]!, ...p.figure }));
}

/** What every sentence of a page is read with. */
interface PageReading {
  language: string;
  notation: Notation;
  referenceDate: Date | undefined;
  /** What a bare "$" means on this page. */
  dollar: string;
}

function extractBlockFigures(block: string, page: PageReading, sectionSlug: string): PendingFigure[] {
  const { language } = page;
  const label = LABEL_ROW.exec(block);
  // Bare numbers are read only in short "label : value" rows (fact sheets), not in prose items
  // that happen to start with "Promoting French: …".
  const readsBareNumbers = label !== null && hasAtMostWords(block, MAX_LABEL_ROW_WORDS);
  const out: PendingFigure[] = [];
  // The year the block stated last before the current sentence, for its dates without a year.
  let yearBefore: StatedYear;
  splitSentences(block, language).forEach((sentence, index) => {
    const labelEnd = label && index === 0 && sentence.start === 0 ? label[0].length : 0;
    const text = sentence.text;
    const reads = numbersOf(text, language, yearBefore !== undefined);
    // A sentence with no number in it, in digits or in words, holds no figure: most of a page.
    const candidates = reads === null ? [] : collectCandidates(text, page, readsBareNumbers, reads, yearBefore);
    // The year this sentence states goes to the next ones' dates without a year (a year needs digits).
    const sentenceYear = reads?.digits === true ? lastStatedYear(text) : undefined;
    if (sentenceYear !== undefined) yearBefore = sentenceYear;
    // Nothing found (many sentences with a digit hold no figure): no non-figures to mask, no
    // periods, units or keys to work out.
    if (candidates.length === 0) return;
    const accepted = resolveOverlaps(candidates, findNonFigures(text, index === 0), text.length);
    takeApproximations(text, accepted, language);
    const figures = attachPeriods(text, accepted, labelEnd);
    inferUnits(text, figures, labelEnd, language);
    carryCurrency(text, figures);
    if (figures.length === 0) return;
    const normalized = text.replace(/\s+/gu, ' ').trim();
    const makeBaseKey = prepareKeys({ sentence: text, language, figures: accepted, labelEnd, sectionSlug });
    for (const candidate of figures) {
      const baseKey = makeBaseKey(candidate);
      const figure = toFigure(candidate, text, normalized);
      if (labelEnd > 0 && candidate.start >= labelEnd) {
        const name = readLabelName(text.slice(0, labelEnd));
        const source = findSource(text, candidate);
        if (name !== null) figure.name = name;
        if (source !== null) figure.source = source;
      }
      out.push({ baseKey, sectionSlug, figure });
    }
  });
  return out;
}

/** Whether `block` splits into at most `max` words at whitespace, read no further than needed. */
function hasAtMostWords(block: string, max: number): boolean {
  let pieces = 1;
  for (const _ of block.matchAll(/\s+/gu)) if (++pieces > max) return false;
  return true;
}

/** Which numbers a sentence may hold, read before any recogniser runs (`numbersOf`). */
interface NumberHints {
  digits: boolean;
  numberWords: boolean;
  /** A month name, looked for only after the block stated a year ("in June of the same year"). */
  monthWords: boolean;
  /** An ordinal word ("third"): ranks. */
  ordinalWords: boolean;
  /** A quantifier of none or one ("no", "one", "aucune", "nur ein"): counts in words (recognize-presence-count.ts). */
  quantifiers: boolean;
}

/**
 * A case-insensitive search for any of `words` anywhere (inside longer words too: German
 * writes "drittgrößte"), with the flags the recognisers match the same words with: whatever
 * their patterns find, this finds. One per language, compiled once.
 */
function anyOf(words: Record<string, number>): RegExp {
  return new RegExp(wordAlternation(Object.keys(words)), 'iu');
}
const ordinalWordsOf = memoizeByLanguage((language) => anyOf(ORDINAL_WORDS[pickLanguage(language)]));
const numberWordsOf = memoizeByLanguage((language) => {
  const lang = pickLanguage(language);
  // Repetitions ("twice", "dreimal") are counts too (recognize-count.ts).
  return anyOf({ ...NUMBER_WORDS[lang], ...COLLECTIVE_NUMBERS[lang], ...REPETITION_WORDS[lang] });
});
const monthWordsOf = memoizeByLanguage((language) => anyOf(MONTHS[pickLanguage(language)]));
const DIGIT = /\d/u;

/**
 * What kinds of number `sentence` can hold, or null when none: the recognisers' costly patterns
 * are tried only where they can match. Every figure is read from a number, and a number is
 * either digits (dates, money, percentages, measures, years and most counts and ranks all need
 * one) or a word of the vocabulary: a cardinal or collective number word (counts: "two French
 * NGOs", "une centaine de projets"), an ordinal word (ranks: "third-largest") or a quantifier
 * of none or one ("no French companies", "une seule entreprise"; only that recogniser runs on
 * it). Nearly half the sentences of a fact page hold none, and ranks and counts cost the most to
 * look for.
 */
function numbersOf(sentence: string, language: string, yearStated: boolean): NumberHints | null {
  const quantifiers = presenceCountGate(language).test(sentence);
  // With a digit every recogniser runs, words or not.
  if (DIGIT.test(sentence)) return { digits: true, numberWords: true, monthWords: true, ordinalWords: true, quantifiers };
  const ordinalWords = ordinalWordsOf(language).test(sentence);
  const numberWords = numberWordsOf(language).test(sentence);
  const monthWords = yearStated && monthWordsOf(language).test(sentence);
  return ordinalWords || numberWords || monthWords || quantifiers ? { digits: false, numberWords, monthWords, ordinalWords, quantifiers } : null;
}

function collectCandidates(text: string, page: PageReading, isLabelRow: boolean, reads: NumberHints, yearBefore: StatedYear): Candidate[] {
  const { language, notation } = page;
  if (!reads.digits) {
    // Without a digit, only a number word or an ordinal word can be a figure.
    return [
      // A rank from an ordinal word ("third-largest"), or from a number word of a top group ("among the three leading").
      ...(reads.ordinalWords || reads.numberWords ? recognizeRank(text, language, notation) : []),
      ...(reads.numberWords ? [...recognizeCount(text, language, notation), ...recognizeDistribution(text, language)] : []),
      // A month of a year the block stated before ("in June of the same year").
      ...(reads.monthWords ? recognizeDates(text, language, page.referenceDate, yearBefore) : []),
      // "no French companies", "une seule entreprise française".
      ...(reads.quantifiers ? recognizePresenceCount(text, language) : []),
    ];
  }
  return [
    ...recognizeDates(text, language, page.referenceDate, yearBefore),
    ...recognizeMoney(text, language, notation, page.dollar),
    ...recognizePercent(text, language, notation),
    ...recognizeMeasure(text, language, isLabelRow, notation),
    ...recognizeRank(text, language, notation),
    ...recognizeYears(text, language),
    ...recognizeCount(text, language, notation),
    ...recognizeDistribution(text, language),
    ...(reads.quantifiers ? recognizePresenceCount(text, language) : []),
  ];
}

/**
 * Keeps, by priority then length, the candidates that overlap no better one and no non-figure.
 * Which characters are taken is kept in one array, so each candidate costs its own length, not
 * a comparison with every candidate accepted before it (issue 14).
 */
function resolveOverlaps(candidates: Candidate[], nonFigures: Span[], length: number): Candidate[] {
  const rank = (c: Candidate) => (c.weak ? PRIORITY.length : c.loose ? COUNT_RANK + 0.5 : PRIORITY.indexOf(c.kind));
  const ordered = [...candidates].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const taken = new Uint8Array(length);
  for (const span of nonFigures) taken.fill(1, span.start, span.end);
  const accepted: Candidate[] = [];
  for (const candidate of ordered) {
    // A figure with no text is no figure (no recogniser proposes one).
    if (candidate.end <= candidate.start) continue;
    let free = true;
    for (let i = candidate.start; i < candidate.end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, candidate.start, candidate.end);
    accepted.push(candidate);
  }
  return accepted.sort((a, b) => a.start - b.start);
}

/** Kinds whose figure may be approximate or a bound ("more than 1.8 million", "rund 36.000"). */
const APPROXIMABLE = new Set<FigureKind>(['money', 'percent', 'measure', 'count']);
/** The longest approximation phrase looked for before a figure, in characters. */
const APPROXIMATION_REACH = 40;

const approximationPattern = memoizeByLanguage((language) => {
  const words = wordAlternation(APPROXIMATIONS[pickLanguage(language)]);
  // Up to two words ("knapp über"), ending right where the figure starts; tried on a bounded tail.
  return new RegExp(`(?<![\\p{L}])(?:${words})(?:[ \\u00A0](?:${words}))?[ \\u00A0]$`, 'iu');
});

/**
 * Widens each approximable figure over the approximation before it ("près de 10 %"): it becomes
 * part of `raw` and of the value's span, so it stays out of the key. `accepted` is sorted and
 * disjoint; a figure never widens over the one before it.
 */
function takeApproximations(sentence: string, accepted: Candidate[], language: string): void {
  const pattern = approximationPattern(language);
  let previousEnd = 0;
  for (const candidate of accepted) {
    if (APPROXIMABLE.has(candidate.kind) && candidate.start > 0) {
      const from = Math.max(previousEnd, candidate.start - APPROXIMATION_REACH);
      const match = pattern.exec(sentence.slice(from, candidate.start));
      if (match !== null) {
        candidate.start = from + match.index;
        candidate.valueStart = Math.min(candidate.valueStart, candidate.start);
      }
    }
    previousEnd = candidate.end;
  }
}

/**
 * A currency given once for a list ("0,6 Md EUR en 2015, 1,7 Md en 2016, 1,9 Md EUR en 2017",
 * "from €2.1 billion to 2.6 billion") belongs to its unit-less neighbours: a measure with a
 * scale word but no unit becomes money, when every amount of the sentence names the same one
 * currency. Only within the sentence; a bare number with no scale word is left alone.
 */
function carryCurrency(sentence: string, figures: Candidate[]): void {
  let currency: string | null = null;
  for (const f of figures) {
    if (f.kind !== 'money') continue;
    if (currency !== null && f.unit !== currency) return;
    currency = f.unit;
  }
  if (currency === null) return;
  for (const f of figures) {
    if (f.kind === 'measure' && f.unit === null && !f.weak && /\p{L}/u.test(sentence.slice(f.valueStart, f.valueEnd))) {
      f.kind = 'money';
      f.unit = currency;
    }
  }
}

function toFigure(candidate: Candidate, text: string, sentence: string): Omit<Figure, 'key'> {
  const figure: Omit<Figure, 'key'> = {
    kind: candidate.kind,
    value: candidate.value,
    unit: candidate.unit,
    raw: text.slice(candidate.start, candidate.end),
    section: null,
    sentence,
    period: candidate.kind === 'date' ? null : candidate.period,
  };
  if (candidate.direction) figure.direction = candidate.direction;
  if (candidate.place) figure.place = candidate.place;
  return figure;
}
