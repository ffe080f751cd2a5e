import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { createHttpClient, type HttpClient } from '../../src/fetch/index.ts';
import { runClaimedPass } from '../../src/schedule/run-claimed-pass.ts';
import { closeChannels, createChannel, createChannels, deliverDue, MAX_REPLY_BYTES, type Channel, type DeliveryPolicy, type Notification } from '../../src/notify/index.ts';
import type { ChannelConfig } from '../../src/config/schema.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { listDeliveries } from '../../src/store/queries/deliveries.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';

const LOOPBACK = ['127.0.0.0/8'];
const policy: DeliveryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000, leaseMs: 30_000, timeoutMs: 5_000 };
/** What a Slack incoming-webhook URL looks like: the path is the credential. */
const SLACK_SECRET = 'xoxb0S3cr3tT0k3nABCDEFGH';
const SLACK_PATH = `/services/T0000/B0000/${SLACK_SECRET}`;

const notification: Notification = { key: '1', deliveryId: 1, kind: 'change', source: 's', payload: { event: 'change', id: 1 }, message: { source: 's', headline: 'hello', lines: [], page: { url: 'https://example.org/', title: 'Example' }, review: null } };

/**
 * Notification receivers are as untrusted as pages: a reply is read only up to a few KB, a
 * channel passes the address guard with its own allow-list, and a failed delivery never stores,
 * prints or logs the receiver's URL beyond its origin (a Slack URL is a credential).
 */
describe('receivers are bounded, guarded and kept secret', () => {
  let receiver: PageServer;
  /** Bytes the endless route managed to write before the client hung up. */
  let endlessWritten = 0;
  const channels: Channel[] = [];
  const channel = (config: ChannelConfig, resolve?: (host: string) => Promise<Array<{ address: string; family: number }>>) => {
    const c = createChannel('c', config, { baseDir: '/tmp', timeoutMs: 5_000, ...(resolve ? { resolve } : {}) });
    channels.push(c);
    return c;
  };

  beforeAll(async () => {
    receiver = await startPageServer();
    receiver.setRoute('/ok', { body: 'ok' });
    // An error reply that does not end (a 1.5 GB reply was read whole, 8 times): stop at 512 MB.
    for (const status of [200, 500]) {
      receiver.setRoute(`/endless-${status}`, (req, res) => {
        req.resume();
        res.writeHead(status, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let closed = false;
        res.on('close', () => (closed = true));
        const pump = () => {
          while (!closed && endlessWritten < 512 * 1024 * 1024) {
            endlessWritten += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      });
    }
    receiver.setRoute(SLACK_PATH, (req, res) => {
      req.resume();
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no_service: nothing at ${req.url} (full URL http://${req.headers.host}${req.url})`);
    });
  });
  afterAll(async () => {
    for (const c of channels) await c.close();
    await receiver?.close();
  });

  it('reads at most a few KB of a receiver’s reply, error or success', async () => {
    for (const status of [500, 200]) {
      endlessWritten = 0;
      const c = channel({ type: 'webhook', url: receiver.url(`/endless-${status}`), allowNetworks: LOOPBACK });
      const started = performance.now();
      const sent = c.send(notification);
      if (status === 500) await expect(sent).rejects.toThrow(/HTTP 500 x+/);
      else await sent;
      expect(performance.now() - started).toBeLessThan(4_000);
      // Socket buffers let the server get a few MB ahead; reading the reply whole would be 512 MB.
      expect(endlessWritten, `status ${status}`).toBeLessThan(32 * 1024 * 1024);
    }
    expect(MAX_REPLY_BYTES).toBeLessThanOrEqual(8 * 1024);
  });

  it('refuses loopback and private receivers unless the channel lists their network', async () => {
    const before = receiver.requests.length;
    const literal = channel({ type: 'webhook', url: receiver.url('/ok') });
    await expect(literal.send(notification)).rejects.toMatchObject({ retryable: false, message: expect.stringMatching(/127\.0\.0\.1.*not allowed.*allowNetworks/) });
    // A DNS name that answers with a loopback address is caught at connect time.
    const named = channel({ type: 'slack', url: `http://hooks.example:${new URL(receiver.origin).port}/ok` }, async () => [{ address: '127.0.0.1', family: 4 }]);
    await expect(named.send(notification)).rejects.toMatchObject({ retryable: false, message: expect.stringMatching(/hooks\.example.*127\.0\.0\.1.*not allowed/) });
    // The sources' fetch.allowNetworks do not open receivers: only the channel's own list does.
    const [other] = [...createChannels({ x: { type: 'webhook', url: receiver.url('/ok') } }, { baseDir: '/tmp', timeoutMs: 5_000 }).values()];
    channels.push(other!);
    await expect(other!.send(notification)).rejects.toThrow(/not allowed/);
    expect(receiver.requests.length).toBe(before);
    await channel({ type: 'webhook', url: receiver.url('/ok'), allowNetworks: LOOPBACK }).send(notification);
    expect(receiver.requests.length).toBe(before + 1);
  });

  it('names a failing receiver by its origin only, even when its reply echoes the URL', async () => {
    const c = channel({ type: 'slack', url: receiver.url(SLACK_PATH), allowNetworks: LOOPBACK });
    const err = await c.send(notification).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toContain(`${receiver.origin}: HTTP 404 no_service`);
    expect(err?.message).not.toContain(SLACK_SECRET);
    expect(err?.message).not.toContain('/services/T0000');
    const down = channel({ type: 'slack', url: `http://127.0.0.1:9${SLACK_PATH}`, allowNetworks: LOOPBACK });
    const refused = await down.send(notification).then(
      () => null,
      (e: Error) => e,
    );
    expect(refused?.message).toMatch(/^http:\/\/127\.0\.0\.1:9: network error/);
    expect(refused?.message).not.toContain(SLACK_SECRET);
  });
});

describe(`a failed Slack delivery keeps the credential out of the outbox and the logs (${backend})`, () => {
  let handle: DatabaseHandle;
  let pages: PageServer;
  let receiver: PageServer;
  let http: HttpClient;
  const clock = new ManualClock('2024-06-01T09:00:00Z');
  const posted: string[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase();
    pages = await startPageServer();
    receiver = await startPageServer();
    receiver.setRoute(SLACK_PATH, async (req, res) => {
      for await (const chunk of req) posted.push(String(chunk));
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`internal error handling ${req.url}`);
    });
    http = createHttpClient({ allowNetworks: LOOPBACK, retries: 0 }, { clock, log: silentLogger(), sleep: async () => {} });
  });
  afterAll(async () => {
    await http?.close();
    await pages?.close();
    await receiver?.close();
    await handle?.close();
  });

  it('stores and logs only the origin', async () => {
    const config = parseConfigText(
      JSON.stringify({
        sources: [{ id: 'slack-secret', url: pages.url('/p'), schedule: '0 * * * *', notify: ['chat'] }],
        channels: { chat: { type: 'slack', url: '${SLACK_URL}', allowNetworks: LOOPBACK } },
        fetch: { allowNetworks: LOOPBACK, retries: 0 },
        serve: { publicUrl: 'https://factwatch.example.org' },
      }),
      'test.json',
      { SLACK_URL: receiver.url(SLACK_PATH) },
    );
    const sources = resolveSources(config);
    await syncSources(handle.db, sources, clock.now());
    pages.setRoute('/p', { body: '<!doctype html><html lang="en"><head><title>T</title></head><body><main><h1>T</h1><p>Aid reached €5 million in 2016.</p></main></body></html>' });
    await runClaimedPass({ db: handle.db, http, clock, log: silentLogger() }, sources, { owner: 'w', leaseMs: 60_000, batchSize: 10, concurrency: 1 });
    const lines: string[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    const chans = createChannels(config.channels ?? {}, { baseDir: '/tmp', timeoutMs: policy.timeoutMs });
    try {
      const summary = await deliverDue({ db: handle.db, clock, log, channels: chans, policy, random: () => 0.5, publicUrl: config.serve?.publicUrl ?? null });
      expect(summary.retrying).toBe(1);
    } finally {
      await closeChannels(chans);
    }
    const [row] = await listDeliveries(handle.db);
    expect(row!.lastError).toMatch(new RegExp(`^${receiver.origin.replace(/\./g, '\\.')}: HTTP 500`));
    expect(row!.lastError).not.toContain(SLACK_SECRET);
    expect(lines.join('')).toContain('delivery failed');
    expect(lines.join('')).not.toContain(SLACK_SECRET);
    // The link to the review page is on the public name, the only name of the UI we trust.
    expect(JSON.parse(posted.join('')).text).toMatch(new RegExp(`<https://factwatch\\.example\\.org/changes/${row!.refId}\\|change #${row!.refId}>`));
  });
});
