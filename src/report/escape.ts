/**
 * Escaping for text that comes from a page. Everything taken from a fetched page is untrusted:
 * a section or figure may contain markup ("<script>…", `"><img onerror=…>`), and a report
 * must show it as text, never let it act.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape for HTML text and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Escape for Markdown inline text (paragraphs, list items, table cells): backslash-escape the
 * characters that start emphasis, code, links, raw HTML or a table cell anywhere, plus the ones
 * that start a block (heading, list, quote) when they lead the text. Fewer escapes than "every
 * punctuation mark" keeps the raw Markdown readable; brackets and `<` are escaped, so no link,
 * image or tag can form. Newlines fold to spaces so a cell stays one line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*\n\s*/gu, ' ')
    .replace(/[\\`*_[\]<>|~&]/gu, (c) => (c === '&' ? '&amp;' : `\\${c}`))
    .replace(/^(\s*)([#+\-=]|\d+(?=[.)]))/u, '$1\\$2');
}

/** A code fence longer than any backtick run in `text`, so the text cannot close it. */
export function codeFence(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/gu), (m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Only http(s) URLs become links; anything else (javascript:, data:) stays plain text. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//iu.test(url);
}
