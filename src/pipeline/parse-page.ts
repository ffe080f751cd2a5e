/**
 * The CPU-heavy middle of a check, as one pure function of plain data: judge the markup, extract
 * the document, hash its content. Pure and structured-clone friendly on purpose, so it runs the
 * same inline or on a worker thread (`parse-pool.ts`) when a pass has many pages to parse.
 */
import { FactwatchError } from '../app/errors.ts';
import { hashDocument } from '../extract/content-hash.ts';
import { extractDocument } from '../extract/extract-document.ts';
import { NestingTooDeepError } from '../extract/scan-page.ts';
import type { PageDocument } from '../model/index.ts';
import { assessMarkup, MAX_NESTING_DEPTH, nestingSuspicion, type PreviousPage, type Suspicion } from './assess-page.ts';

export interface ParsePageInput {
  html: string;
  url: string;
  profile: string | null;
  previous: PreviousPage | null;
}

export type ParsePageOutput =
  | { kind: 'suspect'; suspicion: Suspicion }
  | { kind: 'document'; document: PageDocument; contentHash: string }
  /** Extraction threw: its code and message (errors do not cross threads with their class). */
  | { kind: 'failed'; code: string; message: string };

/**
 * The most figures one page may hold. A real fact page has tens to a few hundred; a page of
 * repeated amounts has one per few characters (256 KB of "€1 " made 85,000, each with its
 * sentence), and every one would be a row, a diff entry and a line of a report.
 */
export const MAX_FIGURES = 5_000;

/** Parses a page however it is run: the signature `checkSource` depends on. */
export type ParsePage = (input: ParsePageInput) => Promise<ParsePageOutput>;

/**
 * Judges and extracts one page. The nesting rule is not a separate pass here: the extractor's
 * streaming scan enforces it while tokenising (`maxDepth`), which was ~10% of a parse thread's
 * time as its own regex pass over the page (issue 8 profile).
 */
export function parsePage(input: ParsePageInput): ParsePageOutput {
  const suspicion = assessMarkup(input.html, input.previous);
  if (suspicion) return { kind: 'suspect', suspicion };
  try {
    const document = extractDocument(input.html, { url: input.url, profile: input.profile ?? undefined, maxDepth: MAX_NESTING_DEPTH });
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

/** The inline runner: what a check uses unless it is given a pool. */
export const parsePageInline: ParsePage = async (input) => parsePage(input);
