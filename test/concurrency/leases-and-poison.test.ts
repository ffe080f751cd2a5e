import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runCheckPass } from '../../src/check/check-pass.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import type { RawConfig } from '../../src/config/schema.ts';
import { judgeInline } from '../../src/judge/judge-inline.ts';
import type { JudgePage } from '../../src/judge/judge-pool.ts';
import { runClaimedPass } from '../../src/schedule/run-claimed-pass.ts';
import { executeRows } from '../../src/store/execute-rows.ts';
import { getSource, syncSources } from '../../src/store/queries/sources.ts';
import { latestVersionHeads } from '../../src/store/queries/versions.ts';
import { checkSource } from '../../src/check/check-source.ts';
import { usePipelineFixture } from '../helpers/pipeline-fixture.ts';
import { backend } from '../helpers/test-db.ts';
import { page } from './cli-env.ts';
import { expectOneHistory } from './history-invariants.ts';

/**
 * Leases fence writes, a failing batch gives its sources back, and no page's content can make the
 * store fail for anyone but that page (issue 13). In process, on this run's backend, with a manual
 * clock: a lease expires because the test moves time.
 */
describe(`leases and poisoned pages (${backend})`, () => {
  const fx = usePipelineFixture('2024-05-01T08:00:00Z');
  const pass = { leaseMs: 60_000, batchSize: 10, concurrency: 2 };

  async function setup(prefix: string, n: number, fetch: RawConfig['fetch'] = { allowNetworks: ['127.0.0.0/8'], retries: 0 }) {
    const config: RawConfig = {
      sources: Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, url: fx.server.url(`/${prefix}/${i}`), schedule: '*/10 * * * *', notify: ['log'] })),
      channels: { log: { type: 'file', path: '/dev/null' } },
      fetch,
    };
    for (let i = 0; i < n; i++) fx.server.setRoute(`/${prefix}/${i}`, { body: page(i, 0) });
    const sources = resolveSources(config);
    await syncSources(fx.handle.db, sources, fx.clock.now());
    return sources;
  }
  const deps = (judge?: JudgePage) => ({ db: fx.handle.db, http: fx.http, clock: fx.clock, log: fx.log, ...(judge ? { judge } : {}) });

  it('a worker whose lease expires during a slow parse stores nothing; the worker that took the source over stores it once', async () => {
    const sources = await setup('slow', 3);
    let taken: Promise<unknown> | null = null;
    // The parse of A is slow: meanwhile its lease runs out and worker B claims and checks everything.
    const slowParse: JudgePage = async (task) => {
      if (!taken) {
        fx.clock.advance(pass.leaseMs + 1_000);
        taken = runClaimedPass(deps(), sources, { ...pass, owner: 'B' });
        await taken;
      }
      return judgeInline(task);
    };
    const a = await runClaimedPass(deps(slowParse), sources, { ...pass, owner: 'A', concurrency: 1 });
    expect(a.lostLeases).toBeGreaterThan(0);
    await expectOneHistory(fx.handle.db, 'slow', 3, () => 1, 1);
    for (const s of sources) expect((await getSource(fx.handle.db, s.id))!.leaseOwner).toBeNull();
  });

  it('a database failure at the start of a batch strands no source: renewal stops, the batch is given back, the next pass checks it', async () => {
    const sources = await setup('blip', 6);
    const timers: Array<{ cleared: boolean }> = [];
    let failOnce = true;
    const summary = await runClaimedPass(
      {
        ...deps(),
        readHeads: async (ids) => {
          if (failOnce) {
            failOnce = false;
            throw Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' });
          }
          return latestVersionHeads(fx.handle.db, ids);
        },
      },
      sources,
      {
        ...pass,
        batchSize: 100,
        owner: 'blip-worker',
        setInterval: () => {
          const t = { cleared: false };
          timers.push(t);
          return t as unknown as NodeJS.Timeout;
        },
        clearInterval: (h) => ((h as { cleared: boolean }).cleared = true),
      },
    ).then(
      (s) => s,
      (e: unknown) => e,
    );
    // The pass fails with the blip, but every renewal timer it started was stopped…
    expect(summary).toBeInstanceOf(Error);
    expect(timers.length).toBeGreaterThan(0);
    expect(timers.every((t) => t.cleared)).toBe(true);
    // …and no source is left leased: the next pass (no clock change) checks all six.
    const [leased] = await executeRows<{ n: number }>(fx.handle.db, sql`select count(*)::int as n from sources where id like 'blip%' and lease_owner is not null`);
    expect(leased!.n).toBe(0);
    const next = await runClaimedPass(deps(), sources, { ...pass, owner: 'blip-2' });
    expect(next.checked).toBe(6);
    await expectOneHistory(fx.handle.db, 'blip', 6, () => 1, 1);
  });

  it('a source whose check keeps failing outside the check (the database) is tried once per pass, and the pass ends', async () => {
    const sources = await setup('hot', 4);
    const calls = new Map<string, number>();
    const summary = await runClaimedPass(
      {
        ...deps(),
        check: (d, source, state, sink) => {
          calls.set(source.id, (calls.get(source.id) ?? 0) + 1);
          if (source.id === 'hot2') throw Object.assign(new Error('relation does not exist'), { code: '42P01' });
          return checkSource(d, source, state, sink);
        },
      },
      sources,
      { ...pass, batchSize: 1, owner: 'hot-worker' },
    );
    expect(Object.fromEntries(calls)).toEqual({ hot0: 1, hot1: 1, hot2: 1, hot3: 1 });
    expect(summary.checked).toBe(3);
    expect((await getSource(fx.handle.db, 'hot2'))!.leaseOwner).toBeNull();
  });

  it('a pass with pages that cannot be stored as they are finishes, stores the rest, and asks each bad page at most retries + 1 times', async () => {
    const retries = 1;
    const n = 8;
    const sources = await setup('poison', n, { allowNetworks: ['127.0.0.0/8'], retries });
    const long = 'x'.repeat(3_000);
    const bad: Record<number, string> = {
      0: `<!doctype html><html lang="en"><head><title>NUL</title></head><body><main><h1>NUL \u0000 page</h1><p>Aid reached €3\u0000.5 million in 2016.\u0000</p></main></body></html>`,
      1: `<!doctype html><html lang="en"><head><title>Word</title></head><body><main><h1>Word</h1><p>Aid reached €3.5 million${'a'.repeat(9_000)} in 2016.</p></main></body></html>`,
      2: `<!doctype html><html lang="en"><head><title>Heading</title></head><body><main><h1>${'Long heading '.repeat(1_000)}</h1><p>Aid reached €3.5 million in 2016.</p><h2>${'H'.repeat(10_000)}</h2><p>Trade: 5 %.</p></main></body></html>`,
    };
    for (const [i, body] of Object.entries(bad)) fx.server.setRoute(`/poison/${i}`, { body });
    fx.server.setRoute('/poison/3', { status: 302, headers: { location: `/poison/far?${long}${long}` } });
    const results = await runCheckPass(deps(judgeInline), sources, { all: true });
    expect(results).toHaveLength(n);
    for (let i = 4; i < n; i++) expect(results[i]).toMatchObject({ outcome: 'new', error: null });
    // Each hostile page is either stored cleaned (no control character, bounded keys) or is its own failed check.
    for (let i = 0; i <= 3; i++) {
      const r = results[i]!;
      if (r.outcome === 'new') {
        const [doc] = await executeRows<{ d: string }>(fx.handle.db, sql`select document::text as d from versions where source_id = ${`poison${i}`}`);
        expect(doc!.d).not.toMatch(/\\u0000/);
      } else {
        expect(['fetch_error', 'extraction_failed', 'store_failed']).toContain(r.outcome);
        expect(r.error?.message ?? '').not.toMatch(/params:|insert into/i);
      }
      const asked = fx.server.requests.filter((q) => q.path.startsWith(`/poison/${i}`)).length;
      expect(asked).toBeLessThanOrEqual(retries + 1);
    }
    expect(results[3]).toMatchObject({ outcome: 'fetch_error', error: { code: 'url_too_long' } });
  });

  it('a version the database refuses is that source’s failed check, with backoff; the others in the pass are stored', async () => {
    const sources = await setup('refused', 3);
    // A document the extractor would never make (its heading holds NUL, which jsonb cannot store):
    // the store statement fails for this source alone.
    const poisoned: JudgePage = async (task) => {
      const out = await judgeInline(task);
      if (out.kind !== 'new' || !task.capture.url.endsWith('/refused/1')) return out;
      return { ...out, document: { ...out.document, title: 'bad \u0000 title' } };
    };
    const results = await runCheckPass(deps(poisoned), sources, { all: true });
    expect(results.map((r) => r.outcome)).toEqual(['new', 'store_failed', 'new']);
    expect(results[1]!.error).toMatchObject({ code: 'store_rejected' });
    expect(results[1]!.error!.message).toMatch(/SQLSTATE 22/);
    expect(results[1]!.error!.message).not.toMatch(/params|insert into|bad/);
    const row = await getSource(fx.handle.db, 'refused1');
    expect(row).toMatchObject({ failureStreak: 1, lastOutcome: 'store_failed' });
    expect(row!.nextCheckAt!.getTime()).toBeGreaterThan(fx.clock.now().getTime());
    await expectOneHistory(fx.handle.db, 'refused', 3, (i) => (i === 1 ? 0 : 1), 1);
  });
});
