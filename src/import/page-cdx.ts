/**
 * One URL's CDX listing, page by page with resume keys, from an archive that may not be honest.
 *
 * Paging ends when the archive says so (a page without a resume key) — or when it cannot be
 * trusted to: a resume key it already sent (a loop), a run of empty pages that each hand back a
 * new key (an archive that never says "done"), a key too long to send back, or `maxPages`.
 * The rows read so far are kept, and `stopped` says why the listing may be incomplete so the
 * summary can tell the user instead of pretending the history is whole.
 */
import type { ArchiveClient } from './archive-client.ts';
import { buildCdxUrl, parseCdxPage, type CdxRow } from './cdx.ts';

/** Far more pages than any page's history needs (500 rows a page: half a million captures). */
export const MAX_CDX_PAGES = 1000;
/**
 * An archive may return an empty page with a resume key now and then (its limit counts rows
 * before its filters); this many in a row is an archive that will never say it is done.
 */
export const MAX_EMPTY_CDX_PAGES = 5;
/** Real resume keys are a SURT key and a timestamp; one longer than this is not sent back. */
export const MAX_RESUME_KEY_LENGTH = 8 * 1024;

export interface CdxListingQuery {
  archiveUrl: string;
  url: string;
  from?: string | undefined;
  to?: string | undefined;
  /** Rows per page. */
  limit: number;
  maxPages?: number;
  signal?: AbortSignal | undefined;
}

export interface CdxListing {
  rows: CdxRow[];
  /** Why paging stopped before the archive said it was done; null when it did. */
  stopped: string | null;
  pages: number;
}

export async function listCdxRows(archive: ArchiveClient, q: CdxListingQuery): Promise<CdxListing> {
  const maxPages = q.maxPages ?? MAX_CDX_PAGES;
  const rows: CdxRow[] = [];
  const keysSent = new Set<string>();
  let resumeKey: string | null = null;
  let emptyRun = 0;
  for (let pages = 1; ; pages += 1) {
    q.signal?.throwIfAborted();
    const cdxUrl = buildCdxUrl(q.archiveUrl, { url: q.url, from: q.from, to: q.to, limit: q.limit, resumeKey });
    const res = await archive.get(cdxUrl);
    const page = parseCdxPage(res.body.toString('utf8'), cdxUrl);
    for (const row of page.rows) rows.push(row);
    const next = page.resumeKey;
    const stop = (why: string): CdxListing => ({ rows, pages, stopped: `CDX paging stopped after ${pages} pages: ${why}` });
    if (next === null || next === '') return { rows, pages, stopped: null };
    if (next === resumeKey || keysSent.has(next)) return stop('the archive sent a resume key it had sent before (a loop)');
    emptyRun = page.rows.length === 0 ? emptyRun + 1 : 0;
    if (emptyRun >= MAX_EMPTY_CDX_PAGES) return stop(`${emptyRun} pages in a row had no rows, each with a new resume key`);
    if (next.length > MAX_RESUME_KEY_LENGTH) return stop(`the archive sent a resume key of ${next.length} characters`);
    if (pages >= maxPages) return stop(`${maxPages} pages is the most an import reads for one URL`);
    keysSent.add(next);
    resumeKey = next;
  }
}
