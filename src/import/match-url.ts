/**
 * Matching archived URLs to a source. Archives record the URL as captured: `http://` where the
 * site is now `https://`, an explicit `:80`, a missing trailing slash. Two spellings that differ
 * only in these ways are the same page; anything else (path, query) is not.
 */

/** A comparison key: host (lowercase, no default port) + path (no trailing slash) + query. */
export function urlMatchKey(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const port = u.port === '' || u.port === '80' || u.port === '443' ? '' : `:${u.port}`;
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.hostname.toLowerCase()}${port}${path}${u.search}`;
}

/**
 * The source's own spelling of `raw` among `known` (current URL, aliases, URL history), or null
 * when `raw` is none of them. Versions store the source's spelling, so one page keeps one URL.
 */
export function matchKnownUrl(known: readonly string[], raw: string): string | null {
  const key = urlMatchKey(raw);
  if (key === null) return null;
  return known.find((k) => urlMatchKey(k) === key) ?? null;
}
