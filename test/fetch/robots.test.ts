import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { FetchError } from '../../src/app/errors.ts';
import { silentLogger } from '../../src/app/log.ts';
import { createHttpClient, type FetchSettings, type HttpClient } from '../../src/fetch/index.ts';
import { ROBOTS_TTL_MS } from '../../src/fetch/robots.ts';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';

/**
 * robots.txt (RFC 9309) through the real client against a local server: what is disallowed is
 * never requested, rules are cached per origin for a day, and an unreachable robots.txt stops
 * the fetch with a retryable error instead of being read as "everything allowed".
 */

const PAGE = '<!doctype html><title>Page</title><main><p>Hello</p></main>';
const ROBOTS = ['User-agent: factwatch', 'Disallow: /private/', '', 'User-agent: *', 'Disallow: /'].join('\n');

let server: PageServer;
let client: HttpClient;
let clock: ManualClock;

function makeClient(settings: Partial<FetchSettings> = {}): HttpClient {
  return createHttpClient({ allowNetworks: ['127.0.0.0/8'], retries: 0, ...settings }, { clock, log: silentLogger(), sleep: async () => {} });
}

const paths = () => server.requests.map((r) => r.path);

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  }
  throw new Error('expected the fetch to fail');
}

beforeEach(async () => {
  clock = new ManualClock('2024-03-01T12:00:00Z');
  server = await startPageServer({ '/open/page': { body: PAGE }, '/private/page': { body: PAGE } });
  client = makeClient();
});
afterEach(async () => {
  await client.close();
  await server.close();
});

describe('robots.txt', () => {
  it('refuses a path disallowed for our user agent without requesting it, naming robots.txt', async () => {
    server.setRoute('/robots.txt', { body: ROBOTS, headers: { 'content-type': 'text/plain' } });
    const err = await fetchError(client.fetchPage({ url: server.url('/private/page') }));
    expect(err.code).toBe('blocked_robots');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('/robots.txt disallows /private/page');
    expect(err.message).toContain('"factwatch"');
    expect(paths()).toEqual(['/robots.txt']);
  });

  it('matches the group of our product token, not the catch-all group', async () => {
    server.setRoute('/robots.txt', { body: ROBOTS, headers: { 'content-type': 'text/plain' } });
    const res = await client.fetchPage({ url: server.url('/open/page') });
    expect(res.kind).toBe('ok');
    // Another agent would be refused everything by `User-agent: *` / `Disallow: /`.
    const other = makeClient({ userAgent: 'otherbot/1.0' });
    try {
      expect((await fetchError(other.fetchPage({ url: server.url('/open/page') }))).code).toBe('blocked_robots');
    } finally {
      await other.close();
    }
  });

  it('reads robots.txt once per origin and day, then again after the day', async () => {
    server.setRoute('/robots.txt', { body: ROBOTS, headers: { 'content-type': 'text/plain' } });
    await client.fetchPage({ url: server.url('/open/page') });
    await client.fetchPage({ url: server.url('/open/page') });
    await Promise.all([client.fetchPage({ url: server.url('/open/page') }), client.fetchPage({ url: server.url('/open/page') })]);
    expect(paths().filter((p) => p === '/robots.txt')).toHaveLength(1);
    clock.advance(ROBOTS_TTL_MS + 1);
    await client.fetchPage({ url: server.url('/open/page') });
    expect(paths().filter((p) => p === '/robots.txt')).toHaveLength(2);
  });

  it('shares one robots.txt request between concurrent first fetches', async () => {
    server.setRoute('/robots.txt', { body: ROBOTS, headers: { 'content-type': 'text/plain' }, delayMs: 50 });
    await Promise.all([1, 2, 3].map(() => client.fetchPage({ url: server.url('/open/page') })));
    expect(paths().filter((p) => p === '/robots.txt')).toHaveLength(1);
    expect(paths().filter((p) => p === '/open/page')).toHaveLength(3);
  });

  it('takes a missing robots.txt (404) as "everything allowed"', async () => {
    const res = await client.fetchPage({ url: server.url('/private/page') });
    expect(res.kind).toBe('ok');
    expect(paths()).toEqual(['/robots.txt', '/private/page']);
  });

  it('does not fetch the page while robots.txt answers 5xx: a retryable failure, not a free pass', async () => {
    server.setRoute('/robots.txt', { status: 503, body: 'busy' });
    const err = await fetchError(client.fetchPage({ url: server.url('/open/page') }));
    expect(err.code).toBe('robots_unreachable');
    expect(err.retryable).toBe(true);
    expect(paths()).toEqual(['/robots.txt']);
  });

  it('names robots.txt in a failure to read it, with its URL once and the cause kept', async () => {
    server.setRoute('/robots.txt', (req, res) => res.socket?.destroy());
    const err = await fetchError(client.fetchPage({ url: server.url('/open/page') }));
    expect(err.code).toBe('network');
    expect(err.blocked).toBe(false);
    expect(err.url).toBe(server.url('/robots.txt'));
    expect(err.detail).toMatch(/^robots\.txt: network error \(/);
    expect(err.message).toBe(`${server.url('/robots.txt')}: ${err.detail}`);
    expect(paths()).toEqual(['/robots.txt']);
  });

  it('keeps using rules it read before when robots.txt later fails (stale-if-error)', async () => {
    server.setRoute('/robots.txt', { body: ROBOTS, headers: { 'content-type': 'text/plain' } });
    await client.fetchPage({ url: server.url('/open/page') });
    clock.advance(ROBOTS_TTL_MS + 1);
    server.setRoute('/robots.txt', { status: 500 });
    expect((await client.fetchPage({ url: server.url('/open/page') })).kind).toBe('ok');
    expect((await fetchError(client.fetchPage({ url: server.url('/private/page') }))).code).toBe('blocked_robots');
  });

  it('never asks for robots.txt when the source switches it off', async () => {
    server.setRoute('/robots.txt', { body: ROBOTS, headers: { 'content-type': 'text/plain' } });
    const res = await client.fetchPage({ url: server.url('/private/page') }, { robots: false });
    expect(res.kind).toBe('ok');
    expect(paths()).toEqual(['/private/page']);
  });

  it('checks each redirect hop against robots.txt', async () => {
    server.setRoute('/robots.txt', { body: ROBOTS, headers: { 'content-type': 'text/plain' } });
    server.setRoute('/open/moved', { status: 301, headers: { location: '/private/page' } });
    expect((await fetchError(client.fetchPage({ url: server.url('/open/moved') }))).code).toBe('blocked_robots');
    expect(paths()).toEqual(['/robots.txt', '/open/moved']);
  });
});
