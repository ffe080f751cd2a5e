/**
 * What is wrong with an archive's bytes. Never retryable: reading the same file again gives
 * the same answer, so a run stops trying and says what it found.
 *
 * - `bad_warc`: the file is not WARC, or its framing is broken so that no record after the
 *   damage can be found (the whole import fails; records before the damage are kept).
 * - `truncated_record`: the file ends inside this record (a failed capture).
 * - `too_large`: this record's body, decoded, is over the fetch `maxBytes` (a failed capture).
 */
import { FactwatchError, type ArchiveCode } from '../app/errors.ts';

export class ArchiveError extends FactwatchError {
  declare readonly code: ArchiveCode;
  constructor(code: ArchiveCode, message: string, opts: { cause?: unknown } = {}) {
    super(code, message, { ...opts, retryable: false });
  }
}
