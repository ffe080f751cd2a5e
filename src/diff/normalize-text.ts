/**
 * Text normalisation used to decide what counts as "the same" between two revisions.
 *
 * Editors retype headings ("Political relations" → "Political Relations"), swap typographic
 * apostrophes and collapse spaces; none of that is a change a reader cares about, so alignment
 * and equality are decided on these normalised forms while reports still show the page's text.
 */
import { collapseWhitespace } from '../text/collapse-whitespace.ts';

/**
 * The alignment key of a heading: NFKC, case-folded, whitespace-collapsed, typographic quotes
 * and dashes unified. `null` (the untitled lead section) keeps its own key.
 */
export function normalizeHeading(heading: string | null): string {
  if (heading === null) return '\u0000lead';
  return collapseWhitespace(
    heading
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc]/gu, "'")
      .replace(/[\u201c\u201d\u00ab\u00bb]/gu, '"')
      .replace(/[\u2010-\u2015]/gu, '-'),
  ).replace(/\s*[:.]$/u, '');
}

/** Split text into whitespace-delimited words ("€8.2", "2016)." stay whole). */
export function splitWords(text: string): string[] {
  const collapsed = collapseWhitespace(text);
  return collapsed === '' ? [] : collapsed.split(' ');
}
