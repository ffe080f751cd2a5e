import { request, type Dispatcher } from 'undici';
import { checkUrlHost, type Network } from '../fetch/address-guard.ts';
import { FetchError } from '../app/errors.ts';
import { classifyFetchError } from '../fetch/classify-error.ts';
import { DeliveryError, isRetryableStatus } from './delivery-error.ts';

/**
 * How much of a receiver's reply is read. Only an error reply is read at all, and only to quote
 * its start in the delivery's `last_error`: a receiver answering 1.5 GB (on each of 8 retries)
 * must cost 4 KB, not the process's memory.
 */
export const MAX_REPLY_BYTES = 4096;

/** Characters of an error reply quoted in `last_error`. */
const QUOTED_REPLY_CHARS = 200;

/** Where a channel posts, and through what: an Agent whose connect-time lookup is the address guard. */
export interface Receiver {
  url: string;
  dispatcher: Dispatcher;
  /** The channel's own `allowNetworks`: literal IPs in `url` are checked against it before connecting. */
  networks: readonly Network[];
}

/**
 * POSTs a body and succeeds on 2xx. Receivers pass the address guard like page fetches do: a
 * channel URL is configuration, but so is a source URL, and a typo or a hostile DNS answer must
 * not make factwatch post change data to 169.254.169.254 or a database port on localhost. A
 * receiver on a private network or loopback is fine when its network is listed in the channel's
 * `allowNetworks`.
 *
 * Errors name only the receiver's origin (`https://hooks.slack.com`): a Slack or webhook URL is a
 * credential, and the message is stored in `deliveries.last_error`, printed by `deliveries` and
 * logged. The whole attempt — connect, headers, reading the reply — has one deadline.
 */
export async function postBody(receiver: Receiver, body: string, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  const url = new URL(receiver.url);
  const where = url.origin;
  const hide = (text: string) => hideUrl(text, url);
  try {
    checkUrlHost(url, receiver.networks);
  } catch (err) {
    throw blocked(where, err);
  }
  let status: number;
  let reply = '';
  try {
    const res = await request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'factwatch/0.1', ...headers },
      dispatcher: receiver.dispatcher,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = res.statusCode;
    if (status >= 200 && status < 300) await res.body.dump({ limit: MAX_REPLY_BYTES }).catch(() => undefined);
    else reply = await readReply(res.body, MAX_REPLY_BYTES);
  } catch (err) {
    const e = classifyFetchError(err, where);
    if (e.code === 'blocked_address') throw blocked(where, e);
    throw new DeliveryError(hide(e.message), { retryable: true });
  }
  if (status < 200 || status >= 300) {
    const quoted = hide(reply.replace(/\s+/gu, ' ').trim()).slice(0, QUOTED_REPLY_CHARS);
    throw new DeliveryError(`${where}: HTTP ${status}${quoted ? ` ${quoted}` : ''}`, { retryable: isRetryableStatus(status), status });
  }
}

/** At most `limit` bytes of a reply, as text; the rest is never read (the stream is destroyed). */
async function readReply(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) break;
    }
  } catch {
    // A reply cut short still says something; what arrived is enough for the message.
  } finally {
    body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/**
 * A refused address is configuration to fix, not a receiver to wait for: dead at once. The reason
 * is the guard's own (a `FetchError`'s detail has no URL in front), so the message names `where`
 * once and never the receiver's full URL.
 */
export function blocked(where: string, err: unknown): DeliveryError {
  const reason = err instanceof FetchError ? err.detail : err instanceof Error ? err.message : String(err);
  return new DeliveryError(`${where}: ${reason}; list the receiver's network in the channel's allowNetworks if it is meant`, {
    retryable: false,
  });
}

/**
 * Text (an undici message, a receiver's reply echoing the request) with the URL's credential
 * part — path and query, e.g. Slack's /services/T…/B…/secret — replaced by "…".
 */
function hideUrl(text: string, url: URL): string {
  let out = text.split(url.href).join(url.origin);
  const rest = `${url.pathname}${url.search}`;
  if (rest.length > 1) out = out.split(rest).join('/…');
  for (const part of url.pathname.split('/').filter((p) => p.length >= 12)) out = out.split(part).join('…');
  return out;
}
