/**
 * What a person typed where a page is expected: a host name and path without a scheme
 * ("www.example.org/page") is a URL they meant to give, so the answer can say
 * `https://www.example.org/page` instead of "no such file" or "not a URL".
 */

/** Looks like a host name and path typed without a scheme ("www.example.org/page", "example.org"). */
const HOST_LIKE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#]|$)/iu;

/** A "host" that is a file name ("page.html"): what a page saved to disk is called. */
const FILE_ENDINGS = /\.(?:html?|xhtml|php|aspx?|jsp|txt|xml|json|md|gz|warc)$/iu;

/** Whether `input` reads as a host (and path) with its `https://` left out, rather than a file name. */
export function looksLikeHostWithoutScheme(input: string): boolean {
  const host = /^[^/?#:]+/u.exec(input)?.[0] ?? '';
  return HOST_LIKE.test(input) && !FILE_ENDINGS.test(host);
}
