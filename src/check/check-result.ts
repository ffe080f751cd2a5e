import type { FactwatchError } from '../app/errors.ts';
import type { CheckOutcome } from '../model/index.ts';

/** What one check did, for the pass that ran it: the rows are the sink's business. */
export interface CheckResult {
  sourceId: string;
  outcome: CheckOutcome;
  /**
   * Set when a new version was stored. Not its document nor its change: a pass may hold
   * thousands of results (a 100% changed pass of 1,000 pages kept ~40 MB of changes alive), and a
   * caller that wants them loads them by `versionId` or `changeId`.
   */
  stored: { versionId: number; seq: number; changeId: number } | null;
  finalUrl: string | null;
  error: FactwatchError | null;
  /**
   * The check ran under a lease that ran out or was taken over before it could store: nothing was
   * written, and the pass must not settle the source either (it belongs to another claim now).
   */
  leaseLost: boolean;
}
