/**
 * The `smtp` of an e-mail channel: `smtps://user:pass@host[:465]` (TLS from the first byte) or
 * `smtp://user:pass@host[:587]` (STARTTLS, required: a server that does not offer it gets no
 * password and no mail). `?requireTLS=false` lets an `smtp://` relay speak plain text when it
 * offers no STARTTLS — for a relay on the same machine or network only. Credentials are
 * percent-decoded. Read by the config validation and by the channel, so both agree.
 */
export interface SmtpTarget {
  host: string;
  port: number;
  /** TLS from the start (smtps), else STARTTLS. */
  secure: boolean;
  /** STARTTLS is required (every smtp:// unless `?requireTLS=false`). */
  requireTLS: boolean;
  user: string | null;
  pass: string | null;
  /** `smtp://host:port`, the name errors use: never the credentials. */
  where: string;
}

/** Reads an SMTP URL, or returns the reason it is not one (never quoting it: it holds a password). */
export function parseSmtpUrl(text: string): SmtpTarget | { problem: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'must be an smtp:// or smtps:// URL such as smtps://user:password@mail.example.org' };
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return { problem: 'must be an smtp:// or smtps:// URL' };
  if (url.hostname === '') return { problem: 'must name the mail server' };
  if (url.pathname !== '' && url.pathname !== '/') return { problem: 'must have no path' };
  const secure = url.protocol === 'smtps:';
  const params = [...url.searchParams.keys()];
  const unknown = params.filter((k) => k !== 'requireTLS');
  if (unknown.length) return { problem: `unknown parameter ${unknown.map((k) => `"${k}"`).join(', ')} (known: requireTLS=false)` };
  const requireParam = url.searchParams.get('requireTLS');
  if (requireParam !== null && requireParam !== 'false') return { problem: 'requireTLS may only be "false" (STARTTLS is required by default)' };
  if (secure && requireParam !== null) return { problem: 'requireTLS applies to smtp:// only (smtps:// is TLS from the start)' };
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let user: string | null;
  let pass: string | null;
  try {
    user = url.username === '' ? null : decodeURIComponent(url.username);
    pass = url.password === '' ? null : decodeURIComponent(url.password);
  } catch {
    return { problem: 'its user or password is not valid percent-encoding (write "@" as %40, ":" as %3A)' };
  }
  return { host, port, secure, requireTLS: !secure && requireParam === null, user, pass, where: `${url.protocol}//${url.host}` };
}
