import type { Change, Figure, PageDocument } from '../model/index.ts';
import { formatFigureValue } from './format-value.ts';
import { labelFigure } from './label-figure.ts';
import { LEAD_SECTION_SHORT_NAME } from './section-name.ts';

/** Names listed in a summary before "and N more". */
const MAX_NAMES = 3;
/** Changed figures spelled out in a summary before "…". */
const MAX_FIGURE_DETAILS = 2;

/**
 * One line in a reader's words, for lists, notifications and the `changes` table:
 * "revision stamp 2017-07-05 → 2017-10-26; 1 section added (Relations with the European
 * Union); 12 figures added", "1 section renamed (Economy → Economic relations); 2 paragraphs
 * moved to another section". `null` (no previous version) reads "first capture".
 */
export function summarizeChange(change: Change | null): string {
  if (change === null) return 'first capture';
  const parts: string[] = [];
  if (change.url !== null) parts.push('page moved');
  if (change.title !== null) parts.push(`title changed (${change.title.from} → ${change.title.to})`);
  if (change.updated.from !== change.updated.to) {
    parts.push(`revision stamp ${change.updated.from ?? 'none'} → ${change.updated.to ?? 'none'}`);
  }
  const { sections, figures } = change;
  if (sections.added.length > 0) parts.push(`${count(sections.added.length, 'section')} added (${names(sections.added)})`);
  if (sections.removed.length > 0) {
    parts.push(`${count(sections.removed.length, 'section')} removed (${names(sections.removed)})`);
  }
  const renamed = sections.renamed ?? [];
  if (renamed.length > 0) {
    parts.push(`${count(renamed.length, 'section')} renamed (${names(renamed.map((r) => `${r.from} → ${r.to}`))})`);
  }
  const moved = sections.moved ?? [];
  if (moved.length > 0) parts.push(`${count(moved.length, 'paragraph')} moved to another section`);
  if (sections.changed.length > 0) {
    const headings = sections.changed.map((s) => s.heading ?? LEAD_SECTION_SHORT_NAME);
    parts.push(`${count(headings.length, 'section')} changed (${names(headings)})`);
  }
  if (figures.added.length > 0) parts.push(`${count(figures.added.length, 'figure')} added`);
  if (figures.removed.length > 0) parts.push(`${count(figures.removed.length, 'figure')} removed`);
  if (figures.changed.length > 0) {
    const details = figures.changed.slice(0, MAX_FIGURE_DETAILS).map((c) => describeFigureChange(c.from, c.to));
    const more = figures.changed.length > MAX_FIGURE_DETAILS ? '; …' : '';
    parts.push(`${count(figures.changed.length, 'figure')} changed (${details.join('; ')}${more})`);
  }
  return parts.length === 0 ? 'no change' : parts.join('; ');
}

/**
 * What a first-capture report says of the page: how many headed sections and figures it has, and
 * its revision stamp. Three facts, not the document: a report header can then be read for a
 * whole pass in one query, without sending each version's document back (load-report-meta.ts).
 */
export interface PageFacts {
  /** Sections with a heading (the lead is not counted). */
  sections: number;
  figures: number;
  /** The page's revision stamp (`PageDocument.updated`). */
  updated: string | null;
}

/** The `PageFacts` of a document at hand. */
export function pageFactsOf(document: PageDocument): PageFacts {
  return { sections: document.sections.filter((s) => s.heading !== null).length, figures: document.figures.length, updated: document.updated };
}

/**
 * A first capture's line in a report: "first capture of France and North Korea: 5 sections, 25
 * figures" (headed sections only), or without counts when they are not at hand.
 */
export function summarizeFirstCapture(title: string, page: PageFacts | undefined): string {
  if (page === undefined) return `first capture of ${title}`;
  return `first capture of ${title}: ${count(page.sections, 'section')}, ${count(page.figures, 'figure')}`;
}

/** "EU humanitarian aid: €135.3 million → €142 million" (period noted when it moved). */
export function describeFigureChange(from: Figure, to: Figure): string {
  const fromPeriod = from.period ?? null;
  const toPeriod = to.period ?? null;
  const periods = fromPeriod !== toPeriod;
  const left = `${formatFigureValue(from)}${periods && fromPeriod !== null ? ` in ${fromPeriod}` : ''}`;
  const right = `${formatFigureValue(to)}${periods && toPeriod !== null ? ` in ${toPeriod}` : ''}`;
  return `${labelFigure(to)}: ${left} → ${right}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, MAX_NAMES).join(', ');
  return list.length > MAX_NAMES ? `${shown} and ${list.length - MAX_NAMES} more` : shown;
}
