/**
 * Extraction as the judge runs it: the extractor with every limit a hostile page meets — the
 * nesting limit enforced by its streaming scan, and a cap on figures — and its failure turned
 * into a value instead of a throw, so it crosses a worker-thread boundary unchanged.
 */
import { FactwatchError, type FactwatchCode } from '../app/errors.ts';
import { hashDocument } from '../extract/content-hash.ts';
import { extractDocument } from '../extract/extract-document.ts';
import { NestingTooDeepError } from '../extract/scan-page.ts';
import type { ContentRules, PageDocument, PageReading } from '../model/index.ts';
import { MAX_NESTING_DEPTH, nestingSuspicion, type Suspicion } from './assess-page.ts';

/**
 * The most figures one page may hold. A real fact page has tens to a few hundred; a page of
 * repeated amounts has one per few characters (256 KB of "€1 " made 85,000, each with its
 * sentence), and every one would be a row, a diff entry and a line of a report.
 */
export const MAX_FIGURES = 5_000;

export type Extracted =
  | { kind: 'document'; document: PageDocument; contentHash: string }
  | { kind: 'suspect'; suspicion: Suspicion }
  /** Extraction threw or a limit was hit: its code and message (errors do not cross threads with their class). */
  | { kind: 'failed'; code: FactwatchCode; message: string };

/**
 * Extracts one page under the limits. The nesting rule is not a separate pass: the extractor's
 * streaming scan enforces it while tokenising (`maxDepth`), which was ~10% of a parse thread's
 * time as its own regex pass over the page (issue 8 profile).
 */
export function extractWithLimits(html: string, url: string, profile: string | null, reading: PageReading = {}, rules: ContentRules = {}): Extracted {
  try {
    const document = extractDocument(html, { url, profile: profile ?? undefined, maxDepth: MAX_NESTING_DEPTH, reading, rules });
    if (document.figures.length > MAX_FIGURES) {
      return { kind: 'failed', code: 'too_many_figures', message: `${document.figures.length} figures on one page (the limit is ${MAX_FIGURES}): not a fact page` };
    }
    return { kind: 'document', document, contentHash: hashDocument(document) };
  } catch (err) {
    if (err instanceof NestingTooDeepError) return { kind: 'suspect', suspicion: nestingSuspicion(`more than ${err.limit}`) };
    const code = err instanceof FactwatchError ? err.code : 'extraction_failed';
    return { kind: 'failed', code, message: err instanceof Error ? err.message : String(err) };
  }
}
