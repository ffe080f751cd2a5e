import type { NewCheck } from '../store/types.ts';
import type { CheckResult } from './check-result.ts';

/** One check's result as the sink records it. */
export interface RecordedCheck {
  result: CheckResult;
  /** The check row to write; null when `storeVersion` wrote it with the version. */
  check: NewCheck | null;
  /** Validators to keep for the next request. */
  fetchState: { etag: string | null; lastModified: string | null };
  /** Shrunken content refused by this check, and its sightings in a row; null resets. */
  shrink: { contentHash: string; sightings: number } | null;
}
