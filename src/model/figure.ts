/**
 * A figure: a number a reader would track, with its meaning (docs/figures.md). Its kinds are one
 * `as const` list so that the type, the extractor's recognisers and the database's
 * `figures_kind_check` constraint (src/store/schema.ts) cannot disagree about what a kind is.
 */

/** Every kind of quantity a figure can be; decides how its value and unit are read and shown. */
export const FIGURE_KINDS = ['money', 'percent', 'rank', 'count', 'measure', 'date', 'year'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** Which way a printed change went ("down 3.3%", "+34,8%"). */
export type FigureDirection = 'up' | 'down';

/** A figure's value: a number, or an ISO date string ("2017-10-16", "2016-05") for `date`. */
export type FigureValue = number | string;

/** The period a figure speaks of ("2016", "1995-2015"), or null when the text gives none. */
export type FigurePeriod = string | null;

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
  /**
   * The series this figure belongs to: its key when it was first seen, carried from version to
   * version by the alignment — so a figure whose key text changes (a reworded sentence) keeps
   * its history, and `figures`, charts and CSV follow it. Set by the judge on every stored
   * version; absent on a document fresh from the extractor (the key then stands for it).
   */
  series?: string;
  kind: FigureKind;
  value: FigureValue;
  /** ISO 4217 currency for money, "%" for percent, "km²" etc. for measures; null when none. */
  unit: string | null;
  /** The text the figure was read from, verbatim ("€8.2 million"). */
  raw: string;
  /** Heading of the section the figure stands in (null before the first heading). */
  section: string | null;
  /** The sentence the figure stands in, whitespace-normalised. */
  sentence: string;
  period: FigurePeriod;
  /**
   * For a change ("down 3.3%", "+34,8%"): which way it went. `value` stays the number as printed
   * (3.3), so the direction must live somewhere a diff can see it. Absent for levels.
   */
  direction?: FigureDirection;
  /**
   * For a figure in a fact sheet's "label : value" row: the label ("Population", "PIB").
   * Absent in prose.
   */
  name?: string;
  /** Who the page says the figure comes from ("Banque Mondiale"), when a parenthesis names it. */
  source?: string;
  /** For a figure in a table cell: the headers of its row and column, as printed. Absent in prose. */
  cell?: { row: string | null; column: string | null };
  /**
   * For a share of a distribution ("quatre à Paris" of "six visites (quatre à Paris, deux à
   * Astana)"): where the share is, as printed ("à Paris"). What is counted was named before the
   * list; the place says where, not what — the diff and the labels read it from here.
   */
  place?: string;
}
