/**
 * One archived capture through the same stages as a live check — decode → extract → content
 * hash → compare → store — with the capture time as the version time. What differs from a
 * check is only the store step: a capture may be older than what is stored, so it is placed by
 * time (`insertVersion`) instead of appended, and it records no check and notifies nobody
 * (history is not news).
 */
import { createHash } from 'node:crypto';
import { FactwatchError } from '../app/errors.ts';
import { diffDocuments } from '../diff/diff-documents.ts';
import { isEmptyChange } from '../diff/is-empty-change.ts';
import { summarizeChange } from '../describe/summarize-change.ts';
import { hashDocument } from '../extract/content-hash.ts';
import { extractDocument } from '../extract/extract-document.ts';
import type { PageDocument } from '../model/index.ts';
import { decodeBody, isHtmlContentType, parseContentType } from '../fetch/decode-body.ts';
import type { Db } from '../store/open-database.ts';
import { insertVersion, type Comparison, type PlacedVersion } from '../store/queries/insert-version.ts';

export interface CaptureToPlace {
  /** The source's own spelling of the URL the capture was taken at. */
  url: string;
  capturedAt: Date;
  body: Buffer;
  contentType: string | null;
}

export type CaptureResult =
  | { outcome: 'imported' | 'identical'; placed: PlacedVersion }
  | { outcome: 'skipped'; reason: string };

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

/** Throws `ExtractionError` (not retryable) for a page that has no usable content. */
export async function importCapture(db: Db, source: { id: string; profile: string | null }, capture: CaptureToPlace): Promise<CaptureResult> {
  if (!isHtmlContentType(parseContentType(capture.contentType))) {
    return { outcome: 'skipped', reason: `content type ${capture.contentType} is not HTML` };
  }
  if (capture.body.length === 0) return { outcome: 'skipped', reason: 'empty body' };
  const { text } = decodeBody(capture.body, capture.contentType);
  let document: PageDocument;
  try {
    document = extractDocument(text, { url: capture.url, profile: source.profile ?? undefined });
  } catch (err) {
    if (err instanceof FactwatchError) throw err;
    throw new FactwatchError('extraction_failed', `${capture.url}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const placed = await insertVersion(db, {
    sourceId: source.id,
    document,
    contentHash: hashDocument(document),
    rawBody: capture.body,
    rawHash: createHash('sha256').update(capture.body).digest('hex'),
    url: capture.url,
    capturedAt: capture.capturedAt,
    compare: compareForImport,
    firstSummary: summarizeChange(null),
  });
  return { outcome: placed.kind === 'inserted' ? 'imported' : 'identical', placed };
}
