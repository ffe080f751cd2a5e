import { request as httpRequest } from 'node:http';
import { parseDocument, parseFeed } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { createHttpClient } from '../../src/fetch/index.ts';
import { runCheckPass } from '../../src/check/check-pass.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { safeNext } from '../../src/web/auth.ts';
import { createWebApp } from '../../src/web/create-app.ts';
import { startWebServer, type RunningServer } from '../../src/web/start-server.ts';
import { xmlProblems } from '../helpers/check-xml.ts';
import { startPageServer } from '../helpers/page-server.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { HOSTILE, NK, seedDatabase, type Seeded } from './seed.ts';

const CONTROLS = 'controls';
/** Heading text as the page declares it: C0 controls, an OSC 52 clipboard write, a CDATA end, U+FFFE. */
const HEADING_HTML = 'Trade &#1;&#27;]52;c;ZXZpbA==&#7;]]&gt;&lt;x&gt; &amp; aid &#xFFFE;&#8;';

function controlsPage(revision: number): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Controls &#27;]0;pwned&#7;page</title></head><body><main>
<h1>Controls page</h1><p>Updated: ${revision} March 2019</p>
${revision === 2 ? `<h2>${HEADING_HTML}</h2><p>Bilateral trade reached €24 million in 2018.</p>` : ''}
<h2>Aid</h2><p>The aid programme totalled €${revision} million in 2018.</p>
</main></body></html>`;
}

/** One request with a Host header of our choosing (fetch() does not let a caller set Host). */
function rawRequest(url: string, opts: { host: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers: { host: opts.host, ...opts.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/**
 * Requests and page text the web server must not trust: a Host naming someone else (DNS
 * rebinding), impossible dates, a login `next=` with control characters, and page text full of
 * markup and control characters on its way into the Atom feed.
 */
describe(`untrusted requests and page text in the web server (${backend})`, () => {
  let handle: DatabaseHandle;
  let seeded: Seeded;
  let server: RunningServer;
  let port: number;
  const clock = new ManualClock('2024-02-01T10:00:00Z');
  const deps = () => ({ db: handle.db, clock, log: silentLogger(), token: null as string | null });

  beforeAll(async () => {
    handle = await openTestDatabase();
    seeded = await seedDatabase(handle.db);
    const pages = await startPageServer();
    const seedClock = new ManualClock('2019-03-10T06:00:00Z');
    const http = createHttpClient({ allowNetworks: ['127.0.0.0/8'], retries: 0 }, { clock: seedClock, log: silentLogger(), sleep: async () => {} });
    try {
      const sources = resolveSources({ sources: [{ id: CONTROLS, url: pages.url('/controls/'), profile: 'generic' }], fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 } });
      await syncSources(handle.db, sources, seedClock.now());
      for (const revision of [1, 2]) {
        pages.setRoute('/controls/', { body: controlsPage(revision) });
        const [r] = await runCheckPass({ db: handle.db, http, clock: seedClock, log: silentLogger() }, sources, { only: [CONTROLS] });
        if (!r?.stored) throw new Error(`seeding ${CONTROLS}: ${r?.outcome} ${r?.error?.message ?? ''}`);
        seedClock.advance(86_400_000);
      }
    } finally {
      await http.close();
      await pages.close();
    }
    server = await startWebServer(deps(), { host: '127.0.0.1', port: 0 });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.close();
  });

  it('answers 421 to a Host that does not name it, so a rebinding page can neither read nor review', async () => {
    const evil = 'evil.example:8080';
    const api = await rawRequest(`${server.url}/api/sources`, { host: evil, headers: { origin: `http://${evil}` } });
    expect(api.status).toBe(421);
    expect(JSON.parse(api.body).error.code).toBe('misdirected');
    expect(api.body).not.toContain(NK);
    // The whole review flow from the rebinding page: get the form (cookie + token), post it back.
    const id = seeded.nk[0]!;
    const form = await rawRequest(`${server.url}/changes/${id}`, { host: evil, headers: { accept: 'text/html' } });
    expect(form.status).toBe(421);
    const post = await rawRequest(`${server.url}/api/changes/${id}/review`, {
      host: evil,
      method: 'POST',
      headers: { origin: `http://${evil}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'dismissed' }),
    });
    expect(post.status).toBe(421);
    const stored = await rawRequest(`${server.url}/api/changes/${id}`, { host: `127.0.0.1:${port}` });
    expect(JSON.parse(stored.body).change.state).toBe('new');
    // Its own names, with the port, are answered; the same names on another port are not.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect((await rawRequest(`${server.url}/healthz`, { host })).status, host).toBe(200);
    }
    for (const host of ['127.0.0.1', `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
      expect((await rawRequest(`${server.url}/healthz`, { host })).status, host).toBe(421);
    }
    // The in-process app (no socket) answers the loopback names on the default port only.
    const app = createWebApp(deps());
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('http://evil.example:8080/api/sources')).status).toBe(421);
  });

  it('answers its public name too, takes forms from the public origin, and builds feed links on it', async () => {
    const pub = await startWebServer(deps(), { host: '127.0.0.1', port: 0, publicUrl: 'https://factwatch.example.org' });
    try {
      for (const host of ['factwatch.example.org', 'factwatch.example.org:443']) {
        expect((await rawRequest(`${pub.url}/healthz`, { host })).status, host).toBe(200);
      }
      expect((await rawRequest(`${pub.url}/healthz`, { host: 'factwatch.example.org.evil.example' })).status).toBe(421);
      // Asked through the loopback address, the feed still links to the public name.
      const feed = await rawRequest(`${pub.url}/feed.xml`, { host: new URL(pub.url).host });
      const links = [...feed.body.matchAll(/href="([^"]+)"/gu)].map((m) => m[1]!);
      expect(links.length).toBeGreaterThan(2);
      for (const link of links) expect(link).toMatch(/^https:\/\/factwatch\.example\.org\//);
      // A form posted through the TLS proxy: Origin https://…, Host the public name.
      const id = seeded.nk[1]!;
      const page = await rawRequest(`${pub.url}/changes/${id}`, { host: 'factwatch.example.org', headers: { accept: 'text/html' } });
      const cookie = /fw_csrf=([^;]+)/u.exec(String(page.headers['set-cookie']))![1]!;
      const review = await rawRequest(`${pub.url}/changes/${id}/review`, {
        host: 'factwatch.example.org',
        method: 'POST',
        headers: { origin: 'https://factwatch.example.org', cookie: `fw_csrf=${cookie}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body: new URLSearchParams({ state: 'reviewed', _csrf: cookie }).toString(),
      });
      expect(review.status).toBe(303);
    } finally {
      await pub.close();
    }
    // Without a public name, links use the bound address whatever Host asked.
    const feed = await rawRequest(`${server.url}/feed.xml`, { host: `localhost:${port}` });
    for (const m of feed.body.matchAll(/href="([^"]+)"/gu)) expect(m[1]).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/`));
  });

  it('answers 400, not 500 or another day, to dates that do not exist', async () => {
    const app = createWebApp(deps());
    for (const at of ['0000-01-01', '2017-02-30', '2017-02-29', '2018-13-01', '2018-01-01T24:00Z', '0000-12-31T23:00Z']) {
      for (const path of [`/api/sources/${NK}/versions?at=${at}`, `/sources/${NK}/versions?at=${at}`, `/api/changes?since=${at}`, `/api/changes?until=${at}`]) {
        const res = await app.request(path);
        expect(res.status, path).toBe(400);
      }
    }
    expect((await app.request(`/api/sources/${NK}/versions?at=2018-01-01`)).status).toBe(200);
    expect((await app.request(`/api/sources/${NK}/versions?at=2016-02-29`)).status).toBe(404); // a real day, before the first version
    expect((await app.request(`/api/sources/${NK}/versions?at=0001-01-01`)).status).toBe(404);
  });

  it('never redirects after login to a path with control characters (a browser drops tab and newline)', () => {
    for (const bad of ['/\t/evil.example/', '/\n/evil.example', '/\r\n/evil.example', '/%09ok\u0000', '/\u0085x', `/${'a'.repeat(3000)}`]) {
      expect(safeNext(bad), JSON.stringify(bad)).toBe('/');
    }
    expect(safeNext('/changes?state=new&source=a%09b')).toBe('/changes?state=new&source=a%09b');
  });

  it('serves a well-formed feed whose entries are text: no live markup, no control characters', async () => {
    const app = createWebApp(deps());
    for (const path of ['/feed.xml', `/sources/${CONTROLS}/feed.xml`, `/sources/${HOSTILE}/feed.xml`]) {
      const xml = await (await app.request(path)).text();
      expect(xmlProblems(xml), path).toEqual([]);
      const feed = parseFeed(xml, { xmlMode: true });
      expect(feed?.items.length, path).toBeGreaterThan(0);
      for (const item of feed!.items) {
        for (const field of [item.title ?? '', item.description ?? '']) {
          // What a reader does with type="html": parse it. Only text may come out.
          const dom = parseDocument(field);
          expect(dom.children.every((n) => n.type === 'text'), field).toBe(true);
          expect(field).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/u);
        }
      }
    }
    const hostile = parseFeed(await (await app.request(`/sources/${HOSTILE}/feed.xml`)).text(), { xmlMode: true })!;
    const shown = hostile.items.map((i) => parseDocument(i.title ?? '').children.map((n) => (n as unknown as { data: string }).data).join(''));
    expect(shown.some((t) => t.includes('<script>window.__pwned'))).toBe(true); // shown as text, as on the page
    const controls = parseFeed(await (await app.request(`/sources/${CONTROLS}/feed.xml`)).text(), { xmlMode: true })!;
    const text = controls.items.map((i) => `${i.title} ${i.description}`).join(' ');
    expect(text).toContain(']]&gt;&lt;x&gt;');
    expect(text).not.toContain('ZXZpbA=='); // the OSC 52 payload went with its sequence
  });
});
