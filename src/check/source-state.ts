import type { ClaimedSource } from '../store/queries/leases.ts';
import type { VersionHead } from '../store/queries/versions.ts';

/**
 * What a pass knows about a source before it checks it — read in bulk by the pass (a claim, or
 * one read of the due rows) so a check needs no reads of its own to start, and handed to the
 * check as data: what a claim returns (leases.ts), or the same read from the due rows by hand, with
 * the head of the source's current version. `dueAt` is the slot served (null by hand).
 */
export interface SourceState extends Pick<ClaimedSource, 'dueAt' | 'etag' | 'lastModified' | 'failureStreak' | 'goneStreak' | 'goneAt' | 'shrinkHash' | 'shrinkSightings'> {
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
