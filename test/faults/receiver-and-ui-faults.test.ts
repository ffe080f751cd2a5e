import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import type { ChannelConfig } from '../../src/config/schema.ts';
import { createChannel, type Channel, type Notification } from '../../src/notify/index.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { buildHostPolicy } from '../../src/web/host-allow-list.ts';
import { createWebApp } from '../../src/web/create-app.ts';
import { startPageServer, type PageServer, type RouteHandler } from '../helpers/page-server.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';

/**
 * Fault rows for notification receivers and the web UI (issue 14), beside the page fault matrix
 * (fault-matrix.test.ts): every receiver is a server on 127.0.0.1 misbehaving one way, every UI
 * row a request a hostile page or network can make. Each row names what must hold: how the
 * attempt ends (delivered, retry later, dead now), how long it may take, how much of the reply
 * the server managed to push (the client reads at most 4 KB), and what the error says (the
 * receiver's origin, never its path, which for Slack is the credential).
 */

const TIMEOUT_MS = 1_500;
const SECRET_PATH = '/services/T0/B0/c0nf1dent1al-t0ken-abcdef';
const notification: Notification = { key: '1', deliveryId: 1, kind: 'change', source: 's', payload: { event: 'change', id: 1 }, message: { source: 's', headline: 'hello', lines: [], page: { url: 'https://example.org/', title: 'Example' }, review: null } };

interface ReceiverRow {
  name: string;
  route: RouteHandler;
  /** Channel settings beyond the URL; the default lists 127.0.0.0/8. */
  channel?: Partial<ChannelConfig> & { allowNetworks?: string[] };
  /** Fake DNS: the receiver is addressed by this name, which resolves to 127.0.0.1. */
  byName?: string;
  expected: { delivered: boolean; retryable?: boolean; message?: RegExp; requests: number; maxMs: number; maxPushedBytes?: number };
}

describe('receiver faults', () => {
  let server: PageServer;
  let pushed = 0;
  const channels: Channel[] = [];

  /** Writes `total` bytes of `status` reply in 64 KB chunks as fast as the client takes them. */
  const flood =
    (status: number, total: number): RouteHandler =>
    (req, res) => {
      req.resume();
      res.writeHead(status, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'y');
      let closed = false;
      res.on('close', () => (closed = true));
      const pump = () => {
        while (!closed && pushed < total) {
          pushed += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    };

  const rows: ReceiverRow[] = [
    { name: 'accepts', route: (req, res) => (req.resume(), res.writeHead(204).end()), expected: { delivered: true, requests: 1, maxMs: 1_000 } },
    { name: '1.5 GB error reply', route: flood(500, 1536 * 1024 * 1024), expected: { delivered: false, retryable: true, message: /HTTP 500 y{10}/, requests: 1, maxMs: 3_000, maxPushedBytes: 32 * 1024 * 1024 } },
    { name: '1.5 GB success reply', route: flood(200, 1536 * 1024 * 1024), expected: { delivered: true, requests: 1, maxMs: 3_000, maxPushedBytes: 32 * 1024 * 1024 } },
    {
      name: 'error reply dripping one byte a second',
      route: (req, res) => {
        req.resume();
        res.writeHead(503, { 'content-type': 'text/plain' });
        const timer = setInterval(() => res.write('.'), 1_000);
        res.on('close', () => clearInterval(timer));
      },
      expected: { delivered: false, retryable: true, requests: 1, maxMs: TIMEOUT_MS + 1_500 },
    },
    {
      name: 'headers never come',
      route: (req) => void req.resume(),
      expected: { delivered: false, retryable: true, message: /^http:\/\/127\.0\.0\.1:\d+: /, requests: 1, maxMs: TIMEOUT_MS + 1_500 },
    },
    {
      name: 'reply echoes the secret URL',
      route: (req, res) => (req.resume(), res.writeHead(404).end(`no route for ${req.url}`)),
      expected: { delivered: false, retryable: false, message: /^http:\/\/127\.0\.0\.1:\d+: HTTP 404 no route for \/…$/, requests: 1, maxMs: 1_000 },
    },
    {
      name: 'loopback receiver not listed',
      route: (req, res) => (req.resume(), res.writeHead(204).end()),
      channel: { allowNetworks: [] },
      expected: { delivered: false, retryable: false, message: /not allowed \(loopback\).*allowNetworks/, requests: 0, maxMs: 1_000 },
    },
    {
      name: 'DNS name rebinding to loopback',
      route: (req, res) => (req.resume(), res.writeHead(204).end()),
      channel: { allowNetworks: ['10.0.0.0/8'] },
      byName: 'hooks.rebind.example',
      expected: { delivered: false, retryable: false, message: /hooks\.rebind\.example resolves to 127\.0\.0\.1, which is not allowed/, requests: 0, maxMs: 1_000 },
    },
  ];

  beforeAll(async () => {
    server = await startPageServer();
  });
  afterAll(async () => {
    for (const c of channels) await c.close();
    await server?.close();
  });

  for (const [i, row] of rows.entries()) {
    it(row.name, async () => {
      const path = `/r${i}${SECRET_PATH}`;
      server.setRoute(path, row.route);
      pushed = 0;
      const before = server.requests.length;
      const base = row.byName ? `http://${row.byName}:${new URL(server.origin).port}` : server.origin;
      const config = { type: 'slack', url: `${base}${path}`, allowNetworks: ['127.0.0.0/8'], ...row.channel } as ChannelConfig;
      const channel = createChannel('c', config, {
        baseDir: '/tmp',
        timeoutMs: TIMEOUT_MS,
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      });
      channels.push(channel);
      const started = performance.now();
      const error = await channel.send(notification).then(
        () => null,
        (e: Error & { retryable?: boolean }) => e,
      );
      const elapsed = performance.now() - started;
      const { expected } = row;
      expect(error === null, error?.message).toBe(expected.delivered);
      if (error) {
        expect(error.retryable).toBe(expected.retryable);
        if (expected.message) expect(error.message).toMatch(expected.message);
        expect(error.message).not.toContain('c0nf1dent1al');
      }
      expect(elapsed).toBeLessThan(expected.maxMs);
      expect(server.requests.length - before).toBe(expected.requests);
      if (expected.maxPushedBytes !== undefined) expect(pushed).toBeLessThan(expected.maxPushedBytes);
    });
  }
});

describe(`UI request faults (${backend})`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  const rows: Array<{ name: string; url: string; init?: RequestInit; status: number }> = [
    { name: 'own address and port', url: 'http://127.0.0.1:8080/api/sources', status: 200 },
    { name: 'localhost, any case', url: 'http://LocalHost:8080/api/sources', status: 200 },
    { name: 'IPv6 loopback', url: 'http://[::1]:8080/api/sources', status: 200 },
    { name: 'public name', url: 'https://factwatch.example.org/api/sources', status: 200 },
    { name: 'rebinding name', url: 'http://evil.example:8080/api/sources', status: 421 },
    { name: 'rebinding name posting a review', url: 'http://evil.example:8080/api/changes/1/review', init: { method: 'POST', headers: { origin: 'http://evil.example:8080', 'content-type': 'application/json' }, body: '{"state":"dismissed"}' }, status: 421 },
    { name: 'own address, other port', url: 'http://127.0.0.1:8081/api/sources', status: 421 },
    { name: 'public name as a suffix', url: 'http://factwatch.example.org.evil.example/api/sources', status: 421 },
    { name: 'form from another origin', url: 'http://127.0.0.1:8080/login', init: { method: 'POST', headers: { origin: 'http://evil.example:8080', 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=x' }, status: 403 },
    { name: 'impossible date', url: 'http://127.0.0.1:8080/api/changes?since=2017-02-30', status: 400 },
    { name: 'year zero', url: 'http://127.0.0.1:8080/api/changes?until=0000-01-01', status: 400 },
  ];

  for (const row of rows) {
    it(row.name, async () => {
      const app = createWebApp({
        db: handle.db,
        clock: new ManualClock('2024-01-01T00:00:00Z'),
        log: silentLogger(),
        token: null,
        hostPolicy: buildHostPolicy({ bound: { host: '127.0.0.1', port: 8080 }, publicUrl: 'https://factwatch.example.org' }),
      });
      expect((await app.request(row.url, row.init)).status).toBe(row.status);
    });
  }
});
