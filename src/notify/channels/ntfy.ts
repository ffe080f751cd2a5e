import { isWebUrl } from '../../report/escape.ts';
import type { Channel, ChannelConfigOf, ChannelDeps } from '../channel.ts';
import type { NotificationMessage } from '../notification.ts';
import { fitLines, headerValue, linkLines, messageSubject, oneLine } from '../message-text.ts';
import { createHttpChannel } from './receiver.ts';

/** Bytes of a message body: ntfy turns a longer one into an attachment, or refuses it. */
const NTFY_BODY_BYTES = 4000;

/**
 * ntfy (`https://ntfy.sh/TOPIC` or a server of one's own): the plain text as the body, with
 * `Title`, `Click` (the review page, else the page) and `Tags` headers, and the token, if any,
 * as a bearer. ntfy reads the body as plain text unless told `Markdown: yes`, which it is not.
 */
export function createNtfyChannel(name: string, config: ChannelConfigOf<'ntfy'>, deps: ChannelDeps): Channel {
  return createHttpChannel(name, config, deps, (n) => {
    const request = ntfyRequest(n.message, n.kind);
    if (config.token) request.headers.Authorization = `Bearer ${config.token}`;
    return request;
  });
}

export function ntfyRequest(m: NotificationMessage, kind: string): { body: string; headers: Record<string, string> } {
  const click = m.review?.url ?? (isWebUrl(m.page.url) ? m.page.url : null);
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    Title: encodeHeader(messageSubject(m)),
    Tags: `factwatch,${kind}`,
    ...(click ? { Click: new URL(click).href } : {}),
  };
  let limit = NTFY_BODY_BYTES;
  let body: string;
  do {
    body = fitLines([], m.lines.map(oneLine), ['', ...linkLines(m)], limit);
    limit = Math.floor(limit * 0.75);
  } while (Buffer.byteLength(body) > NTFY_BODY_BYTES);
  return { body, headers };
}

/**
 * A header value as ASCII: one line (`headerValue`), and beyond ASCII an RFC 2047 encoded word,
 * which ntfy decodes — HTTP headers carry no UTF-8 of their own, and a raw byte beyond ASCII
 * would reach the server as Latin-1 mojibake.
 */
function encodeHeader(text: string): string {
  const value = headerValue(text, 200);
  return /^[\x20-\x7e]*$/u.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
