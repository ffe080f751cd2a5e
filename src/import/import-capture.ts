/**
 * One archived capture through the judge a live check uses (judge-capture.ts) — content sanity,
 * extraction with its limits, hashing, comparison — then recorded into the history: the history
 * sink. What differs from a live check is only the recording: a capture may be older than what
 * is stored, so it is placed by time (`insertVersion`) instead of appended, it records no check,
 * and it notifies nobody (history is not news).
 */
import { FactwatchError } from '../app/errors.ts';
import { diffDocuments } from '../diff/diff-documents.ts';
import { isEmptyChange } from '../diff/is-empty-change.ts';
import { summarizeChange } from '../describe/summarize-change.ts';
import { hasContentRules, type ContentRules, type PageDocument, type PageReading } from '../model/index.ts';
import { isHtmlContentType, parseContentType } from '../fetch/decode-body.ts';
import type { Capture } from '../judge/capture.ts';
import type { PreviousVersion } from '../judge/judge-input.ts';
import { judgeInline } from '../judge/judge-inline.ts';
import { previousVersionOf } from '../judge/previous-version.ts';
import type { JudgePage } from '../judge/judge-pool.ts';
import type { Db } from '../store/db.ts';
import { insertVersion, type Comparison, type PlacedVersion } from '../store/queries/insert-version.ts';
import { versionAt } from '../store/queries/versions.ts';
import { loadRawBody } from '../store/raw-body.ts';

export type CaptureResult =
  | { outcome: 'imported' | 'identical'; placed: PlacedVersion }
  | { outcome: 'skipped'; reason: string };

/**
 * Shrunken content seen by the captures just before, per source — the import's own memory of
 * sightings in a row (captures are taken oldest first), as a live source keeps it on its row.
 */
export type ShrinkSightings = Map<string, { contentHash: string; sightings: number }>;

/**
 * Two documents are the same revision when the diff has nothing to report once the URL is set
 * aside. A live check treats a new URL as news ("page moved"); in an archive the same page is
 * captured under all its URLs (old and new, http and https) at once, and counting every
 * alternation as a revision would invent history.
 */
export function compareForImport(from: PageDocument, to: PageDocument): Comparison {
  const change = diffDocuments(from, to);
  return { change, summary: summarizeChange(change), same: isEmptyChange({ ...change, url: null }) };
}

/**
 * Judges and places one capture. A suspect capture (an archived captcha, maintenance or "access
 * denied" page, a truncated body, nesting too deep) is skipped with its reason — an archived
 * capture never changes, so it is not worth trying again. Throws a `FactwatchError` (not
 * retryable) when extraction fails or hits a limit: the ledger records it as failed.
 */
export async function importCapture(
  deps: { db: Db; judge?: JudgePage },
  source: { id: string; profile: string | null; reading?: PageReading; rules?: ContentRules },
  capture: Capture,
  shrink: ShrinkSightings = new Map(),
): Promise<CaptureResult> {
  if (!isHtmlContentType(parseContentType(capture.contentType))) {
    return { outcome: 'skipped', reason: `content type ${capture.contentType} is not HTML` };
  }
  if (capture.body.length === 0) return { outcome: 'skipped', reason: 'empty body' };
  const previous = await versionInForce(deps.db, source.id, capture, hasContentRules(source.rules));
  const seen = shrink.get(source.id) ?? null;
  const verdict = await (deps.judge ?? judgeInline)({
    capture: { url: capture.url, status: capture.status, rawHash: capture.rawHash, text: capture.text },
    previous,
    ctx: { profile: source.profile, reading: source.reading, rules: source.rules, urlMatters: false, shrink: seen },
  });
  if (verdict.kind === 'suspect' && verdict.contentHash !== null) {
    shrink.set(source.id, { contentHash: verdict.contentHash, sightings: seen?.contentHash === verdict.contentHash ? seen.sightings + 1 : 1 });
  } else {
    shrink.delete(source.id);
  }
  switch (verdict.kind) {
    case 'not_modified':
      return { outcome: 'skipped', reason: 'not a page (304)' };
    case 'suspect':
      return { outcome: 'skipped', reason: `suspect page (${verdict.rule}): ${verdict.reason}` };
    case 'failed':
      throw new FactwatchError(verdict.code, `${capture.url}: ${verdict.message}`, { retryable: false });
    case 'same_bytes':
    case 'same_content':
      // The version in force then: placing it again extends its span (`identical`).
      return place(deps.db, source.id, capture, previous!.document!, previous!.contentHash);
    case 'new':
    case 'changed':
      return place(deps.db, source.id, capture, verdict.document, verdict.contentHash);
  }
}

async function place(db: Db, sourceId: string, capture: Capture, document: PageDocument, contentHash: string): Promise<CaptureResult> {
  const placed = await insertVersion(db, {
    sourceId,
    document,
    contentHash,
    rawBody: capture.body,
    rawHash: capture.rawHash,
    url: capture.url,
    capturedAt: capture.capturedAt,
    compare: compareForImport,
    firstSummary: summarizeChange(null),
  });
  return { outcome: placed.kind === 'inserted' ? 'imported' : 'identical', placed };
}

/**
 * The version in force at the capture's time: what it is judged against (`previousVersionOf`; its
 * body's text too for a source with content rules: it may have been read under other rules).
 */
async function versionInForce(db: Db, sourceId: string, capture: Capture, withRules: boolean): Promise<PreviousVersion | null> {
  const v = await versionAt(db, sourceId, capture.capturedAt);
  return v ? previousVersionOf(v, capture.text, withRules, (id) => loadRawBody(db, id)) : null;
}
