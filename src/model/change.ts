/**
 * What changed between two `PageDocument`s of the same source: what `diff` returns, the store
 * keeps as jsonb (`changes.change`), `factwatch diff --json` prints (docs/design.md, CLI
 * contract), and describe, report, notify and web put into words. Defined here rather than by
 * the diff so that every reader of a change depends on its shape, not on the code that makes it.
 */
import type { Figure } from './figure.ts';

/** One value before and after ("title: A → B"). */
export interface ValueChange<T> {
  from: T;
  to: T;
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

/** A section present in both revisions whose text changed. */
export interface SectionChange {
  /** The newer heading; null for the untitled lead section. */
  heading: string | null;
  hunks: Hunk[];
}

/**
 * A section whose heading changed over (nearly) the same text: paired by content, not by
 * heading. `hunks` is the word diff of what changed inside (empty when the text is the same).
 */
export interface SectionRename {
  from: string;
  to: string;
  hunks: Hunk[];
}

/**
 * A block (paragraph, list item) that left one section for another: a heading inserted above
 * unchanged text, a heading removed so its text joins the section before. `from` / `to` are the
 * headings it stood under (null: the untitled lead); `text` is the newer block, `hunks` its word
 * diff when it also changed on the way (empty when it moved as it was).
 */
export interface BlockMove {
  text: string;
  from: string | null;
  to: string | null;
  hunks: Hunk[];
}

/**
 * Sections added and removed (by heading), renamed, and those that changed; blocks that moved
 * between sections. `renamed` and `moved` are left out when empty — and are absent from changes
 * stored before they existed — so every reader takes them as `?? []`.
 */
export interface SectionChanges {
  added: string[];
  removed: string[];
  renamed?: SectionRename[];
  moved?: BlockMove[];
  changed: SectionChange[];
}

/** How a number moved between two revisions: `to − from`, and that over |from| (null when from is 0). */
export interface FigureDelta {
  absolute: number;
  relative: number | null;
}

/**
 * One figure in both revisions that says something else now. `delta` when both values are
 * numbers in the same unit; `matchedBy: 'context'` when the key did not survive the edit and the
 * figures were paired by their evidence instead (sentences, value, section, neighbours), with the
 * `confidence` (0–1) of that pairing; a pair matched by key has neither.
 */
export interface FigureChange {
  key: string;
  from: Figure;
  to: Figure;
  delta?: FigureDelta;
  matchedBy?: 'context';
  confidence?: number;
}

/** Figures added, removed and changed. */
export interface FigureChanges {
  added: Figure[];
  removed: Figure[];
  changed: FigureChange[];
}

/** What changed between two `PageDocument`s of the same source. */
export interface Change {
  /** Always filled, so a report can print the revision stamps even when they match. */
  updated: ValueChange<string | null>;
  /** Set when the page moved; null otherwise. */
  url: ValueChange<string | null> | null;
  title: ValueChange<string> | null;
  sections: SectionChanges;
  figures: FigureChanges;
}
