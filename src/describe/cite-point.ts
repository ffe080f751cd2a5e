/**
 * A plain-text citation for a figure as factwatch saw it (issue 18, "citable evidence"):
 *
 *   France Diplomatie, 'France and North Korea', https://…/france-and-north-korea/, captured
 *   30 October 2017 06:00 UTC, sha256 5f1c…, as shown by factwatch
 *
 * What a reader needs to find the same text again and to check it is the same: who published
 * it, the page's title, where it was served from, when it was captured (UTC, to the minute), the
 * SHA-256 of the page as captured, and — for a version imported from the Internet Archive — the
 * archived capture. Pure: the caller gathers the evidence.
 */

/** Publishers named by the host their pages are served from; any other host names itself. */
const PUBLISHERS: ReadonlyArray<readonly [host: string, name: string]> = [['diplomatie.gouv.fr', 'France Diplomatie']];

export interface CitationEvidence {
  title: string;
  url: string;
  capturedAt: Date;
  /** The SHA-256 cited (hex). */
  sha256: string;
  /** The Internet Archive capture the version came from, when it was imported. */
  archiveUrl?: string | null;
}

/**
 * Who published a page, from its URL's host: a known publisher's name ("France Diplomatie" for
 * diplomatie.gouv.fr and its subdomains), else the host without "www." — never a guess from
 * the page's wording. Stored documents keep no site name, so the host is what there is.
 */
export function publisherOf(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'unknown publisher';
  }
  for (const [known, name] of PUBLISHERS) if (host === known || host.endsWith(`.${known}`)) return name;
  return host.replace(/^www\./u, '');
}

/** "30 October 2017 06:00 UTC": fixed English words and UTC, the same on every machine. */
export function citationTime(at: Date): string {
  const day = at.toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  return `${day} ${at.toISOString().slice(11, 16)} UTC`;
}

export function citePoint(e: CitationEvidence): string {
  const title = e.title.trim() === '' ? 'untitled page' : `'${e.title.trim().replace(/\s+/gu, ' ')}'`;
  const archived = e.archiveUrl ? ` (Internet Archive capture ${e.archiveUrl})` : '';
  return `${publisherOf(e.url)}, ${title}, ${e.url}, captured ${citationTime(e.capturedAt)}${archived}, sha256 ${e.sha256}, as shown by factwatch`;
}
