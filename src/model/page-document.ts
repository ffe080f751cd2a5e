/**
 * The data shapes that flow through the pipeline: what `extract` produces and `diff` consumes.
 *
 * They are plain JSON-serialisable objects on purpose: a `PageDocument` is stored as jsonb in
 * `versions.document`, printed by `factwatch extract --json`, and compared by `diff` without any
 * class instances in between.
 */

/** What kind of quantity a figure is; decides how its value and unit are read. */
export type FigureKind = 'money' | 'percent' | 'rank' | 'count' | 'measure' | 'date' | 'year';

/**
 * A number a reader would track, with its meaning.
 *
 * `key` is derived from the figure's meaning (kind + the words around it, numbers and years
 * left out: "money/north-korea-significant"), never from its position, so that the same figure
 * keeps its key across revisions even when its value changes or its paragraph moves; the section
 * only tells apart figures that would otherwise share a key (see extract/figures/make-key.ts).
 */
export interface Figure {
  key: string;
  kind: FigureKind;
  /** A number, or an ISO date string ("2017-10-16", "2016-05") for `date`. */
  value: number | string;
  /** ISO 4217 currency for money, "%" for percent, "km²" etc. for measures; null when none. */
  unit: string | null;
  /** The text the figure was read from, verbatim ("€8.2 million"). */
  raw: string;
  /** Heading of the section the figure stands in (null before the first heading). */
  section: string | null;
  /** The sentence the figure stands in, whitespace-normalised. */
  sentence: string;
  /** The period the figure speaks of ("2016", "1995-2015"), when the text gives one. */
  period: string | null;
  /**
   * For a change ("down 3.3%", "+34,8%"): which way it went. `value` stays the number as printed
   * (3.3), so the direction must live somewhere a diff can see it. Absent for levels.
   */
  direction?: 'up' | 'down';
  /**
   * For a figure in a fact sheet's "label : value" row: the label ("Population", "PIB").
   * Absent in prose.
   */
  name?: string;
  /** Who the page says the figure comes from ("Banque Mondiale"), when a parenthesis names it. */
  source?: string;
}

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
  /** Name of the profile that extracted it ("diplomatie-spip", "generic"). */
  profile: string;
  sections: Section[];
  figures: Figure[];
}

/** A word-level difference inside a changed section, with a little context on either side. */
export interface Hunk {
  /** Unchanged words just before the change (may be empty). */
  before: string;
  /** Words present only in the old text. */
  removed: string;
  /** Words present only in the new text. */
  added: string;
  /** Unchanged words just after the change (may be empty). */
  after: string;
}

/** How a number moved between two revisions: `to − from`, and that over |from| (null when from is 0). */
export interface FigureDelta {
  absolute: number;
  relative: number | null;
}

/** What changed between two `PageDocument`s of the same source. */
export interface Change {
  updated: { from: string | null; to: string | null };
  url: { from: string | null; to: string | null } | null;
  title: { from: string; to: string } | null;
  sections: {
    added: string[];
    removed: string[];
    changed: Array<{ heading: string | null; hunks: Hunk[] }>;
  };
  figures: {
    added: Figure[];
    removed: Figure[];
    /**
     * `delta` when both values are numbers in the same unit; `matchedBy: 'context'` when the
     * key did not survive the edit and the figures were paired by their sentences instead.
     */
    changed: Array<{ key: string; from: Figure; to: Figure; delta?: FigureDelta; matchedBy?: 'context' }>;
  };
}
