/**
 * The benchmark's page server, run in its own process (`node dist/bench/lib/page-server.js`)
 * so that serving pages never competes with the code under test for the same event loop.
 *
 * It serves N realistic pages at `/p/<i>`: the recorded "France and North Korea" markup (75 KB,
 * with navigation, scripts and footer), with the page's money figures varied per page and per
 * revision so no two pages are alike. Each page has a revision number; the bench moves it with
 * control requests, so every scenario knows exactly which pages changed:
 *
 *   POST /_control/mode?noisy=1&etag=1      rotating token + timestamp in the chrome; ETag/304
 *   POST /_control/change?fraction=0.05&seed=7   bump the revision of that fraction of pages;
 *                                             answers the changed page numbers as JSON
 *   POST /_control/bump?i=42                 bump one page's revision
 *   GET  /_control/stats                      requests served by status
 *
 * `DISTINCT=n` (env) makes page i look like page i mod n (same figures), so a large set of
 * sources can be seeded from the versions of a small one without parsing every page.
 *
 * `ADDRESSES=n` (env) listens on the same port at 127.0.0.1 … 127.0.0.n (Linux routes the whole
 * of 127.0.0.0/8 to loopback), so a client sees n hosts, each with its own per-host connection
 * limit and robots.txt, as it would on n real sites.
 *
 * Pages are assembled from pre-split chunks per request (a concat of ~20 buffers), so the server
 * stays far cheaper than any client it serves. Prints `{"port":…}` on stdout when listening.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { packagePath } from '../../src/app/package-path.ts';

const TEMPLATE = readFileSync(packagePath('snapshots', 'html', 'france-north-korea_2017-10-26.html'), 'utf8');

/** The template cut around each "X million" figure of the article, whose number is varied. */
const { chunks, baseValues } = splitTemplate(TEMPLATE);

const DISTINCT = Number(process.env.DISTINCT ?? 0) || Number.MAX_SAFE_INTEGER;
let noisy = false;
let etags = false;
const revisions = new Map<number, number>();
const served: Record<string, number> = {};
let noiseCounter = 0;

function splitTemplate(html: string): { chunks: Buffer[]; baseValues: number[] } {
  const out: Buffer[] = [];
  const values: number[] = [];
  const re = /(\d+(?:\.\d+)?)( million)/g;
  let last = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    out.push(Buffer.from(html.slice(last, m.index)));
    values.push(Number(m[1]));
    last = m.index + m[1]!.length;
  }
  out.push(Buffer.from(html.slice(last)));
  return { chunks: out, baseValues: values };
}

/** A figure value for page `i`, revision `rev`, figure `k`: deterministic, distinct per page. */
function figureValue(i: number, rev: number, k: number): string {
  const base = baseValues[k]!;
  const v = base + ((revisionKey(i) * 7919 + k * 131) % 9973) / 100 + rev * 0.1 * ((k % 3) + 1);
  return v.toFixed(1);
}

function renderPage(i: number): Buffer {
  const rev = revisions.get(revisionKey(i)) ?? 0;
  const parts: Buffer[] = [];
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k]!;
    const last = k === chunks.length - 1;
    if (noisy && (k === 0 || last)) {
      // A rotating token in the head and a timestamp in the footer: bytes differ, content does not.
      const tag = k === 0 ? '</head>' : '</body>';
      const noise = k === 0 ? `<meta name="csrf-token" content="tok-${++noiseCounter}-${Date.now()}">` : `<footer><p>Page generated at ${new Date().toISOString()}, request ${noiseCounter}</p></footer>`;
      const at = chunk.indexOf(tag);
      parts.push(chunk.subarray(0, at), Buffer.from(noise), chunk.subarray(at));
    } else {
      parts.push(chunk);
    }
    if (!last) parts.push(Buffer.from(figureValue(i, rev, k)));
  }
  return Buffer.concat(parts);
}

function etagOf(i: number): string {
  return `"p${i}-r${revisions.get(revisionKey(i)) ?? 0}"`;
}

/**
 * Whose revision a page shows: page i mod DISTINCT's, so the copies of a page change with it;
 * pages from 1,000,000 on (single pages such as the history scenario's) are their own.
 */
function revisionKey(i: number): number {
  return i >= 1_000_000 ? i : i % DISTINCT;
}

/** Deterministic choice of `fraction` of `n` pages for a seed (a Fisher–Yates prefix). */
function choosePages(n: number, fraction: number, seed: number): number[] {
  const ids = Array.from({ length: n }, (_, i) => i);
  const count = Math.round(n * fraction);
  let x = seed * 2654435761;
  for (let j = 0; j < count; j++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const pick = j + (x % (n - j));
    [ids[j], ids[pick]] = [ids[pick]!, ids[j]!];
  }
  return ids.slice(0, count).sort((a, b) => a - b);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const count = (status: number) => (served[status] = (served[status] ?? 0) + 1);
  if (url.pathname === '/robots.txt') {
    res.writeHead(404).end();
    return;
  }
  if (url.pathname === '/_control/mode') {
    noisy = url.searchParams.get('noisy') === '1';
    etags = url.searchParams.get('etag') === '1';
    res.writeHead(204).end();
    return;
  }
  if (url.pathname === '/_control/change') {
    const n = Number(url.searchParams.get('n'));
    const changed = choosePages(n, Number(url.searchParams.get('fraction')), Number(url.searchParams.get('seed') ?? 1));
    for (const i of changed) revisions.set(revisionKey(i), (revisions.get(revisionKey(i)) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(changed));
    return;
  }
  if (url.pathname === '/_control/bump') {
    const i = Number(url.searchParams.get('i'));
    revisions.set(revisionKey(i), (revisions.get(revisionKey(i)) ?? 0) + 1);
    res.writeHead(204).end();
    return;
  }
  if (url.pathname === '/_control/stats') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served));
    for (const k of Object.keys(served)) delete served[k];
    return;
  }
  const m = /^\/p\/(\d+)$/.exec(url.pathname);
  if (!m) {
    count(404);
    res.writeHead(404).end();
    return;
  }
  const i = Number(m[1]);
  if (etags && req.headers['if-none-match'] === etagOf(i)) {
    count(304);
    res.writeHead(304, { etag: etagOf(i) }).end();
    return;
  }
  const body = renderPage(i);
  count(200);
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    ...(etags ? { etag: etagOf(i) } : {}),
  });
  res.end(body);
}

function listen(port: number, host: string): Promise<Server> {
  const server = createServer(handle);
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

const ADDRESSES = Math.min(254, Math.max(1, Number(process.env.ADDRESSES ?? 1) || 1));
const servers = [await listen(Number(process.env.PORT ?? 0), '127.0.0.1')];
const port = (servers[0]!.address() as AddressInfo).port;
for (let k = 2; k <= ADDRESSES; k++) servers.push(await listen(port, `127.0.0.${k}`));
process.stdout.write(`${JSON.stringify({ port, addresses: ADDRESSES, figures: baseValues.length, sha: createHash('sha256').update(TEMPLATE).digest('hex').slice(0, 8) })}\n`);
process.on('SIGTERM', () => {
  let open = servers.length;
  for (const s of servers) s.close(() => --open === 0 && process.exit(0));
});
