/**
 * Figure extraction: the numbers a reader would track on a page, each with its meaning.
 *
 * Pure: sections in, figures out — no I/O and no clock. Each block is split into sentences;
 * every recogniser proposes candidates (dates, money, percent, measure, rank, year, count);
 * overlaps are resolved by a fixed priority; years become the period of a neighbouring figure
 * or stay figures of their own; and each figure gets a key made from its meaning (make-key.ts).
 *
 * Section headings are not read for figures: on these pages they hold titles and numberings
 * ("1. Politische Beziehungen"), not data.
 */
import type { Figure, FigureKind, Section } from '../page-document.ts';
import { attachPeriods } from './attach-periods.ts';
import { overlaps, type Candidate, type Span } from './candidate.ts';
import { findNonFigures } from './find-non-figures.ts';
import { assignUniqueKeys, makeBaseKey, slugify } from './make-key.ts';
import { recognizeCount } from './recognize-count.ts';
import { recognizeDates } from './recognize-dates.ts';
import { recognizeMeasure } from './recognize-measure.ts';
import { recognizeMoney } from './recognize-money.ts';
import { recognizePercent } from './recognize-percent.ts';
import { recognizeRank } from './recognize-rank.ts';
import { recognizeYears } from './recognize-years.ts';
import { splitSentences } from './split-sentences.ts';

export { readNumber, numberPattern } from './read-number.ts';
export { splitSentences } from './split-sentences.ts';

/** Options of `extractFigures`. */
export interface ExtractFiguresOptions {
  /**
   * The date the page speaks from (its revision stamp, or the capture time), used only for a
   * date whose year the text leaves out and no neighbouring date supplies. Without it such a
   * date is kept as "--MM-DD".
   */
  referenceDate?: Date;
}

/** When two candidates overlap, the earlier kind in this list wins. */
const PRIORITY: FigureKind[] = ['date', 'money', 'percent', 'measure', 'rank', 'year', 'count'];

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
  for (const section of sections) {
    const sectionSlug = section.heading === null ? 'lead' : slugify(section.heading, language);
    for (const block of section.blocks) {
      for (const found of extractBlockFigures(block, language, opts.referenceDate, sectionSlug)) {
        pending.push({ ...found, figure: { ...found.figure, section: section.heading } });
      }
    }
  }
  const keys = assignUniqueKeys(pending);
  return pending.map((p, i) => ({ key: keys[i]!, ...p.figure }));
}

function extractBlockFigures(
  block: string,
  language: string,
  referenceDate: Date | undefined,
  sectionSlug: string,
): PendingFigure[] {
  const label = LABEL_ROW.exec(block);
  // Bare numbers are read only in short "label : value" rows (fact sheets), not in prose items
  // that happen to start with "Promoting French: …".
  const readsBareNumbers = label !== null && block.split(/\s+/u).length <= MAX_LABEL_ROW_WORDS;
  const out: PendingFigure[] = [];
  splitSentences(block, language).forEach((sentence, index) => {
    const labelEnd = label && index === 0 && sentence.start === 0 ? label[0].length : 0;
    const text = sentence.text;
    const accepted = resolveOverlaps(
      collectCandidates(text, language, referenceDate, readsBareNumbers),
      findNonFigures(text, index === 0),
    );
    const figures = attachPeriods(text, accepted, labelEnd);
    const normalized = text.replace(/\s+/gu, ' ').trim();
    for (const candidate of figures) {
      const baseKey = makeBaseKey(candidate, { sentence: text, language, figures: accepted, labelEnd, sectionSlug });
      out.push({ baseKey, sectionSlug, figure: toFigure(candidate, text, normalized) });
    }
  });
  return out;
}

function collectCandidates(text: string, language: string, referenceDate: Date | undefined, isLabelRow: boolean): Candidate[] {
  return [
    ...recognizeDates(text, language, referenceDate),
    ...recognizeMoney(text, language),
    ...recognizePercent(text, language),
    ...recognizeMeasure(text, language, isLabelRow),
    ...recognizeRank(text, language),
    ...recognizeYears(text, language),
    ...recognizeCount(text, language),
  ];
}

/** Keeps, by priority then length, the candidates that overlap no better one and no non-figure. */
function resolveOverlaps(candidates: Candidate[], nonFigures: Span[]): Candidate[] {
  const rank = (c: Candidate) => (c.weak ? PRIORITY.length : PRIORITY.indexOf(c.kind));
  const ordered = [...candidates].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const accepted: Candidate[] = [];
  for (const candidate of ordered) {
    if (nonFigures.some((span) => overlaps(span, candidate))) continue;
    if (accepted.some((other) => overlaps(other, candidate))) continue;
    accepted.push(candidate);
  }
  return accepted.sort((a, b) => a.start - b.start);
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
  return figure;
}
