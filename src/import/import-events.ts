/** What an import reports while it runs and when it ends (the CLI renders these). */

/**
 * `refused`: the archive's date for the capture cannot be true (in the future, before the web,
 * unreadable), so it is not placed in the history at all — and, being decided from the date
 * alone, not written to the ledger either.
 */
export type CaptureOutcome = 'imported' | 'identical' | 'skipped' | 'failed' | 'refused' | 'done_before';

export interface CaptureEvent {
  source: string;
  origin: 'wayback' | 'warc';
  /** The URL as the archive recorded it. */
  url: string;
  capturedAt: Date | null;
  outcome: CaptureOutcome;
  /** The version the capture now belongs to (its number at that moment); null when none. */
  version: number | null;
  /** Why it was skipped, failed or refused. */
  reason: string | null;
}

export interface ImportSummary {
  /** Captures listed by the archive (or found in the WARC) for the source(s). */
  seen: number;
  /** Became a new version. */
  imported: number;
  /** Same content as a version it now extends. */
  identical: number;
  /** Not a page: redirect, revisit of an unknown capture, empty body, not HTML. */
  skipped: number;
  failed: number;
  /** Dated after now (plus a day's skew), before 1990, or not readably dated. */
  refused: number;
  /** Already handled by an earlier run (the ledger): neither fetched nor stored again. */
  doneBefore: number;
  /**
   * Rows the archive listed for a URL of none of the source's URLs (its url, aliases, URL
   * history): not captures of this page, so not counted in `seen`, never fetched.
   */
  unrelated: number;
  /** Why the run may be incomplete without any capture failing (a CDX listing cut short …). */
  notes: string[];
}

export function emptySummary(): ImportSummary {
  return { seen: 0, imported: 0, identical: 0, skipped: 0, failed: 0, refused: 0, doneBefore: 0, unrelated: 0, notes: [] };
}

/** Adds one event to the running summary. */
export function countCapture(summary: ImportSummary, outcome: CaptureOutcome): void {
  summary.seen += 1;
  if (outcome === 'done_before') summary.doneBefore += 1;
  else summary[outcome] += 1;
}

export interface ImportObserver {
  /** The number of captures to go through, once known (null: streaming, unknown). */
  onStart?(total: number | null): void;
  onCapture?(event: CaptureEvent): void;
}
