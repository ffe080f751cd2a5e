import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';

/** The shared test helper itself: other areas' integration tests rely on it. */
let server: PageServer;
afterEach(async () => {
  await server?.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await request(url, { headers });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

describe('startPageServer', () => {
  it('serves canned routes on 127.0.0.1 with HTML defaults and records requests', async () => {
    server = await startPageServer({ '/page': { body: '<p>Corée</p>' } });
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await get(server.url('/page?x=1'), { 'x-test': 'yes' });
    expect(res).toMatchObject({ status: 200, text: '<p>Corée</p>' });
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength('<p>Corée</p>')));
    expect(server.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/page?x=1' })]);
    expect(server.requests[0]?.headers['x-test']).toBe('yes');
  });

  it('answers 404 for unknown paths', async () => {
    server = await startPageServer();
    expect((await get(server.url('/missing'))).status).toBe(404);
  });

  it('prefers an exact path-with-query route, and lets setRoute replace routes', async () => {
    server = await startPageServer({ '/p': { body: 'plain' }, '/p?v=2': { body: 'second' } });
    expect((await get(server.url('/p?v=2'))).text).toBe('second');
    expect((await get(server.url('/p?v=3'))).text).toBe('plain');
    server.setRoute('/p', { status: 410, body: 'gone' });
    expect((await get(server.url('/p'))).status).toBe(410);
  });

  it('sends custom headers, drops defaults set to null, and supports handler functions', async () => {
    server = await startPageServer({
      '/raw': { headers: { 'Content-Type': null, ETag: '"x"' }, body: 'raw' },
      '/fn': (req, res) => res.writeHead(201, { 'x-method': req.method ?? '' }).end('made'),
    });
    const raw = await get(server.url('/raw'));
    expect(raw.headers['content-type']).toBeUndefined();
    expect(raw.headers.etag).toBe('"x"');
    const fn = await get(server.url('/fn'));
    expect(fn).toMatchObject({ status: 201, text: 'made' });
    expect(fn.headers['x-method']).toBe('GET');
  });

  it('turns a throwing handler into a 500 naming the failure', async () => {
    server = await startPageServer({
      '/boom': () => {
        throw new Error('kaboom');
      },
    });
    const res = await get(server.url('/boom'));
    expect(res.status).toBe(500);
    expect(res.text).toContain('kaboom');
  });

  it('closes even while a handler never answers', async () => {
    server = await startPageServer({ '/hang': () => {} });
    const pending = request(server.url('/hang')).catch((err: unknown) => err);
    await expect.poll(() => server.requests.length).toBe(1);
    await server.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
