/**
 * The structure of a page as factwatch understands it: what `extract` produces, `diff` compares,
 * the store keeps as jsonb (`versions.document`) and `factwatch extract --json` prints.
 *
 * Plain JSON-serialisable objects on purpose — no class instances anywhere between the extractor
 * and the database — and defined here, not in `src/extract/`, so that the stages that only read
 * a document (diff, describe, store, report, web) do not depend on the extractor for its shape.
 */
import type { Figure } from './figure.ts';

/** One section of a page: a heading and the blocks (paragraphs, list items) beneath it. */
export interface Section {
  /** Heading text; null for content before the first heading. */
  heading: string | null;
  /** Heading level (2 for h2 …); 0 for the untitled lead section. */
  level: number;
  /** Paragraphs and list items, each whitespace-normalised, in page order. */
  blocks: string[];
  /** The blocks joined by blank lines: what `extract --json` shows as the section text. */
  text: string;
  /**
   * The blocks that are table cells, with the headers of their row and column, in page order:
   * a cell "€6.4 million" says nothing of itself, its row ("Exports") and column ("2017") do.
   * Absent when the section has no table. Not part of the content hash (the blocks are).
   */
  cells?: TableCell[];
  /**
   * The section's language when its text is clearly not in the page's (an English speech on a
   * German page): its figures are read in it. Absent when it is the page's.
   */
  language?: string;
}

/** A table cell's text (one of its section's blocks) and its row's and column's headers. */
export interface TableCell {
  text: string;
  row: string | null;
  column: string | null;
}

/** The structure of a page as factwatch understands it; the unit of comparison. */
export interface PageDocument {
  title: string;
  /** BCP 47 primary language ("en", "fr", "de"). */
  language: string;
  /** Declared revision stamp as "YYYY-MM-DD" or "YYYY-MM" (month precision), or null. */
  updated: string | null;
  /** The stamp as printed on the page ("Updated: 26 October 2017"), or null. */
  updatedText: string | null;
  /** URL the document was fetched from (final URL after redirects), or null for a file. */
  url: string | null;
  /**
   * Name of the profile that extracted it ("diplomatie-spip", "generic"): one of
   * `PROFILE_NAMES` when this version extracted it. A plain string because a stored document
   * keeps the name it was extracted with, whatever profiles exist today.
   */
  profile: string;
  sections: Section[];
  figures: Figure[];
}
