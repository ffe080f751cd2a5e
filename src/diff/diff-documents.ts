import type { Change, PageDocument } from '../model/index.ts';
import { alignFigures, type FigurePairs } from './align-figures.ts';
import { alignSections } from './align-sections.ts';
import type { WordDiffBounds } from './bounded-word-diff.ts';
import { collapseWhitespace } from '../text/collapse-whitespace.ts';

/**
 * What changed between two captures of one page — pure data in, data out.
 *
 * - `updated` is always filled, so a report can print the revision stamps even when they match.
 * - `url` is set when both documents know their URL and the URLs differ (the page moved). A
 *   document read from a file has no URL; "unknown → known" is not a move.
 * - `title` is set when the titles differ beyond whitespace.
 * - Sections and figures: see `alignSections` and `alignFigures`.
 *
 * `bounds` limits the word diff inside changed sections (defaults suit whole pages); `figurePairs`
 * is the figures' alignment when the caller computed it already (`pairFigures`, for series).
 */
export function diffDocuments(from: PageDocument, to: PageDocument, bounds?: WordDiffBounds, figurePairs?: FigurePairs): Change {
  const urlChanged = from.url !== null && to.url !== null && from.url !== to.url;
  const titleChanged = collapseWhitespace(from.title) !== collapseWhitespace(to.title);
  return {
    updated: { from: from.updated, to: to.updated },
    url: urlChanged ? { from: from.url, to: to.url } : null,
    title: titleChanged ? { from: from.title, to: to.title } : null,
    sections: alignSections(from, to, bounds),
    figures: figurePairs ? alignFigures(from.figures, to.figures, figurePairs) : alignFigures(from.figures, to.figures),
  };
}
