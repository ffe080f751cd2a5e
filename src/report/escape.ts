/**
 * Escaping for text that comes from a page. Everything taken from a fetched page is untrusted:
 * a section or figure may contain markup ("<script>…", `"><img onerror=…>`), and a report
 * must show it as text, never let it act.
 */
import { inertText } from './inert-text.ts';

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
 *
 * Bare URLs are defused too: GitHub, GitLab and markdown-it's linkify turn `https://…`,
 * `www.…` and `name@host` into live links with no brackets at all, so a page could put a
 * clickable phishing link into a report. Each goes into a code span, which no renderer links
 * and which still shows the address exactly as the page wrote it. (Backslash-escaping the colon,
 * `https\://`, is not enough: linkify and GFM's extension run on the text after escapes are
 * resolved in some renderers.)
 *
 * `entities: false` is for Markdown without HTML (Discord): there `&amp;` is shown as typed,
 * and a bare `&` starts nothing, so it stays as it is.
 */
export function escapeMarkdown(text: string, opts: { entities?: boolean } = {}): string {
  const entities = opts.entities ?? true;
  const folded = inertText(text).replace(/\s*\n\s*/gu, ' ');
  let out = '';
  let last = 0;
  for (const m of folded.matchAll(BARE_LINK)) {
    out += escapeInline(folded.slice(last, m.index), entities);
    out += codeSpan(m[0].replace(/\|/gu, '%7C'));
    last = m.index + m[0].length;
  }
  out += escapeInline(folded.slice(last), entities);
  // A line that would start a heading, a list or a rule: escape its mark. An ordered-list marker
  // ("1. ", "2)") is escaped at its "." or ")", since a backslash before a digit is no escape in
  // CommonMark and would show ("\3.3%"), and only when a space or the end follows: "3.3%" is no list.
  return out.replace(/^(\s*)([#+\-=])/u, '$1\\$2').replace(/^(\s*\d{1,9})([.)])(?=\s|$)/u, '$1\\$2');
}

/** What GFM's autolink extension and linkify-it would link: scheme://…, www.…, mailto:/xmpp:, e-mail addresses. */
const BARE_LINK = /(?:\b[a-z][a-z0-9+.-]{0,31}:\/\/|\bwww\.|\b(?:mailto|xmpp):)[^\s<>]*|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+/giu;

function escapeInline(text: string, entities: boolean): string {
  return text.replace(entities ? /[\\`*_[\]<>|~&]/gu : /[\\`*_[\]<>|~]/gu, (c) => (c === '&' ? '&amp;' : `\\${c}`));
}

/** `text` as an inline code span, fenced by more backticks than any run inside it. */
function codeSpan(text: string): string {
  const fence = '`'.repeat(Math.max(1, ...Array.from(text.matchAll(/`+/gu), (m) => m[0].length + 1)));
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
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
