/**
 * Which dollar a bare "$" or "dollars" means on a page: the publisher's, read from the host of
 * the page's URL. A Canadian ministry's "$30.9 billion" is Canadian dollars, an Australian
 * one's is Australian dollars; only a page with no clue (no URL, a .gov/.us host, any other
 * host) keeps the US dollar. Pure: the URL is given by the caller (extract-document.ts threads
 * it into `extractFigures`' options), never read from anywhere else.
 */

/** Host suffixes → the currency of a bare dollar (or franc) on that publisher's pages. */
const HOST_DOLLARS: ReadonlyArray<[suffix: string, currency: string]> = [
  ['gc.ca', 'CAD'], ['canada.ca', 'CAD'], ['.ca', 'CAD'],
  ['.au', 'AUD'],
  ['.nz', 'NZD'],
  ['admin.ch', 'CHF'], ['.ch', 'CHF'],
  ['.hk', 'HKD'], ['.sg', 'SGD'],
];

/**
 * The currency of a bare "$" on the page at `url`: CAD, AUD, NZD, CHF (where "$" is rare but a
 * bare "francs" is Swiss), … by the host's suffix; USD otherwise, and when the URL is missing or
 * unreadable.
 */
export function dollarCurrencyOf(url: string | null | undefined): string {
  if (url == null) return 'USD';
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/u, '');
  } catch {
    return 'USD';
  }
  for (const [suffix, currency] of HOST_DOLLARS) {
    if (host === suffix.replace(/^\./u, '') || host.endsWith(suffix.startsWith('.') ? suffix : `.${suffix}`)) return currency;
  }
  return 'USD';
}
