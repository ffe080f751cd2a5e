/**
 * Text normalisation for everything extraction outputs.
 *
 * Only HTML's own whitespace (space, tab, LF, FF, CR) is collapsed, because that is what a
 * browser collapses when it renders the page. Non-breaking and narrow spaces (U+00A0, U+202F)
 * are characters the author typed on purpose — French typography puts them before ":" and
 * inside "120 500 km²" — so they are kept as they are inside a block and only trimmed at its
 * ends, where they carry no meaning.
 *
 * Control characters are removed first (issue 13): a browser shows none of them, and they are
 * poison downstream — PostgreSQL refuses a NUL in text and jsonb (one page's NUL failed the whole
 * pass), ESC sequences from a page (`&#27;]52;…`) reach terminals, and XML feeds may not carry
 * them. A lone surrogate (from `&#xD800;` decoded by hand, or a broken page) becomes U+FFFD:
 * jsonb refuses it too.
 */
import { stripControlCharacters } from '../text/strip-controls.ts';

const HTML_WHITESPACE_RUN = /[ \t\n\f\r]+/g;

const FORM_FEED_OR_CR = /[\f\r]/g;
const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * Removes control characters, and whole control strings such as an OSC 52 clipboard write
 * (`stripControlCharacters`; the renderers apply the stricter `stripControls`), keeping FF and CR as spaces (normalisation collapses them like any
 * whitespace), and replaces lone surrogates with U+FFFD.
 */
export function removeControlCharacters(text: string): string {
  return stripControlCharacters(text.replace(FORM_FEED_OR_CR, ' ')).replace(LONE_SURROGATE, '\uFFFD');
}

/** Removes control characters, collapses runs of HTML whitespace to one space and trims the ends. */
export function normalizeWhitespace(text: string): string {
  return removeControlCharacters(text).replace(HTML_WHITESPACE_RUN, ' ').trim();
}
