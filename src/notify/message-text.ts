import { stripControls } from '../text/strip-controls.ts';
import type { NotificationMessage } from './notification.ts';

/**
 * Plain-text forms of a notification message shared by the channels that send text (e-mail,
 * ntfy, Apprise, Teams): page text without control characters, one line per line, and header
 * values (a subject, a title) that can never carry a line break.
 */

/** Page text on one line: controls gone, line breaks of any kind folded to spaces. */
export function oneLine(text: string): string {
  return stripControls(text).replace(/[\s\u2028\u2029]+/gu, ' ').trim();
}

/**
 * A value for a header (a mail subject, an HTTP header): one line, at most `max` characters.
 * Every CR, LF and control character is gone, so page text cannot end the header and start
 * another one (`Bcc:` in a subject, a second HTTP header).
 */
export function headerValue(text: string, max: number): string {
  const chars = Array.from(oneLine(text));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** "factwatch: fr-kp — 2 figures changed", the subject or title of every message. */
export function messageSubject(m: NotificationMessage): string {
  return headerValue(`factwatch: ${m.source} — ${m.headline}`, 200);
}

/** The message as plain text: the details, then where the page and the review are. */
export function messageText(m: NotificationMessage): string {
  return [...m.lines.map(oneLine), '', ...linkLines(m)].join('\n').trim();
}

/** "Page: title <url>" and "Review: change #42 <url>" (when there is a review page). */
export function linkLines(m: NotificationMessage): string[] {
  const title = oneLine(m.page.title);
  const lines = [title === m.page.url ? `Page: ${m.page.url}` : `Page: ${title} <${m.page.url}>`];
  if (m.review?.url) lines.push(`Review: ${m.review.label} <${m.review.url}>`);
  return lines;
}

/**
 * `head`, as many of `body` as fit and `tail`, joined by newlines in at most `limit` characters
 * (a chat service's message limit): lines are dropped from the end of `body`, with a line saying
 * how many. Head and tail are short (a headline, a link); if even they do not fit, the text is cut.
 */
export function fitLines(head: readonly string[], body: readonly string[], tail: readonly string[], limit: number): string {
  const join = (lines: readonly string[]) => lines.join('\n');
  for (let kept = body.length; kept >= 0; kept--) {
    const dropped = body.length - kept;
    const more = dropped > 0 ? [`…and ${dropped} more line${dropped === 1 ? '' : 's'}`] : [];
    const text = join([...head, ...body.slice(0, kept), ...more, ...tail]);
    if (text.length <= limit) return text;
  }
  return `${join([...head, ...tail]).slice(0, limit - 1)}…`;
}
