import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { FetchError } from '../../src/app/errors.ts';
import { silentLogger } from '../../src/app/log.ts';
import { createHttpClient, defaultFetchSettings, type FetchSettings, type HttpClient } from '../../src/fetch/index.ts';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';

/**
 * The client against a real local HTTP server. Every test allows 127.0.0.0/8 (the guard itself
 * is tested in address-guard.test.ts) and injects `sleep`, so retries never wait for real.
 */

const NOW = new Date('2024-03-01T12:00:00Z');
let server: PageServer;
let client: HttpClient;
let sleeps: number[];

function makeClient(settings: Partial<FetchSettings> = {}): HttpClient {
  return createHttpClient(
    // robots.txt is tested in robots.test.ts; here it would add a request to every count.
    { allowNetworks: ['127.0.0.0/8'], robots: false, ...settings },
    {
      clock: new ManualClock(NOW),
      log: silentLogger(),
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
    },
  );
}

beforeEach(async () => {
  server = await startPageServer();
  sleeps = [];
  client = makeClient();
});

afterEach(async () => {
  await client.close();
  await server.close();
});

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof FetchError) return err;
    throw err;
  }
  throw new Error('expected the fetch to fail');
}

const PAGE = '<!doctype html><html><head><title>France and North Korea</title></head><body><p>Updated: 26 October 2017</p></body></html>';

describe('conditional requests', () => {
  it('sends If-None-Match from a previous ETag and returns not_modified on 304', async () => {
    server.setRoute('/page', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' }).end();
      } else {
        res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"' }).end(PAGE);
      }
    });
    const first = await client.fetchPage({ url: server.url('/page') });
    expect(first.kind).toBe('ok');
    expect(first.etag).toBe('"v1"');

    const second = await client.fetchPage({ url: server.url('/page'), etag: first.etag });
    expect(second).toMatchObject({ kind: 'not_modified', status: 304, etag: '"v1"', url: server.url('/page'), redirects: [] });
    expect(server.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
  });

  it('sends If-Modified-Since from a previous Last-Modified and keeps the validator on a bare 304', async () => {
    const lastModified = 'Thu, 26 Oct 2017 09:00:00 GMT';
    server.setRoute('/page', (req, res) => {
      if (req.headers['if-modified-since'] === lastModified) res.writeHead(304).end();
      else res.writeHead(200, { 'content-type': 'text/html', 'last-modified': lastModified }).end(PAGE);
    });
    const first = await client.fetchPage({ url: server.url('/page') });
    expect(first.lastModified).toBe(lastModified);
    const second = await client.fetchPage({ url: server.url('/page'), lastModified: first.lastModified });
    expect(second).toMatchObject({ kind: 'not_modified', lastModified, etag: null });
    expect(server.requests[1]?.headers['if-modified-since']).toBe(lastModified);
  });
});

describe('redirects', () => {
  it('follows a 301/302/308 chain, records every hop and returns the final URL', async () => {
    server.setRoute('/en/country-files/north-korea/france-and-north-korea/', { status: 301, headers: { location: '/step' } });
    server.setRoute('/step', { status: 302, headers: { location: server.url('/step2') } });
    server.setRoute('/step2', { status: 308, headers: { location: 'france-and-north-korea-65083/' } });
    server.setRoute('/france-and-north-korea-65083/', { body: PAGE, headers: { etag: '"final"' } });
    const requestedUrl = server.url('/en/country-files/north-korea/france-and-north-korea/');
    const result = await client.fetchPage({ url: requestedUrl });
    expect(result.kind).toBe('ok');
    expect(result.requestedUrl).toBe(requestedUrl);
    expect(result.url).toBe(server.url('/france-and-north-korea-65083/'));
    expect(result.redirects).toEqual([server.url('/step'), server.url('/step2'), server.url('/france-and-north-korea-65083/')]);
    expect(result.etag).toBe('"final"');
  });

  it('stops a redirect loop with too_many_redirects after maxRedirects hops', async () => {
    server.setRoute('/a', { status: 302, headers: { location: '/b' } });
    server.setRoute('/b', { status: 302, headers: { location: '/a' } });
    const err = await fetchError(client.fetchPage({ url: server.url('/a') }, { maxRedirects: 3 }));
    expect(err.code).toBe('too_many_redirects');
    expect(err.retryable).toBe(false);
    expect(server.requests).toHaveLength(4); // the first request and 3 followed redirects
  });

  it('refuses a redirect to a non-http scheme', async () => {
    server.setRoute('/evil', { status: 302, headers: { location: 'file:///etc/passwd' } });
    const err = await fetchError(client.fetchPage({ url: server.url('/evil') }));
    expect(err.code).toBe('blocked_url');
    expect(err.message).toContain('file:');
  });
});

describe('retries', () => {
  it('honours Retry-After (seconds) on 503 and succeeds on the next attempt', async () => {
    let calls = 0;
    server.setRoute('/busy', (_req, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(503, { 'retry-after': '1', 'content-type': 'text/html' }).end('busy');
      else res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    });
    const result = await client.fetchPage({ url: server.url('/busy') });
    expect(result.kind).toBe('ok');
    expect(sleeps).toEqual([1000]);
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After given as an HTTP date, against the injected clock', async () => {
    let calls = 0;
    server.setRoute('/later', (_req, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(429, { 'retry-after': new Date(NOW.getTime() + 3000).toUTCString() }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    });
    expect((await client.fetchPage({ url: server.url('/later') })).kind).toBe('ok');
    expect(sleeps).toEqual([3000]);
  });

  it('gives up at once when Retry-After is longer than it will wait, passing the delay on', async () => {
    server.setRoute('/closed', { status: 503, headers: { 'retry-after': '3600' } });
    const err = await fetchError(client.fetchPage({ url: server.url('/closed') }));
    expect(err).toMatchObject({ code: 'http_status', status: 503, retryable: true, retryAfterMs: 3_600_000 });
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('makes retries + 1 attempts on a persistent 500, backing off exponentially, then throws a retryable http_status', async () => {
    server.setRoute('/broken', { status: 500, body: 'oops' });
    const err = await fetchError(client.fetchPage({ url: server.url('/broken') }));
    expect(err).toMatchObject({ code: 'http_status', status: 500, retryable: true });
    expect(err.message).toContain(server.url('/broken'));
    expect(server.requests).toHaveLength(defaultFetchSettings.retries + 1);
    // random() = 0.5 → 3/4 of base·2^(n-1): 375, 750 for the default 500 ms base.
    expect(sleeps).toEqual([375, 750]);
  });

  it('does not retry a 404: it is gone', async () => {
    const err = await fetchError(client.fetchPage({ url: server.url('/nothing-here') }));
    expect(err).toMatchObject({ code: 'gone', status: 404, retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('treats 410 as gone as well', async () => {
    server.setRoute('/removed', { status: 410 });
    expect(await fetchError(client.fetchPage({ url: server.url('/removed') }))).toMatchObject({ code: 'gone', status: 410 });
  });

  it('does not retry other 4xx', async () => {
    server.setRoute('/forbidden', { status: 403 });
    const err = await fetchError(client.fetchPage({ url: server.url('/forbidden') }));
    expect(err).toMatchObject({ code: 'http_status', status: 403, retryable: false });
    expect(server.requests).toHaveLength(1);
  });
});

describe('size limits', () => {
  it('stops a body that never ends at maxBytes and drops the connection', async () => {
    let dropped!: () => void;
    const connectionDropped = new Promise<void>((resolve) => (dropped = resolve));
    server.setRoute('/forever', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.on('close', () => dropped());
      writeForever(res);
    });
    const err = await fetchError(client.fetchPage({ url: server.url('/forever') }, { maxBytes: 1024 * 1024 }));
    expect(err.code).toBe('too_large');
    expect(err.retryable).toBe(false);
    await connectionDropped; // resolves only if the client closed the connection
  });

  it('refuses a declared Content-Length over maxBytes without reading the body', async () => {
    server.setRoute('/big', { body: Buffer.alloc(4096, 0x61) });
    const err = await fetchError(client.fetchPage({ url: server.url('/big') }, { maxBytes: 1000 }));
    expect(err.code).toBe('too_large');
    expect(err.message).toContain('Content-Length 4096');
  });

  it('stops a gzip bomb on its DECOMPRESSED size', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(1024 * 1024); // small on the wire, so only decompressed size can trip
    server.setRoute('/bomb', { headers: { 'content-encoding': 'gzip' }, body: bomb });
    const err = await fetchError(client.fetchPage({ url: server.url('/bomb') }, { maxBytes: 1024 * 1024 }));
    expect(err.code).toBe('too_large');
    expect(err.message).toContain('decompressed');
  });
});

describe('content decoding', () => {
  it.each([
    ['gzip', zlib.gzipSync],
    ['x-gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['deflate', zlib.deflateRawSync], // what some servers wrongly send as "deflate"
    ['br', zlib.brotliCompressSync],
  ] as const)('decodes Content-Encoding %s (%#)', async (encoding, compress) => {
    server.setRoute('/z', { headers: { 'content-encoding': encoding }, body: compress(Buffer.from(PAGE)) });
    const result = await client.fetchPage({ url: server.url('/z') });
    if (result.kind !== 'ok') throw new Error('expected ok');
    expect(result.text).toBe(PAGE);
    expect(result.body.equals(Buffer.from(PAGE))).toBe(true);
    expect(server.requests[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('reports a corrupt gzip body as bad_encoding', async () => {
    server.setRoute('/corrupt', { headers: { 'content-encoding': 'gzip' }, body: Buffer.from('definitely not gzip') });
    const err = await fetchError(client.fetchPage({ url: server.url('/corrupt') }));
    expect(err.code).toBe('bad_encoding');
  });

  it('reports an unknown Content-Encoding as bad_encoding', async () => {
    server.setRoute('/zstd', { headers: { 'content-encoding': 'zstd' }, body: 'xx' });
    const err = await fetchError(client.fetchPage({ url: server.url('/zstd') }));
    expect(err.code).toBe('bad_encoding');
    expect(err.message).toContain('zstd');
  });
});

describe('charsets', () => {
  // A verbatim sentence from the French page, c. 2011, from the corpus
  // (http://www.diplomatie.gouv.fr/fr/spip.php?page=rubrique_imprim&id_rubrique=20508):
  // "é", "è" and the typographic apostrophe "’" (0x92 in windows-1252, absent from ISO-8859-1).
  const corpusLine = readFileSync(new URL('../../snapshots/corpus/diplomatie/north-korea/fr_c2011_TRUNCATED.txt', import.meta.url), 'utf8')
    .split('\n')
    .find((line) => line.startsWith('Les échanges commerciaux'))!;

  it('uses the corpus line it means to', () => {
    expect(corpusLine).toContain('7 millions d’euros en 2010');
  });

  it('decodes windows-1252 declared in the Content-Type header', async () => {
    const html = `<!doctype html><html><body><p>${corpusLine}</p></body></html>`;
    server.setRoute('/cp1252', { headers: { 'content-type': 'text/html; charset=windows-1252' }, body: encodeWindows1252(html) });
    const result = await client.fetchPage({ url: server.url('/cp1252') });
    if (result.kind !== 'ok') throw new Error('expected ok');
    expect(result.charset).toBe('windows-1252');
    expect(result.text).toContain(corpusLine);
    expect(result.text).toContain('échanges');
  });

  it('decodes windows-1252 declared only in <meta charset>', async () => {
    const html = `<!doctype html><html><head><meta charset="windows-1252"><title>Corée du Nord</title></head><body><p>${corpusLine}</p></body></html>`;
    server.setRoute('/meta', { headers: { 'content-type': 'text/html' }, body: encodeWindows1252(html) });
    const result = await client.fetchPage({ url: server.url('/meta') });
    if (result.kind !== 'ok') throw new Error('expected ok');
    expect(result.charset).toBe('windows-1252');
    expect(result.text).toContain('<title>Corée du Nord</title>');
    expect(result.text).toContain(corpusLine);
  });

  it('decodes ISO-8859-1 declared in <meta http-equiv="Content-Type"> with no Content-Type header at all', async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>Présentation</body></html>`;
    server.setRoute('/legacy', { headers: { 'content-type': null }, body: encodeWindows1252(html) });
    const result = await client.fetchPage({ url: server.url('/legacy') });
    if (result.kind !== 'ok') throw new Error('expected ok');
    expect(result.contentType).toBeNull();
    expect(result.text).toContain('Présentation');
  });

  it('falls back to UTF-8 on an unknown charset label, with a warning in the log', async () => {
    const logLines: string[] = [];
    const log = pino({ level: 'warn' }, new Writable({ write: (chunk, _enc, cb) => (logLines.push(String(chunk)), cb()) }));
    const c = createHttpClient({ allowNetworks: ['127.0.0.0/8'], robots: false }, { clock: new ManualClock(NOW), log });
    server.setRoute('/odd', { headers: { 'content-type': 'text/html; charset=x-klingon' }, body: '<p>Corée</p>' });
    try {
      const result = await c.fetchPage({ url: server.url('/odd') });
      if (result.kind !== 'ok') throw new Error('expected ok');
      expect(result.charset).toBe('utf-8');
      expect(result.text).toBe('<p>Corée</p>');
    } finally {
      await c.close();
    }
    const warning = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.label === 'x-klingon');
    expect(warning).toMatchObject({ level: 40, url: server.url('/odd'), used: 'utf-8' });
  });
});

describe('content types', () => {
  it.each(['application/json', 'text/plain; charset=utf-8', 'application/pdf', 'image/png'])('refuses %s as unsupported_content', async (type) => {
    server.setRoute('/x', { headers: { 'content-type': type }, body: '{"a":1}' });
    const err = await fetchError(client.fetchPage({ url: server.url('/x') }));
    expect(err.code).toBe('unsupported_content');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(type);
  });

  it.each(['text/html', 'TEXT/HTML; charset=UTF-8', 'application/xhtml+xml'])('accepts %s', async (type) => {
    server.setRoute('/x', { headers: { 'content-type': type }, body: PAGE });
    expect((await client.fetchPage({ url: server.url('/x') })).kind).toBe('ok');
  });
});

describe('timeouts and broken connections', () => {
  it('times out when the server never sends headers (retryable)', async () => {
    server.setRoute('/silent', () => {
      // never answer
    });
    const err = await fetchError(client.fetchPage({ url: server.url('/silent') }, { headersTimeoutMs: 200, retries: 0 }));
    expect(err.code).toBe('timeout');
    expect(err.retryable).toBe(true);
  });

  it('times out when the body stalls past bodyTimeoutMs', async () => {
    server.setRoute('/stall', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>start'); // and nothing more
    });
    const err = await fetchError(client.fetchPage({ url: server.url('/stall') }, { bodyTimeoutMs: 200, retries: 0 }));
    expect(err.code).toBe('timeout');
  });

  it('reports a connection reset mid-body as a retryable network error, and retries it', async () => {
    server.setRoute('/reset', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
      res.write('<p>partial', () => res.socket?.destroy());
    });
    const err = await fetchError(client.fetchPage({ url: server.url('/reset') }));
    expect(err.code).toBe('network');
    expect(err.retryable).toBe(true);
    expect(server.requests).toHaveLength(defaultFetchSettings.retries + 1);
  });

  it('reports a refused connection as network', async () => {
    const port = new URL(server.origin).port;
    await server.close();
    server = await startPageServer(); // keep afterEach happy; the old port is now closed
    const err = await fetchError(client.fetchPage({ url: `http://127.0.0.1:${port}/` }, { retries: 0 }));
    expect(err.code).toBe('network');
    expect(err.message).toContain('ECONNREFUSED');
  });
});

describe('requests', () => {
  it('sends the User-Agent, the default one or a per-request override', async () => {
    server.setRoute('/ua', { body: PAGE });
    await client.fetchPage({ url: server.url('/ua') });
    await client.fetchPage({ url: server.url('/ua') }, { userAgent: 'factwatch-test/9' });
    expect(server.requests.map((r) => r.headers['user-agent'])).toEqual([defaultFetchSettings.userAgent, 'factwatch-test/9']);
  });

  it.each(['file:///etc/passwd', 'ftp://ftp.example.org/pub/', 'javascript:alert(1)', 'not a url'])('refuses %s as blocked_url', async (url) => {
    const err = await fetchError(client.fetchPage({ url }));
    expect(err.code).toBe('blocked_url');
    expect(err.message).toContain(url);
  });

  it('returns status, content type, raw body, text and a duration', async () => {
    server.setRoute('/page', { headers: { 'content-type': 'text/html; charset=utf-8' }, body: PAGE });
    const result = await client.fetchPage({ url: server.url('/page') });
    expect(result).toMatchObject({ kind: 'ok', status: 200, contentType: 'text/html; charset=utf-8', charset: 'utf-8', text: PAGE, redirects: [] });
    if (result.kind !== 'ok') throw new Error('expected ok');
    expect(result.body.equals(Buffer.from(PAGE))).toBe(true);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('keeps at most perHost.concurrency requests in flight per host', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    server.setRoute('/slow', (_req, res) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      }, 30);
    });
    const c = makeClient({ perHost: { concurrency: 1, minDelayMs: 0 } });
    try {
      const results = await Promise.all([1, 2, 3].map(() => c.fetchPage({ url: server.url('/slow') })));
      expect(results.map((r) => r.kind)).toEqual(['ok', 'ok', 'ok']);
      expect(maxInFlight).toBe(1);
    } finally {
      await c.close();
    }
  });

  it('refuses to work after close()', async () => {
    await client.close();
    await expect(client.fetchPage({ url: server.url('/') })).rejects.toThrow(/closed/);
  });
});

/** Writes 64 KB chunks until the client goes away, respecting backpressure. */
function writeForever(res: ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  pump();
}

/**
 * windows-1252 encoder for the test texts, written out by hand so the test does not use the
 * decoder it checks: code points up to U+00FF map to the same byte, plus the few
 * windows-1252 extras the corpus uses.
 */
function encodeWindows1252(text: string): Buffer {
  const extras: Record<string, number> = { '’': 0x92, '‘': 0x91, '“': 0x93, '”': 0x94, '€': 0x80, '…': 0x85, 'œ': 0x9c, '–': 0x96 };
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code <= 0x7f || (code >= 0xa0 && code <= 0xff)) return code;
      const byte = extras[ch];
      if (byte === undefined) throw new Error(`no windows-1252 byte for ${ch}`);
      return byte;
    }),
  );
}
