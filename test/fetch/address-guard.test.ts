import type { LookupAddress } from 'node:dns';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { ConfigError, FetchError } from '../../src/app/errors.ts';
import { silentLogger } from '../../src/app/log.ts';
import {
  BlockedAddressError,
  checkUrlHost,
  classifyAddress,
  createGuardedLookup,
  parseNetworks,
} from '../../src/fetch/address-guard.ts';
import { createHttpClient, type HttpClient } from '../../src/fetch/index.ts';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';

describe('classifyAddress', () => {
  it.each([
    ['93.184.216.34', 'public IPv4'],
    ['8.8.8.8', 'public IPv4'],
    ['172.32.0.1', 'just above 172.16.0.0/12'],
    ['172.15.255.255', 'just below 172.16.0.0/12'],
    ['100.128.0.1', 'just above 100.64.0.0/10'],
    ['169.255.0.1', 'just above 169.254.0.0/16'],
    ['2606:4700:4700::1111', 'public IPv6'],
    ['2a01:e0a:1::1', 'public IPv6'],
    ['::ffff:93.184.216.34', 'IPv4-mapped public'],
    ['64:ff9b::5db8:d822', 'NAT64 of a public IPv4 (93.184.216.34)'],
  ])('allows %s (%s)', (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.255', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['64:ff9b::a00:1', 'private'],
    ['::7f00:1', 'ipv4Compatible'],
    ['2002:7f00:1::', '6to4'],
    ['2001:db8::1', 'reserved'],
  ])('refuses %s as %s', (address, range) => {
    expect(classifyAddress(address)).toBe(range);
  });

  it('refuses what is not an IP address at all', () => {
    expect(classifyAddress('example.com')).toBe('not an IP address');
  });

  it.each([
    ['127.0.0.1', ['127.0.0.0/8'], null],
    ['::ffff:127.0.0.1', ['127.0.0.0/8'], null],
    ['10.20.30.40', ['10.20.0.0/16'], null],
    ['::1', ['::1/128'], null],
    ['::1', ['::1'], null],
    ['10.0.0.1', ['127.0.0.0/8'], 'private'],
    ['10.21.0.1', ['10.20.0.0/16'], 'private'],
    ['::1', ['127.0.0.0/8'], 'loopback'],
    ['127.0.0.1', ['::1/128'], 'loopback'],
  ] as const)('with allowNetworks: %s in %j → %s', (address, allow, expected) => {
    expect(classifyAddress(address, parseNetworks(allow))).toBe(expected);
  });
});

describe('parseNetworks', () => {
  it('names every bad entry at once in a ConfigError', () => {
    let error: unknown;
    try {
      parseNetworks(['127.0.0.0/8', 'nonsense', '10.0.0.0/99', '::1/128']);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('nonsense');
    expect(problems[1]).toContain('10.0.0.0/99');
  });

  it('takes a bare address as a single-host network', () => {
    const nets = parseNetworks(['192.168.5.5']);
    expect(classifyAddress('192.168.5.5', nets)).toBeNull();
    expect(classifyAddress('192.168.5.6', nets)).toBe('private');
  });
});

describe('checkUrlHost', () => {
  it.each(['http://127.0.0.1/', 'http://[::1]:8080/', 'http://2130706433/', 'http://0x7f.1/', 'https://169.254.169.254/latest/meta-data/'])(
    'refuses the literal address in %s',
    (url) => {
      expect(() => checkUrlHost(new URL(url), [])).toThrow(BlockedAddressError);
    },
  );

  it('leaves DNS names to the connect-time lookup', () => {
    expect(() => checkUrlHost(new URL('http://localhost/'), [])).not.toThrow();
  });

  it('lets an allowed literal through', () => {
    expect(() => checkUrlHost(new URL('http://127.0.0.1:8080/'), parseNetworks(['127.0.0.0/8']))).not.toThrow();
  });
});

describe('createGuardedLookup', () => {
  const fakeDns = (answers: Record<string, LookupAddress[]>) => async (host: string) => answers[host] ?? [];
  const dnsAnswers = {
    'public.test': [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ],
    'inward.test': [{ address: '10.0.0.7', family: 4 }],
    'mixed.test': [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ],
  };

  function lookup(host: string, options: object, allow: string[] = []) {
    const guarded = createGuardedLookup(parseNetworks(allow), fakeDns(dnsAnswers));
    return new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family: unknown }>((resolve) => {
      guarded(host, options, (err, address, family) => resolve({ err, address, family }));
    });
  }

  it('answers all addresses when asked for all (Happy Eyeballs)', async () => {
    const { err, address } = await lookup('public.test', { all: true });
    expect(err).toBeNull();
    expect(address).toEqual(dnsAnswers['public.test']);
  });

  it('answers one address and its family otherwise, honouring the family asked for', async () => {
    expect(await lookup('public.test', {})).toMatchObject({ err: null, address: '93.184.216.34', family: 4 });
    expect(await lookup('public.test', { family: 6 })).toMatchObject({ err: null, address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 });
  });

  it('refuses a name that resolves inward', async () => {
    const { err } = await lookup('inward.test', { all: true });
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect((err as BlockedAddressError).address).toBe('10.0.0.7');
  });

  it('refuses a name if any of its addresses is refused', async () => {
    const { err } = await lookup('mixed.test', {});
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect((err as BlockedAddressError).address).toBe('127.0.0.1');
  });

  it('lets an inward name through when its network is allowed', async () => {
    expect(await lookup('inward.test', {}, ['10.0.0.0/8'])).toMatchObject({ err: null, address: '10.0.0.7' });
  });

  it('reports ENOTFOUND when nothing resolves', async () => {
    const { err } = await lookup('nowhere.test', { all: true });
    expect(err?.code).toBe('ENOTFOUND');
  });
});

describe('the guard at connect time (real client, local server)', () => {
  let server: PageServer;
  let client: HttpClient | undefined;

  afterEach(async () => {
    await client?.close();
    await server?.close();
  });

  function makeClient(allowNetworks: string[]) {
    client = createHttpClient({ allowNetworks, retries: 0, robots: false }, { clock: new ManualClock(0), log: silentLogger(), sleep: async () => {} });
    return client;
  }

  async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
    try {
      await promise;
    } catch (err) {
      expect(err).toBeInstanceOf(FetchError);
      return err as FetchError;
    }
    throw new Error('expected the fetch to fail');
  }

  it('refuses 127.0.0.1 without allowNetworks, before any request is sent', async () => {
    server = await startPageServer({ '/': { body: '<p>hi</p>' } });
    const err = await fetchError(makeClient([]).fetchPage({ url: server.url('/') }));
    expect(err.code).toBe('blocked_address');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(server.url('/'));
    expect(server.requests).toHaveLength(0);
  });

  it('refuses localhost, whose RESOLVED address is loopback, without allowNetworks', async () => {
    server = await startPageServer({ '/': { body: '<p>hi</p>' } });
    const url = `http://localhost:${new URL(server.origin).port}/`;
    const err = await fetchError(makeClient([]).fetchPage({ url }));
    expect(err.code).toBe('blocked_address');
    expect(err.message).toContain('localhost');
    expect(server.requests).toHaveLength(0);
  });

  it('allows localhost and 127.0.0.1 with allowNetworks 127.0.0.0/8', async () => {
    server = await startPageServer({ '/': { body: '<p>hi</p>' } });
    // ::1/128 too, for machines where localhost also resolves to ::1.
    const c = makeClient(['127.0.0.0/8', '::1/128']);
    const viaName = await c.fetchPage({ url: `http://localhost:${new URL(server.origin).port}/` });
    const viaIp = await c.fetchPage({ url: server.url('/') });
    expect(viaName.kind).toBe('ok');
    expect(viaIp.kind).toBe('ok');
    expect(server.requests).toHaveLength(2);
  });

  it('checks every redirect hop: a redirect to a refused address is blocked', async () => {
    server = await startPageServer();
    const port = new URL(server.origin).port;
    server.setRoute('/go', { status: 302, headers: { location: `http://127.0.0.2:${port}/inner` } });
    const err = await fetchError(makeClient(['127.0.0.1/32']).fetchPage({ url: server.url('/go') }));
    expect(err.code).toBe('blocked_address');
    expect(err.url).toBe(`http://127.0.0.2:${port}/inner`);
    expect(server.requests.map((r) => r.path)).toEqual(['/go']);
  });

  it('honours a per-request allowNetworks override, never reusing a connection opened under a wider one', async () => {
    server = await startPageServer({ '/': { body: '<p>hi</p>' } });
    const url = `http://localhost:${new URL(server.origin).port}/`;
    const c = makeClient(['127.0.0.0/8', '::1/128']);
    expect((await c.fetchPage({ url })).kind).toBe('ok'); // leaves a keep-alive connection to localhost
    const err = await fetchError(c.fetchPage({ url }, { allowNetworks: [] }));
    expect(err.code).toBe('blocked_address');
    expect(server.requests).toHaveLength(1);
  });
});
