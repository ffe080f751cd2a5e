import type { IncomingMessage } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawConfig } from '../../src/config/schema.ts';
import { createCliEnv, type CliEnv } from '../concurrency/cli-env.ts';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { spawnWatch, waitFor } from '../watch/spawn-worker.ts';

const LOOPBACK = ['127.0.0.0/8'];

interface Hit {
  key: string;
  source: string;
  fromVersion: number | null;
  toVersion: number;
}

interface Listed {
  id: number;
  changeId: number | null;
  source: string;
  state: string;
  attempts: number;
  ruleNote: string | null;
}

/** A webhook receiver on 127.0.0.1 that records each notification (idempotency key, source) and answers after `delayMs`. */
async function startReceiver(delayMs = 0): Promise<{ server: PageServer; hits: Hit[]; url: string }> {
  const server = await startPageServer();
  const hits: Hit[] = [];
  server.setRoute('/hook', async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { source: string; fromVersion: number | null; toVersion: number };
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    hits.push({ key: String(req.headers['idempotency-key']), source: body.source, fromVersion: body.fromVersion, toVersion: body.toVersion });
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  return { server, hits, url: server.url('/hook') };
}

/** `n` sources of a CliEnv, the first half tagged "asia", the rest "europe", all notifying the webhook. */
function taggedConfig(env: CliEnv, prefix: string, n: number, hook: string, schedule: string, when?: NonNullable<RawConfig['channels']>[string]['when']): RawConfig {
  return {
    sources: Array.from({ length: n }, (_, i) => ({
      id: `${prefix}${i}`,
      url: env.server.url(`/${prefix}/${i}`),
      schedule,
      tags: [i < n / 2 ? 'asia' : 'europe'],
      notify: ['hook'],
    })),
    channels: { hook: { type: 'webhook', url: hook, allowNetworks: LOOPBACK, ...(when ? { when } : {}) } },
    fetch: { allowNetworks: LOOPBACK, retries: 0, perHost: { concurrency: 8 } },
  };
}

const bySource = (hits: Hit[]) => hits.map((h) => h.source).sort();

/**
 * `--tag` on the worker and on `check`'s deliveries (issue 17): a `watch --tag T` checks and
 * notifies only the tagged sources, `check --tag T` sends only the tagged sources' notifications
 * and leaves the others queued, and a `check --tag` beside a `watch` never sends one twice. Real
 * factwatch processes on this run's backend, a webhook receiver on 127.0.0.1.
 */
describe(`--tag on watch and on check's deliveries (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let env: CliEnv;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const cli = (...args: string[]) => runCli(args, { cwd: env.dir, env: env.env, timeoutMs: 60_000 });
  const deliveries = async (...args: string[]) => JSON.parse((await cli('deliveries', '--json', ...args)).stdout) as Listed[];
  const status = async () => JSON.parse((await cli('status', '--json')).stdout) as Array<{ source: string; lastCheckAt: string | null; }>;

  beforeAll(async () => {
    env = await createCliEnv('tg', 4);
    receiver = await startReceiver();
    // Every second: whatever is not checked in a run is due for the next one.
    await writeFile(join(env.dir, 'factwatch.config.json'), JSON.stringify(taggedConfig(env, 'tg', 4, receiver.url, '* * * * * *')));
  });
  afterAll(async () => {
    await receiver?.server.close();
    await env?.close();
  });

  it('check --tag sends only the tagged sources\' notifications; watch --tag checks and notifies only the tagged sources', async () => {
    const queued = await cli('check', '--all', '--no-deliver');
    expect(queued.code, queued.stderr).toBe(0);
    expect((await deliveries('--state', 'pending')).map((d) => d.source).sort()).toEqual(['tg0', 'tg1', 'tg2', 'tg3']);

    const asia = await cli('check', '--all', '--tag', 'asia');
    expect(asia.code, asia.stderr).toBe(0);
    expect(asia.stdout).toMatch(/^tg0: unchanged\ntg1: unchanged\n/m);
    expect(asia.stdout).toMatch(/^notifications: 2 sent, 0 to retry, 0 failed for good \(factwatch deliveries\)$/m);
    expect(bySource(receiver.hits)).toEqual(['tg0', 'tg1']);
    // Europe's stay queued for whoever runs them.
    expect((await deliveries('--state', 'pending')).map((d) => d.source).sort()).toEqual(['tg2', 'tg3']);

    const before = new Map((await status()).map((s) => [s.source, s.lastCheckAt]));
    for (let i = 0; i < 4; i++) env.serve(i, 1);
    await new Promise((r) => setTimeout(r, 1_100)); // every source due again
    const watch = await cli('watch', '--once', '--tag', 'europe', '--json');
    expect(watch.code, watch.stderr).toBe(0);
    const summary = JSON.parse(watch.stdout.trim().split('\n').pop()!) as { checked: number };
    expect(summary).toMatchObject({ changes: 2, failed: 0, delivered: 4, dead: 0 });
    // On a one-second schedule a source checked early in the pass may be due (and checked) again before it ends.
    expect(summary.checked).toBeGreaterThanOrEqual(2);
    const after = await status();
    for (const s of after) expect(s.lastCheckAt === before.get(s.source), s.source).toBe(s.source === 'tg0' || s.source === 'tg1');
    const changes = JSON.parse((await cli('changes', '--json')).stdout) as Array<{ source: string }>;
    expect(changes.map((c) => c.source).sort()).toEqual(['tg0', 'tg1', 'tg2', 'tg2', 'tg3', 'tg3']);
    // Europe's queued first captures and their new changes; nothing of Asia's (not even checked).
    expect(bySource(receiver.hits)).toEqual(['tg0', 'tg1', 'tg2', 'tg2', 'tg3', 'tg3']);
    expect(await deliveries('--state', 'pending')).toEqual([]);

    // check without --tag is unchanged: every source, every due notification.
    const all = await cli('check', '--all');
    expect(all.stdout.split('\n').filter((l) => /^tg\d: /.test(l))).toEqual(['tg0: changed', 'tg1: changed', 'tg2: unchanged', 'tg3: unchanged']);
    expect(all.stdout).toMatch(/^notifications: 2 sent, 0 to retry, 0 failed for good/m);
    expect(bySource(receiver.hits)).toEqual(['tg0', 'tg0', 'tg1', 'tg1', 'tg2', 'tg2', 'tg3', 'tg3']);
    const listed = await deliveries();
    expect(listed.map((d) => [d.state, d.attempts])).toEqual(Array.from({ length: 8 }, () => ['delivered', 1]));
    expect(new Set(receiver.hits.map((h) => h.key)).size).toBe(8);
  }, 300_000);

  it('says so in --help', async () => {
    const watch = await runCli(['watch', '--help']);
    expect(watch.stdout.replace(/\s+/g, ' ')).toContain('--tag <tag> only sources with this tag (repeatable: any of them); the others are neither checked nor notified by this worker');
    const check = await runCli(['check', '--help']);
    expect(check.stdout.replace(/\s+/g, ' ')).toContain('With --tag it sends only those of the tagged sources; the others stay queued');
  });
});

/**
 * A `check --tag` and a `watch` sending from one queue at the same time: 160 queued notifications
 * (80 of them Asia's, more than one claim's batch of 50) and a receiver slow enough (250 ms a
 * request) that the senders overlap. The first `check --tag asia` is sending before the watch and
 * a second `check --tag asia` start, so all three claim from the same rows; each notification
 * arrives exactly once, and the processes' counts add up to the 160.
 */
describe(`check --tag beside a running watch (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  const N = 160;
  let env: CliEnv;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const cli = (...args: string[]) => runCli(args, { cwd: env.dir, env: env.env, timeoutMs: 120_000 });

  beforeAll(async () => {
    env = await createCliEnv('cw', N);
    receiver = await startReceiver(250);
    // Yearly: after the first check nothing is due, so the watch only sends.
    await writeFile(join(env.dir, 'factwatch.config.json'), JSON.stringify(taggedConfig(env, 'cw', N, receiver.url, '0 0 1 1 *')));
  });
  afterAll(async () => {
    await receiver?.server.close();
    await env?.close();
  });

  it('sends each notification once, whichever process claims it', async () => {
    const queued = await cli('check', '--all', '--no-deliver');
    expect(queued.code, queued.stderr).toBe(0);

    const first = cli('check', '--all', '--tag', 'asia');
    await waitFor('the first check sending', async () => receiver.hits.length > 0, 60_000, 20);
    const watch = spawnWatch(['--tick', '* * * * * *', '--worker-id', 'w', '--json'], { cwd: env.dir, env: env.env });
    try {
      const done = await Promise.all([first, cli('check', '--all', '--tag', 'asia')]);
      for (const c of done) expect(c.code, c.stderr).toBe(0);
      await waitFor(`${N} notifications`, async () => receiver.hits.length >= N, 90_000);
      await new Promise((r) => setTimeout(r, 1_500)); // a duplicate would arrive now
      watch.child.kill('SIGTERM');
      expect((await watch.exited).code).toBe(0);

      expect(receiver.hits).toHaveLength(N);
      expect(new Set(receiver.hits.map((h) => h.key)).size).toBe(N);
      const byCheck = done.map((c) => Number(/^notifications: (\d+) sent/m.exec(c.stdout)?.[1] ?? 0));
      const stopped = watch.lines.map((l) => JSON.parse(l) as { event?: string; delivered?: number }).find((l) => l.event === 'stopped');
      expect(byCheck[0]! + byCheck[1]! + stopped!.delivered!).toBe(N);
      // The first check claimed before anyone else sent; the checks sent only Asia's, so the watch sent at least Europe's 80.
      expect(byCheck[0]).toBeGreaterThan(0);
      expect(byCheck[0]! + byCheck[1]!).toBeLessThanOrEqual(N / 2);
      const asia = new Set(Array.from({ length: N / 2 }, (_, i) => `cw${i}`));
      expect(receiver.hits.filter((h) => asia.has(h.source))).toHaveLength(N / 2);
      const listed = JSON.parse((await cli('deliveries', '--json', '--limit', '1000')).stdout) as Listed[];
      expect(listed).toHaveLength(N);
      // Each sent once at the first attempt; any other is named with what its row says.
      expect(listed.filter((d) => d.state !== 'delivered' || d.attempts !== 1)).toEqual([]);
    } finally {
      if (watch.child.exitCode === null && watch.child.signalCode === null) watch.child.kill('SIGKILL');
      await watch.exited;
    }
  }, 300_000);
});

/**
 * Held deliveries of sources nobody checks any more (issue 17): `sources disable` then `check`,
 * and `sources remove` then `watch`, settle them as skipped with the reason, which `deliveries`
 * and `report` show.
 */
describe(`held notifications of a source no longer checked (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let env: CliEnv;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const cli = (...args: string[]) => runCli(args, { cwd: env.dir, env: env.env, timeoutMs: 60_000 });
  const deliveries = async () => JSON.parse((await cli('deliveries', '--json')).stdout) as Listed[];

  beforeAll(async () => {
    env = await createCliEnv('hq', 2);
    receiver = await startReceiver();
    await writeFile(join(env.dir, 'factwatch.config.json'), JSON.stringify(taggedConfig(env, 'hq', 2, receiver.url, '0 0 1 1 *', { confirm: 2 })));
  });
  afterAll(async () => {
    await receiver?.server.close();
    await env?.close();
  });

  it('skips them with "source no longer checked", shown by deliveries and report', async () => {
    expect((await cli('check', '--all')).stdout).toMatch(/^notifications: 0 sent, 0 to retry, 0 failed for good, 2 held for confirmation/m);
    expect((await cli('check', '--all')).stdout).toMatch(/^notifications: 2 sent/m); // both first captures confirmed
    env.serve(0, 1);
    env.serve(1, 1);
    expect((await cli('check', '--all')).stdout).toMatch(/^notifications: 0 sent, 0 to retry, 0 failed for good, 2 held for confirmation/m);

    // Disabled in the file: the next check syncs that and settles the held change (of its tag only: hq1's stays held).
    const off = await cli('sources', 'disable', 'hq0');
    expect(off.code, off.stderr).toBe(0);
    const check = await cli('check', '--all', '--tag', 'asia');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).not.toMatch(/^hq\d:/m);
    expect(check.stdout).toMatch(/^notifications: 0 sent, 0 to retry, 0 failed for good, 1 skipped by their alert rule \(factwatch deliveries\)$/m);
    const note = 'source no longer checked (disabled or removed from the configuration) before 2 checks agreed (1 of 2 checks agree)';
    let listed = await deliveries();
    const held0 = listed.find((d) => d.source === 'hq0' && d.state !== 'delivered')!;
    expect(held0).toMatchObject({ state: 'skipped', ruleNote: note });
    expect(listed.find((d) => d.source === 'hq1' && d.state !== 'delivered')).toMatchObject({ state: 'pending', ruleNote: 'held until 2 checks agree (1 of 2 checks agree)' });
    const report = await cli('report', String(held0.changeId));
    expect(report.stdout).toContain(`\nNotifications\n  Not sent to hook: ${note}\n`);

    // Removed from the file: a watch disables what its configuration no longer has, and settles hq1's held change.
    const removed = await cli('sources', 'remove', 'hq1');
    expect(removed.code, removed.stderr).toBe(0);
    const watch = await cli('watch', '--once', '--json');
    expect(watch.code, watch.stderr).toBe(0);
    listed = await deliveries();
    expect(listed.find((d) => d.source === 'hq1' && d.state !== 'delivered')).toMatchObject({ state: 'skipped', ruleNote: note });
    expect(listed.map((d) => [d.source, d.state, d.ruleNote]).sort()).toEqual([
      ['hq0', 'delivered', 'first capture; confirmed by 2 consecutive checks'],
      ['hq0', 'skipped', note],
      ['hq1', 'delivered', 'first capture; confirmed by 2 consecutive checks'],
      ['hq1', 'skipped', note],
    ]);
    expect(listed.filter((d) => d.state === 'pending')).toEqual([]);
    expect(bySource(receiver.hits)).toEqual(['hq0', 'hq1']);
  }, 300_000);
});
