import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** A mail the sink accepted: the envelope, the raw message, and how the session went. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
  /** The session was TLS (smtps, or upgraded by STARTTLS) when the message came. */
  secure: boolean;
}

export interface SmtpSink {
  port: number;
  mails: ReceivedMail[];
  /** Auth attempts seen, accepted or not: `user:pass`. */
  logins: string[];
  close(): Promise<void>;
}

/**
 * A self-signed certificate for `name`, made by openssl for this run (no key in the repository).
 * Returned as PEM: the channel under test trusts `cert` through `ChannelDeps.smtpCa`.
 */
export function makeCertificate(name: string): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fw-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${name}`, '-addext', `subjectAltName=DNS:${name}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An SMTP server on 127.0.0.1 (the nodemailer project's smtp-server) that keeps every mail it is
 * given. `credentials` are the one user:password it accepts; `options` pass through (`secure`,
 * `hideSTARTTLS`, a certificate).
 */
export async function startSmtpSink(credentials: { user: string; pass: string }, options: SMTPServerOptions = {}): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    // No reverse DNS of 127.0.0.1: a test never waits on a resolver.
    disableReverseLookup: true,
    ...options,
    onAuth(auth, _session, cb) {
      logins.push(`${auth.username}:${auth.password}`);
      if (auth.username === credentials.user && auth.password === credentials.pass) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
          secure: session.secure,
        });
        cb();
      });
    },
  });
  // A client that hangs up mid-handshake (a certificate it refused) is an error event here.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) decoded, as a mail reader shows them. */
export function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/gu, '?==?').replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/giu, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/gu, ' ').replace(/=([0-9A-F]{2})/giu, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

/** A raw mail's headers (unfolded, names lowercased) and its single body, decoded from quoted-printable or base64. */
export function readMail(raw: string): { headers: Map<string, string>; names: string[]; body: string } {
  const [head = '', ...rest] = raw.split(/\r\n\r\n/u);
  const lines = head.replace(/\r\n[ \t]+/gu, ' ').split('\r\n');
  const headers = new Map<string, string>();
  for (const l of lines) headers.set(l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim());
  let body = rest.join('\r\n\r\n');
  const encoding = headers.get('content-transfer-encoding') ?? '';
  if (/quoted-printable/iu.test(encoding)) {
    body = Buffer.from(body.replace(/=\r\n/gu, '').replace(/=([0-9A-F]{2})/giu, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  } else if (/base64/iu.test(encoding)) {
    body = Buffer.from(body, 'base64').toString('utf8');
  }
  return { headers, names: lines.map((l) => l.slice(0, l.indexOf(':')).toLowerCase()), body };
}
