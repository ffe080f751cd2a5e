import { connect, isIP, type Socket } from 'node:net';
import { createTransport } from 'nodemailer';
import { parseSmtpUrl, type SmtpTarget } from '../../config/smtp-url.ts';
import { BlockedAddressError, checkUrlHost, createGuardedLookup, parseNetworks } from '../../fetch/address-guard.ts';
import { escapeHtml, isWebUrl } from '../../report/escape.ts';
import type { Channel, ChannelConfigOf, ChannelDeps } from '../channel.ts';
import { DeliveryError } from '../delivery-error.ts';
import { messageSubject, messageText, oneLine } from '../message-text.ts';
import type { Notification, NotificationMessage } from '../notification.ts';
import { blocked } from '../post-json.ts';

/** Characters of a server's complaint quoted in `last_error`. */
const QUOTED_CHARS = 200;

/**
 * E-mail over SMTP with nodemailer: one message per notification, plain text (and, with
 * `"html": true`, an HTML alternative built only from escaped text), subject
 * "factwatch: <source> — <summary>" with every line break and control character removed, so a
 * page cannot add a header (`Bcc:`) through its text.
 *
 * TLS: `smtps://` from the first byte, `smtp://` with STARTTLS required unless the URL says
 * `?requireTLS=false` (see `parseSmtpUrl`); certificates are verified against the server's name,
 * TLS 1.2 at least. The mail server passes the address guard with the channel's `allowNetworks`,
 * as webhook receivers do: the socket is ours (`getSocket`), opened through the guarded lookup,
 * so the address checked is the address connected to. One deadline covers the whole session.
 */
export function createEmailChannel(name: string, config: ChannelConfigOf<'email'>, deps: ChannelDeps): Channel {
  const parsed = parseSmtpUrl(config.smtp);
  // The config loader validated the URL already; a channel built without it still fails clearly.
  if ('problem' in parsed) throw new DeliveryError(`channel ${name}: smtp ${parsed.problem}`, { retryable: false });
  const target: SmtpTarget = parsed;
  const networks = parseNetworks(config.allowNetworks ?? []);
  const lookup = createGuardedLookup(networks, deps.resolve);
  const from = config.from ?? (target.user?.includes('@') ? target.user : 'factwatch@localhost');
  const secrets = [target.pass, target.user].filter((s): s is string => !!s);
  return {
    name,
    type: 'email',
    close: async () => {},
    async send(n) {
      if (isIP(target.host)) {
        try {
          checkUrlHost(new URL(`smtp://${target.host.includes(':') ? `[${target.host}]` : target.host}`), networks);
        } catch (err) {
          throw blocked(target.where, err);
        }
      }
      const transport = createTransport({
        host: target.host,
        port: target.port,
        secure: target.secure,
        requireTLS: target.requireTLS,
        ...(target.user ? { auth: { user: target.user, pass: target.pass ?? '' } } : {}),
        tls: { minVersion: 'TLSv1.2', servername: isIP(target.host) ? undefined : target.host, ...(deps.smtpCa ? { ca: deps.smtpCa } : {}) },
        connectionTimeout: deps.timeoutMs,
        greetingTimeout: deps.timeoutMs,
        socketTimeout: deps.timeoutMs,
        logger: false,
        debug: false,
        disableFileAccess: true,
        disableUrlAccess: true,
        getSocket: (_options, callback) => {
          let done = false;
          const socket: Socket = connect({ host: target.host, port: target.port, lookup });
          socket.once('connect', () => !done && ((done = true), callback(null, { connection: socket })));
          socket.once('error', (err) => !done && ((done = true), socket.destroy(), callback(err)));
        },
      });
      try {
        await transport.sendMail({ ...mailOf(n, config.html ?? false), from, to: config.to, signal: AbortSignal.timeout(deps.timeoutMs) });
      } catch (err) {
        throw smtpError(err, target.where, secrets, deps.timeoutMs);
      } finally {
        transport.close();
      }
    },
  };
}

/** The message's parts. `messageId` repeats on every attempt, so a mail system can drop repeats. */
function mailOf(n: Notification, html: boolean) {
  return {
    subject: messageSubject(n.message),
    text: messageText(n.message),
    ...(html ? { html: messageHtml(n.message) } : {}),
    messageId: `<factwatch-${n.key}-${n.deliveryId}@factwatch.invalid>`,
    headers: { 'X-Factwatch-Key': n.key },
  };
}

/** The HTML alternative: every piece of text escaped, links only to http(s) URLs. */
export function messageHtml(m: NotificationMessage): string {
  const link = (label: string, url: string) => (isWebUrl(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(oneLine(label))}</a>` : escapeHtml(url));
  const items = m.lines.map((l) => `<li>${escapeHtml(oneLine(l))}</li>`).join('');
  const review = m.review?.url ? `<p>Review: ${link(m.review.label, m.review.url)}</p>` : '';
  return [
    `<!doctype html><html><body>`,
    `<p><strong>${escapeHtml(oneLine(m.source))}</strong> — ${escapeHtml(oneLine(m.headline))}</p>`,
    items ? `<ul>${items}</ul>` : '',
    `<p>Page: ${link(m.page.title, m.page.url)}</p>`,
    review,
    `</body></html>`,
  ].join('');
}

/** Node's codes for a certificate that does not verify (wrong name, unknown CA, expired …). */
function isCertificateError(code: string | undefined): boolean {
  return !!code && (/^ERR_TLS_CERT/u.test(code) || /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/u.test(code));
}

/**
 * A failed session as a `DeliveryError`. The server's permanent refusals (5xx: unknown recipient,
 * bad credentials, no STARTTLS while it is required) and a certificate that does not verify are
 * configuration to fix, not retried; 4xx replies, network errors and timeouts are.
 */
function smtpError(err: unknown, where: string, secrets: readonly string[], timeoutMs: number): DeliveryError {
  if (err instanceof BlockedAddressError) return blocked(where, err);
  const e = err as { message?: string; code?: string; originalCode?: string; responseCode?: number; name?: string };
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.code === 'ETIMEDOUT') {
    return new DeliveryError(`${where}: timed out after ${timeoutMs} ms`, { retryable: true });
  }
  const text = secrets.reduce((t, s) => t.split(s).join('…'), oneLine(e.message ?? String(err))).slice(0, QUOTED_CHARS);
  const reply = typeof e.responseCode === 'number' ? e.responseCode : null;
  const permanent = reply !== null ? reply >= 500 : e.code === 'ETLS' || e.code === 'EAUTH' || e.code === 'EENVELOPE' || isCertificateError(e.originalCode ?? e.code);
  return new DeliveryError(`${where}: ${text}`, { retryable: !permanent, cause: err });
}
