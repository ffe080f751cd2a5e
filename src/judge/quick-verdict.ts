/**
 * The verdicts decided from hashes alone, in a module of its own: the thread that fetches and
 * stores calls it for every page, and must not load the extraction stack (cheerio, chrono-node,
 * the recognisers — ~27 MB) that only the judge's threads need (issue 8, memory).
 */
import type { Capture } from './capture.ts';
import type { JudgeContext, PreviousVersion } from './judge-input.ts';
import type { Verdict } from './verdict.ts';

/** The verdicts decided from the hashes alone, or null when the page must be parsed. */
export function quickVerdict(
  capture: Pick<Capture, 'url' | 'status' | 'rawHash'>,
  previous: Omit<PreviousVersion, 'document' | 'rawEnding'> | null,
  ctx: Pick<JudgeContext, 'urlMatters'>,
): Extract<Verdict, { kind: 'not_modified' | 'same_bytes' }> | null {
  if (capture.status === 304) return { kind: 'not_modified', versionId: previous?.versionId ?? null };
  // Same bytes at a different URL is a move, which a live check reports.
  if (previous && previous.rawHash === capture.rawHash && (!ctx.urlMatters || previous.url === capture.url)) {
    return { kind: 'same_bytes', versionId: previous.versionId };
  }
  return null;
}
