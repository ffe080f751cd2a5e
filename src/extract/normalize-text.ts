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
const HTML_WHITESPACE_RUN = /[ \t\n\f\r]+/g;

/** C0 and C1 controls and DEL, except the HTML whitespace among them (tab, LF, FF, CR). */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * Removes C0/C1 control characters except tab, LF, FF and CR (which normalisation then
 * collapses like any whitespace), and replaces lone surrogates with U+FFFD.
 */
export function removeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** Removes control characters, collapses runs of HTML whitespace to one space and trims the ends. */
export function normalizeWhitespace(text: string): string {
  return removeControlCharacters(text).replace(HTML_WHITESPACE_RUN, ' ').trim();
}
