import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { resolveSources } from '../../src/config/resolve-source.ts';
import type { RawConfig } from '../../src/config/schema.ts';
import { runClaimedPass } from '../../src/schedule/run-claimed-pass.ts';
import { executeRows } from '../../src/store/execute-rows.ts';
import { listChecks } from '../../src/store/queries/checks.ts';
import { claimDueSources } from '../../src/store/queries/leases.ts';
import { listDeliveries } from '../../src/store/queries/deliveries.ts';
import { settleChecks } from '../../src/store/queries/settle-checks.ts';
import { getSource, syncSources } from '../../src/store/queries/sources.ts';
import { backend } from '../helpers/test-db.ts';
import { usePipelineFixture } from '../helpers/pipeline-fixture.ts';

/** A small page whose content depends on `n` (so a new `n` is a new version). */
export function smallPage(title: string, n: number): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main><h1>${title}</h1><p>Aid reached €${n}.5 million in 2016.</p></main></body></html>`;
}

/**
 * Claiming, leases and the claimed pass on the backend this run selects, with a manual clock:
 * leases expire because the test moves time, not because it waits.
 */
describe(`claimed checks (${backend})`, () => {
  const fx = usePipelineFixture('2024-05-01T08:00:00Z');
  const { clock, log } = fx;
  const pass = { leaseMs: 60_000, batchSize: 10, concurrency: 3 };

  /** Sources `prefix-0..n-1`, all due now, each page served at its own path. */
  async function setup(prefix: string, n: number, extra: Partial<RawConfig['sources'][number]> = {}) {
    const config: RawConfig = {
      sources: Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, url: fx.server.url(`/${prefix}/${i}`), schedule: '*/10 * * * *', ...extra })),
      channels: { log: { type: 'file', path: '/dev/null' } },
      fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 },
    };
    for (let i = 0; i < n; i++) fx.server.setRoute(`/${prefix}/${i}`, { body: smallPage(`${prefix} ${i}`, i) });
    const sources = resolveSources(config);
    await syncSources(fx.handle.db, sources, clock.now());
    return sources;
  }

  const deps = () => ({ db: fx.handle.db, http: fx.http, clock, log });
  const requestsFor = (prefix: string) => fx.server.requests.filter((r) => r.path.startsWith(`/${prefix}/`)).length;

  it('gives each due source to exactly one of two claimers until the lease expires', async () => {
    await setup('claim', 6);
    const ours = (rows: { id: string }[]) => rows.map((r) => r.id).filter((id) => id.startsWith('claim-'));
    const claimA = await claimDueSources(fx.handle.db, { owner: 'a', now: clock.now(), leaseMs: 60_000, limit: 100 });
    const a = ours(claimA);
    const b = ours(await claimDueSources(fx.handle.db, { owner: 'b', now: clock.now(), leaseMs: 60_000, limit: 100 }));
    expect(a.sort()).toEqual(['claim-0', 'claim-1', 'claim-2', 'claim-3', 'claim-4', 'claim-5']);
    expect(b).toEqual([]);
    expect((await getSource(fx.handle.db, 'claim-3'))!.leaseOwner).toBe('a');
    // Owner a dies: nothing renews its leases. One minute later they are anybody's.
    clock.advance(60_000);
    const c = ours(await claimDueSources(fx.handle.db, { owner: 'c', now: clock.now(), leaseMs: 60_000, limit: 100 }));
    expect(c.sort()).toEqual(a);
    // And a's late write cannot overwrite c's hold.
    const written = await settleChecks(
      fx.handle.db,
      [{ sourceId: 'claim-0', etag: null, lastModified: null, lastCheckedAt: clock.now(), lastOutcome: 'unchanged', failureStreak: 0, goneStreak: 0, goneAt: null, shrinkHash: null, shrinkSightings: 0, nextCheckAt: clock.now(), event: null }],
      [],
      { leaseToken: claimA[0]!.leaseToken },
    );
    expect(written.size).toBe(0);
    expect((await getSource(fx.handle.db, 'claim-0'))!.leaseOwner).toBe('c');
    await fx.handle.db.execute(sql`update sources set lease_owner = null, lease_until = null, enabled = false where id like 'claim-%'`);
  });

  it('checks every due source once per slot, records the slot, and schedules the next one', async () => {
    const sources = await setup('slot', 25);
    const first = await runClaimedPass(deps(), sources, { owner: 'w1', ...pass });
    expect(first.checked).toBe(25);
    expect(first.outcomes.new).toBe(25);
    expect(requestsFor('slot')).toBe(25);
    const s0 = (await getSource(fx.handle.db, 'slot-0'))!;
    expect(s0.leaseOwner).toBeNull();
    expect(s0.nextCheckAt!.toISOString()).toBe('2024-05-01T08:10:00.000Z');
    // Nothing is due before the slot: a second pass checks nothing.
    expect((await runClaimedPass(deps(), sources, { owner: 'w2', ...pass })).checked).toBe(0);
    clock.set('2024-05-01T08:10:05Z');
    const second = await runClaimedPass(deps(), sources, { owner: 'w2', ...pass });
    expect(second.checked).toBe(25);
    expect(second.outcomes.unchanged).toBe(25);
    expect(requestsFor('slot')).toBe(50);
    const checks = await listChecks(fx.handle.db, 'slot-7', 10);
    expect(checks.map((c) => c.dueAt?.toISOString() ?? null)).toEqual(['2024-05-01T08:10:00.000Z', null]);
    expect((await getSource(fx.handle.db, 'slot-7'))!.nextCheckAt!.toISOString()).toBe('2024-05-01T08:20:00.000Z');
  });

  it('stops claiming when aborted and gives back what it had not started', async () => {
    const sources = await setup('abort', 8);
    const controller = new AbortController();
    let started = 0;
    const summary = await runClaimedPass(
      { ...deps(), http: { ...fx.http, fetchPage: async (req, s) => (++started === 2 && controller.abort(), fx.http.fetchPage(req, s)) } },
      sources,
      { owner: 'w-abort', ...pass, concurrency: 1, signal: controller.signal },
    );
    expect(summary.checked).toBe(2);
    const rows = await executeRows<{ id: string; lease_owner: string | null; last_checked_at: unknown }>(
      fx.handle.db,
      sql`select id, lease_owner, last_checked_at from sources where id like 'abort-%' order by id`,
    );
    expect(rows.every((r) => r.lease_owner === null)).toBe(true);
    expect(rows.filter((r) => r.last_checked_at !== null)).toHaveLength(2);
    // The six released sources are still due: the next worker takes them at once.
    expect((await runClaimedPass(deps(), sources, { owner: 'w-next', ...pass })).checked).toBe(6);
  });

  it('declares a page gone after three 404s with one notification, and announces its return', async () => {
    const sources = await setup('vanish', 1, { schedule: '* * * * *', notify: ['log'] });
    const policy = { backoffBaseMs: 1, backoffMaxMs: 1, goneAfter: 3 };
    const run = async () => {
      clock.advance(60_000);
      return runClaimedPass(deps(), sources, { owner: 'w', ...pass, policy });
    };
    await run(); // first capture
    fx.server.setRoute('/vanish/0', { status: 404, body: 'gone' });
    for (let i = 0; i < 5; i++) expect((await run()).outcomes.gone).toBe(1);
    const gone = (await getSource(fx.handle.db, 'vanish-0'))!;
    expect(gone.goneAt).not.toBeNull();
    expect(gone.failureStreak).toBe(5);
    fx.server.setRoute('/vanish/0', { body: smallPage('vanish 0', 0) });
    expect((await run()).outcomes.unchanged).toBe(1);
    expect((await getSource(fx.handle.db, 'vanish-0'))!.goneAt).toBeNull();
    const events = (await listDeliveries(fx.handle.db)).filter((d) => d.source === 'vanish-0' && d.kind === 'event');
    expect(events.map((e) => e.subject).sort()).toEqual(['gone', 'recovered']);
  });
});
