/**
 * A local stand-in for the Wayback Machine, speaking the formats of
 * snapshots/corpus/wayback/FORMATS.md: the CDX API (`output=json`, header row first, paging
 * with `showResumeKey` / `resumeKey`, `from` / `to`) and raw captures at `/web/<ts>id_/<url>`.
 * Like the real service it lists rows the importer must not take as pages (a 301, a revisit, an
 * empty body) whatever `filter` says. Faults are injected per request with `intercept`.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { revisionHtml } from '../helpers/snapshots.ts';

export const OLD_URL = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/';
export const NEW_URL = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea-65083/';
/** How the archive spells the old URL in early captures: http and an explicit port. */
export const OLD_URL_AS_CAPTURED = 'http://www.diplomatie.gouv.fr:80/en/country-files/north-korea/france-and-north-korea/';
export const EMPTY_DIGEST = '3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ';

export interface ArchivedCapture {
  timestamp: string;
  original: string;
  status: string;
  mimetype: string;
  /** null for rows that are listed but cannot be fetched as a page (redirects, revisits, empty). */
  body: string | null;
  digest: string;
}

/** Base32 (RFC 4648) SHA-1, as the archive writes payload digests. */
export function sha1Base32(body: string | Buffer): string {
  const bytes = createHash('sha1').update(body).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** The same revision with a rotating token and a generated-at line: different bytes, same page. */
export function noisy(html: string, n: number): string {
  return html
    .replace('</head>', `<meta name="csrf-token" content="tok-${n}-${n * 7919}"></head>`)
    .replace('</body>', `<footer><p>Page generated at request ${n}</p></footer></body>`);
}

function page(timestamp: string, original: string, body: string): ArchivedCapture {
  return { timestamp, original, status: '200', mimetype: 'text/html', body, digest: sha1Base32(body) };
}

/**
 * The North Korea page as the archive holds it: three revisions, several captures each, at
 * both of its URLs, plus the rows an importer must pass over. Expected versions:
 * 2017-07-05 (12 Jul 2017 … 15 Aug 2017), 2017-10-26 (30 Oct 2017 … 14 Feb 2018),
 * 2020-05 (12 Jun 2020 … 1 Jan 2021).
 */
export function northKoreaCaptures(): ArchivedCapture[] {
  const v1 = revisionHtml('2017-07-05');
  const v2 = revisionHtml('2017-10-26');
  const v3 = revisionHtml('2020-05');
  const first = page('20170712083000', OLD_URL_AS_CAPTURED, v1);
  return [
    first,
    page('20170815120000', OLD_URL, noisy(v1, 1)),
    { timestamp: '20170920100000', original: OLD_URL, status: '-', mimetype: 'warc/revisit', body: null, digest: first.digest },
    page('20171030091500', OLD_URL, v2),
    page('20180214070000', OLD_URL, noisy(v2, 2)),
    { timestamp: '20180601000000', original: OLD_URL, status: '200', mimetype: 'text/html', body: null, digest: EMPTY_DIGEST },
    { timestamp: '20190305000000', original: OLD_URL, status: '301', mimetype: 'text/html', body: null, digest: 'GSVHB5VB7ZU7ZWYTZ7KXAFFCSF2VM2NT' },
    page('20200612101010', NEW_URL, v3),
    page('20201103000000', NEW_URL, noisy(v3, 3)),
    // The old address still answered with the new page for a while.
    page('20210101000000', OLD_URL, noisy(v3, 4)),
  ];
}

export type Interceptor = (req: IncomingMessage, res: ServerResponse, kind: 'cdx' | 'capture') => boolean;

export interface ArchiveServer {
  /** `http://127.0.0.1:<port>`: pass as `--archive-url`. */
  url: string;
  /** Paths of raw-capture requests received, in order. */
  captureRequests(): string[];
  cdxRequests(): string[];
  /** Return true from the interceptor to answer the request yourself (fault injection). */
  intercept(fn: Interceptor | null): void;
  close(): Promise<void>;
}

function urlKey(raw: string): string {
  const u = new URL(raw);
  return `${u.hostname}${u.pathname.replace(/\/+$/, '')}`;
}

export async function startArchiveServer(captures: ArchivedCapture[] = northKoreaCaptures()): Promise<ArchiveServer> {
  let interceptor: Interceptor | null = null;
  const paths: string[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '/', 'http://archive.test');
    paths.push(req.url ?? '/');
    if (target.pathname === '/cdx/search/cdx') {
      if (interceptor?.(req, res, 'cdx')) return;
      return answerCdx(target.searchParams, res);
    }
    const m = /^\/web\/(\d{14})id_\/(.+)$/.exec(req.url ?? '');
    if (m) {
      if (interceptor?.(req, res, 'capture')) return;
      const capture = captures.find((c) => c.timestamp === m[1] && c.original === m[2] && c.body !== null);
      if (!capture) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not in archive');
      const iso = m[1]!.replace(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3T$4:$5:$6Z');
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'memento-datetime': new Date(iso).toUTCString(),
        link: `<${capture.original}>; rel="original"`,
      });
      return void res.end(capture.body);
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no route');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  function answerCdx(params: URLSearchParams, res: ServerResponse) {
    const url = params.get('url') ?? '';
    const limit = Number(params.get('limit') ?? '1000');
    const key = params.get('resumeKey');
    const offset = key ? Number(Buffer.from(key, 'base64url').toString()) : 0;
    const from = (params.get('from') ?? '').padEnd(14, '0');
    const to = (params.get('to') ?? '').padEnd(14, '9');
    const matching = captures
      .filter((c) => urlKey(c.original) === urlKey(url) && c.timestamp >= from && c.timestamp <= to)
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    if (matching.length === 0) return void res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    const rows: string[][] = [['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length']];
    for (const c of matching.slice(offset, offset + limit)) {
      // `length` is the compressed record size, not the body size: deliberately unrelated here.
      rows.push([`gouv,diplomatie)${new URL(c.original).pathname}`, c.timestamp, c.original, c.mimetype, c.status, c.digest, '4242']);
    }
    if (offset + limit < matching.length && params.get('showResumeKey') === 'true') {
      rows.push([], [Buffer.from(String(offset + limit)).toString('base64url')]);
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows));
  }

  return {
    url: `http://127.0.0.1:${port}`,
    captureRequests: () => paths.filter((p) => p.startsWith('/web/')),
    cdxRequests: () => paths.filter((p) => p.startsWith('/cdx/')),
    intercept: (fn) => void (interceptor = fn),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
