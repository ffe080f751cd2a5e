import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckPass } from '../../src/check/check-pass.ts';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { createHttpClient, type HttpClient } from '../../src/fetch/index.ts';
import { createJudgePool, type JudgePool } from '../../src/judge/judge-pool.ts';
import { executeRows } from '../../src/store/execute-rows.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { page } from '../concurrency/cli-env.ts';
import { deeplyNested, gzipBomb, stallMidBody } from '../helpers/fault-server.ts';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';

/**
 * Issue 14's acceptance pass: 20 pages, 5 of them hostile — a 2 MB ReDoS-style page, absurd
 * nesting, NUL bytes, a gzip bomb and a slow drip. The pass finishes; the 15 normal pages are
 * stored; each hostile one is recorded with its reason (the NUL page is stored, cleaned); the
 * main thread never stalls (parsing runs on a worker with a deadline); and the same sources check
 * cleanly once the server behaves.
 */
describe(`a pass with hostile pages among normal ones (${backend})`, () => {
  let handle: DatabaseHandle;
  let server: PageServer;
  let http: HttpClient;
  let pool: JudgePool;
  const clock = new ManualClock('2024-06-01T08:00:00Z');
  const log = silentLogger();
  beforeAll(async () => {
    handle = await openTestDatabase();
    server = await startPageServer();
    http = createHttpClient({ allowNetworks: ['127.0.0.0/8'], retries: 0, bodyTimeoutMs: 1_500, headersTimeoutMs: 15_000, maxBytes: 4 * 1024 * 1024 }, { clock, log, sleep: async () => {} });
    pool = createJudgePool({ threads: 1, deadlineMs: 3_000 });
  });
  afterAll(async () => {
    await pool?.close();
    await http?.close();
    await server?.close();
    await handle?.close();
  });

  it('finishes, stores the 15 normal pages, records the 5 hostile ones with their reasons, and stays healthy', async () => {
    const redos = `<!doctype html><html lang="en"><head><title>ReDoS</title></head><body><main><h1>ReDoS</h1><p>${'1 million €1 1 % third-largest 10 October 2011, '.repeat(45_000)}</p></main></body></html>`;
    expect(redos.length).toBeGreaterThan(2_000_000);
    const hostile: Record<string, Parameters<PageServer['setRoute']>[1]> = {
      redos: { body: redos },
      nesting: { body: deeplyNested(5_000) },
      nul: { body: `<!doctype html><html lang="en"><head><title>NUL\u0000</title></head><body><main><h1>NUL \u0000 page</h1><p>Aid reached €3\u0000.5 million in 2016.</p></main></body></html>` },
      bomb: gzipBomb(64 * 1024 * 1024),
      drip: stallMidBody(page(99, 0).replace('</main>', `<p>${'Slow. '.repeat(500)}</p></main>`), 5_000),
    };
    // One hostile page, then three normal ones, five times over: the bad ones mixed in.
    const names = Object.keys(hostile);
    const ids = names.flatMap((name, k) => [name, ...[0, 1, 2].map((j) => `ok${3 * k + j}`)]);
    for (const [name, route] of Object.entries(hostile)) server.setRoute(`/adv/${name}`, route);
    for (let i = 0; i < 15; i++) server.setRoute(`/adv/ok${i}`, { body: page(i, 0) });
    const sources = resolveSources({
      sources: ids.map((id) => ({ id: `adv-${id}`, url: server.url(`/adv/${id}`), notify: [] })),
      fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0, bodyTimeoutMs: 1_500, headersTimeoutMs: 15_000, maxBytes: 4 * 1024 * 1024 },
    });
    await syncSources(handle.db, sources, clock.now());

    // The main thread's heartbeat: a parse on it would show as a gap of seconds.
    let last = performance.now();
    let worstGap = 0;
    const beat = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 20);
    let results;
    try {
      results = await runCheckPass({ db: handle.db, http, clock, log, judge: pool.judge }, sources, { all: true });
    } finally {
      clearInterval(beat);
    }
    const by = new Map(results.map((r) => [r.sourceId.replace('adv-', ''), r]));
    expect(results).toHaveLength(20);
    for (let i = 0; i < 15; i++) expect(by.get(`ok${i}`), `ok${i}`).toMatchObject({ outcome: 'new', error: null });
    expect(by.get('nesting')).toMatchObject({ outcome: 'extraction_failed', error: { code: 'suspect_page' } });
    expect(by.get('bomb')).toMatchObject({ outcome: 'fetch_error', error: { code: 'too_large' } });
    expect(by.get('drip')!.outcome).toBe('fetch_error');
    expect(by.get('drip')!.error!.code).toMatch(/timeout/);
    // The 2 MB pattern page: extracted in linear time and refused for its 200,000 figures, or stopped
    // at the parse deadline — never a stall, never 200,000 rows.
    const redosResult = by.get('redos')!;
    expect(redosResult.outcome).toBe('extraction_failed');
    expect(['too_many_figures', 'too_slow']).toContain(redosResult.error!.code);
    // The NUL page is stored, with no control character left in what was stored.
    expect(by.get('nul')).toMatchObject({ outcome: 'new', error: null });
    const [doc] = await executeRows<{ d: string }>(handle.db, sql`select document::text as d from versions where source_id = 'adv-nul'`);
    expect(doc!.d).not.toMatch(/\\u0000|\u0000/);
    expect(worstGap).toBeLessThan(1_500);

    // Healthy afterwards: the same sources check cleanly once the server behaves.
    for (const name of Object.keys(hostile)) server.setRoute(`/adv/${name}`, { body: page(50, 0) });
    clock.advance(86_400_000);
    const again = await runCheckPass({ db: handle.db, http, clock, log, judge: pool.judge }, sources, { all: true });
    expect(again.filter((r) => r.error)).toEqual([]);
  }, 120_000);
});
