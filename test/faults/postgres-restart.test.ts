import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckPass } from '../../src/check/check-pass.ts';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { resolveSources, type ResolvedSource } from '../../src/config/resolve-source.ts';
import { createHttpClient, type HttpClient } from '../../src/fetch/index.ts';
import { openDatabase, type DatabaseHandle } from '../../src/store/open-database.ts';
import { listChanges } from '../../src/store/queries/changes.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { listVersions } from '../../src/store/queries/versions.ts';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { revisionHtml } from '../helpers/snapshots.ts';
import { canRunThrowawayPostgres, startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/throwaway-postgres.ts';

/**
 * PostgreSQL stops in the middle of a pass and comes back (issue 5, "Done when"). On a
 * throwaway server of our own (initdb in /tmp, own port, as the postgres user), never the shared
 * one. Runs wherever the server binaries exist and we may act as the postgres user (CI runs as
 * root), whichever backend the rest of the suite uses.
 *
 * The promise checked: the pass that lost its database fails cleanly (an error, no hang, no
 * half-written version); the next pass, with the SAME connection pool (postgres.js reconnects by
 * itself), checks every page again and ends with each page's correct version stored exactly once.
 */

const REVISIONS = ['2017-07-05', '2017-10-26', '2020-05'] as const;
/** Declared revision stamps of those snapshots, as the extractor reads them. */
const STAMPS = { '2017-07-05': '2017-07-05', '2017-10-26': '2017-10-26', '2020-05': '2020-05' } as const;
const SOURCES = 8;
/** The page whose fetch pulls the plug: sources before it (and beside it) are mid-flight. */
const STOP_AT = 4;

/** postgres.js pool size in openDatabase: at most this many stale connections to replace. */
const POOL_MAX = 5;

/** Runs `fn` as the scheduler would on successive ticks until one succeeds (at most 10). */
async function untilTickSucceeds<T>(fn: () => Promise<T>): Promise<{ value: T; ticks: number }> {
  for (let tick = 1; ; tick += 1) {
    try {
      return { value: await fn(), ticks: tick };
    } catch (err) {
      if (tick >= 10) throw err;
    }
  }
}

/** The test's own reads right after the restart may meet a stale pooled connection too. */
async function retried<T>(fn: () => Promise<T>): Promise<T> {
  return (await untilTickSucceeds(fn)).value;
}

describe.runIf(canRunThrowawayPostgres())('PostgreSQL stopped and restarted mid-pass (throwaway server)', () => {
  let pg: ThrowawayPostgres;
  let handle: DatabaseHandle;
  let server: PageServer;
  let http: HttpClient;
  let sources: ResolvedSource[];
  const clock = new ManualClock('2024-05-01T06:00:00Z');
  const log = silentLogger();
  const revisionOf = (i: number) => REVISIONS[i % REVISIONS.length]!;

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    handle = await openDatabase({ databaseUrl: pg.url });
    server = await startPageServer();
    http = createHttpClient({ allowNetworks: ['127.0.0.0/8'], retries: 0, robots: false }, { clock, log, sleep: async () => {} });
    sources = resolveSources({
      sources: Array.from({ length: SOURCES }, (_, i) => ({ id: `page-${i}`, url: server.url(`/page-${i}/`), notify: [] })),
      fetch: { allowNetworks: ['127.0.0.0/8'] },
    });
    await syncSources(handle.db, sources, clock.now());
  }, 120_000);
  afterAll(async () => {
    await http?.close();
    await server?.close();
    await handle?.close().catch(() => undefined);
    await pg?.destroy();
  });

  it('fails the interrupted pass cleanly, then stores every page exactly once after the restart', async () => {
    let stopped = false;
    for (let i = 0; i < SOURCES; i += 1) {
      const html = revisionHtml(revisionOf(i));
      server.setRoute(`/page-${i}/`, async (_req, res) => {
        if (i === STOP_AT && !stopped) {
          stopped = true;
          await pg.stop(); // the database goes away while this pass is running
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      });
    }

    clock.advance(60_000);
    const deps = { db: handle.db, http, clock, log };
    await expect(runCheckPass(deps, sources, { all: true, concurrency: 2 })).rejects.toThrow();
    expect(stopped).toBe(true);

    await pg.start();
    // The interrupted pass had stored some pages, not all: the restart really came mid-pass.
    const stored = await retried(() => Promise.all(sources.map((s) => listVersions(handle.db, s.id))));
    const storedBefore = stored.filter((v) => v.length > 0).length;
    expect(storedBefore).toBeGreaterThan(0);
    expect(storedBefore).toBeLessThan(SOURCES);
    // Ticks, as `watch` runs them: due sources only. The failed pass settled nothing, so every
    // source is still due. A pooled connection that was idle across the restart fails its first
    // query ("terminating connection due to administrator command") and is replaced: that tick
    // fails cleanly too, and a later one succeeds, on the same pool.
    const { value: results, ticks } = await untilTickSucceeds(() => runCheckPass(deps, sources, { concurrency: 2 }));
    expect(ticks).toBeLessThanOrEqual(POOL_MAX + 1);
    expect(results.map((r) => r.sourceId).sort()).toEqual(sources.map((s) => s.id).sort());
    for (const r of results) expect(['new', 'unchanged']).toContain(r.outcome);

    for (let i = 0; i < SOURCES; i += 1) {
      const versions = await listVersions(handle.db, `page-${i}`);
      expect(versions, `page-${i}`).toHaveLength(1);
      expect(versions[0]!.updated, `page-${i}`).toBe(STAMPS[revisionOf(i)]);
      expect(await listChanges(handle.db, { sourceId: `page-${i}` }), `page-${i}`).toHaveLength(1);
    }

    // And the next pass finds nothing due and nothing new: the state was settled once.
    clock.advance(60_000);
    expect(await runCheckPass(deps, sources)).toEqual([]);
  }, 120_000);

  it('fails a pass cleanly while the database is down, and works again once it is back', async () => {
    await pg.stop();
    clock.advance(86_400_000);
    const deps = { db: handle.db, http, clock, log };
    await expect(runCheckPass(deps, sources, { all: true })).rejects.toThrow();
    await pg.start();
    const { value: results } = await untilTickSucceeds(() => runCheckPass(deps, sources, { all: true }));
    expect(results.map((r) => r.outcome)).toEqual(sources.map(() => 'unchanged'));
    for (const s of sources) expect(await listVersions(handle.db, s.id)).toHaveLength(1);
  }, 120_000);
});
