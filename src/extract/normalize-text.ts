/**
 * Whitespace normalisation for extracted text.
 *
 * Only HTML's own whitespace (space, tab, LF, FF, CR) is collapsed, because that is what a
 * browser collapses when it renders the page. Non-breaking and narrow spaces (U+00A0, U+202F)
 * are characters the author typed on purpose — French typography puts them before ":" and
 * inside "120 500 km²" — so they are kept as they are inside a block and only trimmed at its
 * ends, where they carry no meaning.
 */
const HTML_WHITESPACE_RUN = /[ \t\n\f\r]+/g;

/** Collapses runs of HTML whitespace to one space and trims the ends. */
export function normalizeWhitespace(text: string): string {
  return text.replace(HTML_WHITESPACE_RUN, ' ').trim();
}
