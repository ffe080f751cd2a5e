import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import type { RawConfig } from '../../src/config/schema.ts';
import { createHttpClient, type HttpClient } from '../../src/fetch/index.ts';
import { runClaimedPass } from '../../src/schedule/run-claimed-pass.ts';
import { deliverDue } from '../../src/notify/index.ts';
import { closeChannels, createChannels, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, verifySignature, type DeliveryPolicy } from '../../src/notify/index.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { listDeliveries, requeueDelivery } from '../../src/store/queries/deliveries.ts';
import type { SchedulePolicy } from '../../src/schedule/plan-next-check.ts';
import { listChanges } from '../../src/store/queries/changes.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';

const SECRET = 'test-secret-5f2c';
/** The receivers listen on 127.0.0.1, which a channel may post to only when it lists it. */
const LOOPBACK = ['127.0.0.0/8'];
const policy: DeliveryPolicy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 10_000, leaseMs: 30_000, timeoutMs: 5_000 };

function page(n: number): string {
  return `<!doctype html><html lang="en"><head><title>R&amp;D &lt;aid&gt;</title></head><body><main><h1>R&amp;D &lt;aid&gt;</h1><p>Aid reached €${n}.5 million in 2016.</p></main></body></html>`;
}

interface Received {
  path: string;
  key: string | undefined;
  signature: string | undefined;
  body: string;
  answered: number;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The outbox over real HTTP on 127.0.0.1: a webhook receiver that fails the first attempts and
 * checks every signature, a Slack-compatible receiver, and a JSONL file. Time is a manual clock
 * moved past each backoff, so nothing sleeps.
 */
describe(`notification outbox (${backend})`, () => {
  let handle: DatabaseHandle;
  let pages: PageServer;
  let receiver: PageServer;
  let http: HttpClient;
  const opened: Array<ReturnType<typeof createChannels>> = [];
  let dir: string;
  const clock = new ManualClock('2024-06-01T09:00:00Z');
  const log = silentLogger();
  const received: Received[] = [];
  /** Per path: how many attempts to refuse (with this status) before accepting. */
  const failures = new Map<string, { left: number; status: number }>();

  beforeAll(async () => {
    handle = await openTestDatabase();
    pages = await startPageServer();
    receiver = await startPageServer();
    for (const path of ['/hook', '/slack', '/down', '/reject']) {
      receiver.setRoute(path, async (req, res) => {
        const body = await readBody(req);
        const f = failures.get(path);
        const status = f && f.left > 0 ? (f.left--, f.status) : 200;
        received.push({ path, key: req.headers[IDEMPOTENCY_HEADER.toLowerCase()] as string | undefined, signature: req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined, body, answered: status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try later');
      });
    }
    http = createHttpClient({ allowNetworks: ['127.0.0.0/8'], retries: 0 }, { clock, log, sleep: async () => {} });
    dir = await mkdtemp(join(tmpdir(), 'fw-notify-'));
  });
  afterAll(async () => {
    for (const chans of opened) await closeChannels(chans);
    await http?.close();
    await pages?.close();
    await receiver?.close();
    await handle?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Sources whose changes go to `notify`; returns a function that runs one due pass. */
  async function setup(prefix: string, n: number, channels: RawConfig['channels'], notify: string[], schedulePolicy?: SchedulePolicy) {
    const config: RawConfig = {
      sources: Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, url: pages.url(`/${prefix}/${i}`), schedule: '0 * * * *', notify })),
      channels,
      fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 },
    };
    const sources = resolveSources(config);
    await syncSources(handle.db, sources, clock.now());
    const chans = createChannels(channels ?? {}, { baseDir: dir, timeoutMs: policy.timeoutMs });
    opened.push(chans);
    return {
      check: () => runClaimedPass({ db: handle.db, http, clock, log }, sources, { owner: 'w', leaseMs: 60_000, batchSize: 50, concurrency: 4, policy: schedulePolicy }),
      deliver: () => deliverDue({ db: handle.db, clock, log, channels: chans, policy, random: () => 0.5 }),
    };
  }

  /** Deliver, move the clock past the longest backoff, repeat: what a watch loop does over time. */
  async function drain(deliver: () => Promise<unknown>, rounds: number) {
    for (let i = 0; i < rounds; i++) {
      await deliver();
      clock.advance(policy.maxDelayMs + 1);
    }
  }

  it('delivers every change to a webhook that fails at first, signed, with the change id as idempotency key', async () => {
    const channels = { hook: { type: 'webhook' as const, url: receiver.url('/hook'), allowNetworks: LOOPBACK, secret: SECRET } };
    const { check, deliver } = await setup('wh', 3, channels, ['hook']);
    for (let i = 0; i < 3; i++) pages.setRoute(`/wh/${i}`, { body: page(i) });
    await check();
    clock.advance(3_600_000);
    for (let i = 0; i < 3; i++) pages.setRoute(`/wh/${i}`, { body: page(i + 10) });
    expect((await check()).changes).toBe(3);
    const changeIds = (await listChanges(handle.db)).filter((c) => c.source.startsWith('wh-')).map((c) => String(c.id));
    expect(changeIds).toHaveLength(6);

    failures.set('/hook', { left: 8, status: 503 }); // the first 8 attempts fail, whichever they are
    await drain(deliver, 5);

    const hook = received.filter((r) => r.path === '/hook');
    expect(hook.length).toBe(6 + 8);
    for (const r of hook) expect(verifySignature(SECRET, r.body, r.signature)).toBe(true);
    const accepted = hook.filter((r) => r.answered === 200).map((r) => r.key);
    expect([...new Set(accepted)].sort()).toEqual([...changeIds].sort());
    // A repeated request carries the same key and the same body: a receiver can drop it.
    for (const key of changeIds) {
      const bodies = new Set(hook.filter((r) => r.key === key).map((r) => r.body));
      expect(bodies.size).toBe(1);
      const payload = JSON.parse([...bodies][0]!) as { id: number; source: string; event: string };
      expect(String(payload.id)).toBe(key);
      expect(payload.event).toBe('change');
    }
    const rows = (await listDeliveries(handle.db)).filter((d) => d.source.startsWith('wh-'));
    expect(rows.every((d) => d.state === 'delivered')).toBe(true);
    expect(rows.reduce((n, d) => n + d.attempts, 0)).toBe(14);
  });

  it('marks a delivery dead after the last attempt, and `retry` re-queues it', async () => {
    const channels = { down: { type: 'webhook' as const, url: receiver.url('/down'), allowNetworks: LOOPBACK } };
    const { check, deliver } = await setup('dead', 1, channels, ['down']);
    pages.setRoute('/dead/0', { body: page(1) });
    await check();
    failures.set('/down', { left: 1000, status: 500 });
    await drain(deliver, policy.maxAttempts + 2);
    const [row] = (await listDeliveries(handle.db)).filter((d) => d.source === 'dead-0');
    expect(row!.state).toBe('dead');
    expect(row!.attempts).toBe(policy.maxAttempts);
    expect(row!.lastError).toMatch(/HTTP 500/);
    expect(received.filter((r) => r.path === '/down')).toHaveLength(policy.maxAttempts);

    failures.set('/down', { left: 0, status: 500 });
    expect(await requeueDelivery(handle.db, row!.id, clock.now())).toBe(true);
    await deliver();
    const [after] = (await listDeliveries(handle.db)).filter((d) => d.source === 'dead-0');
    expect(after!.state).toBe('delivered');
    expect(await requeueDelivery(handle.db, 999_999, clock.now())).toBe(false);
  });

  it('gives up at once on a receiver that rejects the request (4xx other than 408/429)', async () => {
    const channels = { reject: { type: 'webhook' as const, url: receiver.url('/reject'), allowNetworks: LOOPBACK } };
    const { check, deliver } = await setup('rej', 1, channels, ['reject']);
    pages.setRoute('/rej/0', { body: page(1) });
    await check();
    failures.set('/reject', { left: 1000, status: 401 });
    await drain(deliver, 3);
    const [row] = (await listDeliveries(handle.db)).filter((d) => d.source === 'rej-0');
    expect(row!.state).toBe('dead');
    expect(row!.attempts).toBe(1);
  });

  it('delivers gone and recovered events through the same outbox as changes, claimed together', async () => {
    const channels = { events: { type: 'file' as const, path: 'out/events.jsonl' } };
    const { check, deliver } = await setup('ev', 1, channels, ['events'], { backoffBaseMs: 1, backoffMaxMs: 1, goneAfter: 1 });
    pages.setRoute('/ev/0', { body: page(1) });
    await check();
    clock.advance(3_600_000);
    pages.setRoute('/ev/0', { status: 404, body: 'gone' });
    await check();
    clock.advance(3_600_000);
    pages.setRoute('/ev/0', { body: page(2) });
    await check();
    // Nothing delivered yet; newest first: the return is settled after the change it brought is stored.
    const rows = (await listDeliveries(handle.db)).filter((d) => d.source === 'ev-0');
    expect(rows.map((d) => [d.kind, d.subject, d.state])).toEqual([
      ['event', 'recovered', 'pending'],
      ['change', 'change', 'pending'],
      ['event', 'gone', 'pending'],
      ['change', 'change', 'pending'],
    ]);
    // One pass claims and sends all four, whatever they notify.
    expect(await deliver()).toEqual({ delivered: 4, retrying: 0, dead: 0, skipped: 0, held: 0 });
    const lines = (await readFile(join(dir, 'out/events.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { key: string; event: string });
    expect(lines.map((l) => l.event).sort()).toEqual(['change', 'change', 'gone', 'recovered']);
    const events = rows.filter((d) => d.kind === 'event');
    expect(lines.filter((l) => l.event !== 'change').map((l) => l.key).sort()).toEqual(events.map((d) => `event-${d.refId}`).sort());
    expect((await listDeliveries(handle.db)).filter((d) => d.source === 'ev-0').every((d) => d.state === 'delivered' && d.attempts === 1)).toBe(true);
  });

  it('posts readable, escaped text with the figure changes to a Slack-compatible webhook, and appends JSONL lines', async () => {
    const channels = {
      chat: { type: 'slack' as const, url: receiver.url('/slack'), allowNetworks: LOOPBACK },
      file: { type: 'file' as const, path: 'out/changes.jsonl' },
    };
    const { check, deliver } = await setup('sl', 1, channels, ['chat', 'file']);
    pages.setRoute('/sl/0', { body: page(8) });
    await check();
    clock.advance(3_600_000);
    pages.setRoute('/sl/0', { body: page(5) });
    await check();
    await deliver();
    const texts = received.filter((r) => r.path === '/slack').map((r) => (JSON.parse(r.body) as { text: string }).text);
    expect(texts).toHaveLength(2);
    const changed = texts.find((t) => t.includes('→'))!;
    expect(changed).toContain('*sl-0*');
    expect(changed).toMatch(/€8\.5 million → €5\.5 million/);
    expect(changed).toContain('R&amp;D &lt;aid&gt;');
    expect(changed).not.toContain('<aid>');
    const lines = (await readFile(join(dir, 'out/changes.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { key: string; source: string });
    expect(lines.map((l) => l.source)).toEqual(['sl-0', 'sl-0']);
    const ids = (await listChanges(handle.db, { sourceId: 'sl-0' })).map((c) => String(c.id));
    expect(lines.map((l) => l.key).sort()).toEqual(ids.sort());
  });
});
