import type { VersionHead } from '../store/queries/versions.ts';

/**
 * What a pass knows about a source before it checks it — read in bulk by the pass (a claim, or
 * one read of the due rows) so a check needs no reads of its own to start, and handed to the
 * check as data.
 */
export interface SourceState {
  /** The schedule slot this check serves; recorded on the check row (unique per source). Null by hand. */
  dueAt: Date | null;
  /** Validators from the last good response. */
  etag: string | null;
  lastModified: string | null;
  failureStreak: number;
  goneStreak: number;
  goneAt: Date | null;
  /** The shrunken content the last checks refused, and how many in a row (see `JudgeContext.shrink`). */
  shrinkHash: string | null;
  shrinkSightings: number;
  /** The current version's head (null: none yet). */
  head: VersionHead | null;
  /** The claim this check runs under (null: a hand-run pass, no lease). */
  leaseToken: string | null;
}

/** The state of a source never checked: what a row that does not exist yet stands for. */
export const FIRST_CHECK: Omit<SourceState, 'head' | 'dueAt' | 'leaseToken'> = {
  etag: null,
  lastModified: null,
  failureStreak: 0,
  goneStreak: 0,
  goneAt: null,
  shrinkHash: null,
  shrinkSightings: 0,
};
