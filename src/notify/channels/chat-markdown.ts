import { escapeMarkdown, isWebUrl } from '../../report/escape.ts';
import type { NotificationMessage } from '../notification.ts';
import { fitLines } from '../message-text.ts';

/**
 * Page text for a Markdown chat (Discord, Mattermost): the report's Markdown escaping (no
 * emphasis, link, heading or bare URL can form), and no mention: an "@" before a name gets a
 * zero-width space, so `@everyone`, `@channel` or `@alice` in a page is shown, not a ping.
 */
export function chatMarkdown(text: string, opts: { entities?: boolean } = {}): string {
  return escapeMarkdown(text, opts).replace(/@(?=[\w.-])/gu, '@\u200b');
}

/**
 * A Markdown message for a chat service of `limit` characters: the source in bold and the
 * headline, the details as far as they fit, then `[page](url)` and `[change #42](review)`
 * links. Only http(s) URLs become links; the URL's parentheses are encoded so it cannot end early.
 */
export function chatMarkdownText(m: NotificationMessage, opts: { limit: number; entities?: boolean; wrapUrl?: (url: string) => string }): string {
  const md = (s: string) => chatMarkdown(s, { entities: opts.entities });
  const link = (label: string, url: string) => (isWebUrl(url) ? `[${md(label)}](${(opts.wrapUrl ?? ((u) => u))(linkTarget(url))})` : md(url));
  const page = link(m.page.title, m.page.url);
  const review = m.review ? (m.review.url ? link(m.review.label, m.review.url) : md(m.review.label)) : null;
  const head = [`**${md(m.source)}** — ${md(m.headline)}`];
  return fitLines(head, m.lines.map(md), [`${page}${review ? ` (${review})` : ''}`], opts.limit);
}

/** A URL as a Markdown link target: what would end `(…)` or `<…>` early is percent-encoded. */
function linkTarget(url: string): string {
  return new URL(url).href.replace(/[()<> ]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
