/**
 * What the judge is given: the capture as it reads it, the version it is judged against, and
 * what the source says about reading its pages. Apart from `judge-capture.ts` so
 * that the judge's helpers (`quickVerdict`), the pool and the sinks can name these shapes
 * without importing the judge itself (no import cycle, not even of types).
 */
import type { ContentRules, PageDocument, PageReading } from '../model/index.ts';
import type { Capture } from './capture.ts';

/** The version a capture is judged against: the current one for a live check, the one in force at the capture's time for an import. */
export interface PreviousVersion {
  versionId: number;
  url: string;
  rawHash: string;
  contentHash: string;
  /** Null in `quickVerdict`'s view, which needs only the hashes. */
  document: PageDocument | null;
  /** The end of its raw body (`rawEnding`), or null when unknown or not needed (`needsPreviousEnding`). */
  rawEnding: string | null;
  /**
   * Its raw body as text, given only for a source with content rules (`storedBodyText`): the
   * version may have been read under other rules (a rule added since), and is then read again
   * under the capture's, so both sides are compared under the same rules.
   */
  text?: string | null;
}

/** What the judge is told besides the capture and its predecessor. */
export interface JudgeContext {
  /** The source's extraction profile (null: detect). */
  profile: string | null;
  /**
   * Whether a new URL is news. A live check reports a moved page; in an archive the same page is
   * captured under all its URLs at once (http and https, old and new), and counting each
   * alternation as a revision would invent history.
   */
  urlMatters: boolean;
  /**
   * The shrunken content seen just before, and how many times in a row (data the sink keeps):
   * a page that really was cut down is accepted once it has been seen `SHRINK_CONFIRMATIONS` times.
   */
  shrink: { contentHash: string; sightings: number } | null;
  /** What the source's configuration says about reading its pages (language, bare-dollar currency); absent: all from the page. */
  reading?: PageReading;
  /** The source's content rules (`select`, `exclude`, `ignoreText`); absent: none. */
  rules?: ContentRules;
}

/** The capture as the judge reads it: without its bytes, which only the sink stores. */
export type JudgedCapture = Pick<Capture, 'url' | 'status' | 'rawHash' | 'text'>;
