import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { RouteHandler, RouteSpec } from './page-server.ts';

/**
 * Faults for the local page server (`startPageServer`, 127.0.0.1 only): each function returns a
 * route that misbehaves the way real servers do — resets, stalls, loops, bombs, lies about its
 * charset. Used by the fault matrix (test/faults/). Handlers never outlive the server:
 * `PageServer.close()` destroys their sockets, and every loop stops when its socket closes.
 */

/** A URL on 127.0.0.1 where nothing listens: connecting is refused at once. */
export async function closedPortUrl(path = '/'): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}${path}`;
}

/** Announces the whole body, sends `fraction` of it, then resets the connection. */
export function resetMidBody(body: string, fraction = 0.4): RouteHandler {
  return (_req, res) => {
    const bytes = Buffer.from(body);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(bytes.length) });
    res.write(bytes.subarray(0, Math.floor(bytes.length * fraction)), () => res.socket?.resetAndDestroy());
  };
}

/** Sends headers and the first bytes, then goes silent for `stallMs` (the client times out first). */
export function stallMidBody(body: string, stallMs: number): RouteHandler {
  return (_req, res) => {
    const bytes = Buffer.from(body);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(bytes.length) });
    res.write(bytes.subarray(0, 1024));
    const timer = setTimeout(() => res.end(bytes.subarray(1024)), stallMs);
    res.on('close', () => clearTimeout(timer));
  };
}

/** Answers `status` (with headers) the first `times` requests, then `then`. */
export function failTimes(times: number, failure: RouteSpec, then: RouteSpec): RouteHandler {
  let seen = 0;
  return (_req, res) => {
    const spec = seen++ < times ? failure : then;
    const body = spec.body ?? '';
    res.writeHead(spec.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...(spec.headers as Record<string, string>) });
    res.end(body);
  };
}

/** An endless HTML body without Content-Length; `sent()` tells how much went out before the client hung up. */
export function endlessBody(chunkBytes = 64 * 1024, limitBytes = 256 * 1024 * 1024): { handler: RouteHandler; sent: () => number } {
  let sent = 0;
  const chunk = Buffer.from(`<p>${'x'.repeat(chunkBytes - 8)}</p>\n`.slice(0, chunkBytes));
  const handler: RouteHandler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.write('<!doctype html><html><body>');
    const pump = (): void => {
      while (!res.destroyed && sent < limitBytes) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
  return { handler, sent: () => sent };
}

/** A small gzip that inflates to `inflatedBytes` of HTML-ish filler. */
export function gzipBomb(inflatedBytes: number): RouteSpec {
  const body = gzipSync(Buffer.concat([Buffer.from('<!doctype html><html><body><p>'), Buffer.alloc(inflatedBytes, 0x20)]), { level: 9 });
  return { body, headers: { 'content-encoding': 'gzip', 'content-type': 'text/html; charset=utf-8' } };
}

/** WHATWG index-windows-1252, 0x80–0x9F (the other bytes are Latin-1). */
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Encodes text as windows-1252, writing what it cannot hold as numeric character references —
 * exactly what an old SPIP site serving windows-1252 puts in its language menu.
 */
export function encodeWindows1252(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const high = HIGH.indexOf(ch);
    if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) out.push(cp);
    else if (high >= 0 && !(cp >= 0x80 && cp <= 0x9f)) out.push(0x80 + high);
    else for (const b of Buffer.from(`&#${cp};`, 'latin1')) out.push(b);
  }
  return Buffer.from(out);
}

/** A maintenance notice served with 200, in the site's language. */
export const MAINTENANCE_PAGE =
  '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Site en maintenance</title></head>' +
  '<body><h1>Maintenance en cours</h1><p>Le site France Diplomatie est temporairement indisponible. Merci de réessayer plus tard.</p></body></html>';

/** A bot-challenge interstitial served with 200. */
export const CAPTCHA_PAGE =
  '<!doctype html><html><head><title>Just a moment...</title></head><body><h1>Checking your browser before accessing the site</h1>' +
  '<div class="cf-turnstile" data-sitekey="x"></div><noscript>Enable JavaScript and cookies to continue</noscript></body></html>';

/** A WAF refusal served with 200. */
export const ACCESS_DENIED_PAGE =
  '<!doctype html><html><head><title>Request Rejected</title></head><body><h1>Access Denied</h1>' +
  '<p>The requested URL was rejected. Please consult with your administrator. Your support ID is: 1234567890.</p></body></html>';

/** `depth` nested divs around one paragraph (100,000 levels is ~1.1 MB). */
export function deeplyNested(depth: number): string {
  return `<!doctype html><html><head><title>Deep</title></head><body><main><h1>Deep</h1>${'<div>'.repeat(depth)}<p>Trade was €5 million in 2016.</p>${'</div>'.repeat(depth)}</main></body></html>`;
}

/** A page drowned in `<script>` blocks and `javascript:` links around real content. */
export function scriptFlood(html: string, scripts = 300): string {
  const junk = Array.from(
    { length: scripts },
    (_, i) => `<script>window.evil${i} = "alert(${i})"; document.write('<p>injected ${i}</p>');</script><a href="javascript:alert(${i})" onclick="alert(${i})"></a>`,
  ).join('\n');
  return html.replace(/<h2\b/i, `${junk}\n<h2`);
}
