import { describe, expect, it } from 'vitest';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { runCheckPass } from '../../src/check/check-pass.ts';
import { getChange, listChanges } from '../../src/store/queries/changes.ts';
import { listChecks } from '../../src/store/queries/checks.ts';
import { getSource, listSourceUrls, syncSources } from '../../src/store/queries/sources.ts';
import { listVersions, versionAt } from '../../src/store/queries/versions.ts';
import { revisionHtml } from '../helpers/snapshots.ts';
import { backend } from '../helpers/test-db.ts';
import { usePipelineFixture } from '../helpers/pipeline-fixture.ts';

/**
 * The whole pipeline (fetch → extract → diff → store) over a local HTTP server, on the backend
 * this run selects. Each test uses its own source id and its own path on the server.
 */
describe(`check pipeline (${backend})`, () => {
  const fx = usePipelineFixture('2017-07-10T06:00:00Z');
  const { clock, log } = fx;

  async function setup(id: string) {
    const sources = resolveSources({ sources: [{ id, url: fx.server.url(`/${id}/`), notify: [] }], fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 } });
    await syncSources(fx.handle.db, sources, clock.now());
    const deps = { db: fx.handle.db, http: fx.http, clock, log };
    return { sources, check: async () => (await runCheckPass(deps, sources, { all: true }))[0]! };
  }

  it('stores one version and two checks for an unchanged page checked twice', async () => {
    const { check } = await setup('unchanged');
    fx.server.setRoute('/unchanged/', { body: revisionHtml('2017-07-05') });
    expect((await check()).outcome).toBe('new');
    clock.advance(86_400_000);
    expect((await check()).outcome).toBe('unchanged');
    expect(await listVersions(fx.handle.db, 'unchanged')).toHaveLength(1);
    const checks = await listChecks(fx.handle.db, 'unchanged', 10);
    expect(checks.map((c) => c.outcome).sort()).toEqual(['new', 'unchanged']);
    const [v] = await listVersions(fx.handle.db, 'unchanged');
    expect(v!.lastSeenAt.getTime()).toBeGreaterThan(v!.capturedAt.getTime());
  });

  it('stores no new version when only a rotating token or timestamp in the chrome changes', async () => {
    const { check } = await setup('noisy');
    const base = revisionHtml('2017-10-26');
    const noisy = (n: number) =>
      base
        .replace('</head>', `<meta name="csrf-token" content="tok-${n}-${n * 7919}"></head>`)
        .replace('</body>', `<footer><p>Page generated at 2017-11-0${n} 10:0${n}:00 — request ${n}</p></footer></body>`);
    fx.server.setRoute('/noisy/', { body: noisy(1) });
    expect((await check()).outcome).toBe('new');
    for (const n of [2, 3]) {
      fx.server.setRoute('/noisy/', { body: noisy(n) });
      clock.advance(3_600_000);
      expect((await check()).outcome).toBe('unchanged');
    }
    expect(await listVersions(fx.handle.db, 'noisy')).toHaveLength(1);
    expect(await listChanges(fx.handle.db, { sourceId: 'noisy' })).toHaveLength(1); // the first capture only
  });

  it('answers a 304 with not_modified after sending the stored ETag', async () => {
    const { check } = await setup('etag');
    const body = revisionHtml('2017-07-05');
    fx.server.setRoute('/etag/', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' }).end();
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' }).end(body);
      }
    });
    expect((await check()).outcome).toBe('new');
    clock.advance(60_000);
    expect((await check()).outcome).toBe('not_modified');
    expect(fx.server.requests.filter((r) => r.path === '/etag/').at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(await listVersions(fx.handle.db, 'etag')).toHaveLength(1);
  });

  it('stores the 26 October 2017 revision as a change that adds the EU section', async () => {
    const { check } = await setup('revision');
    fx.server.setRoute('/revision/', { body: revisionHtml('2017-07-05') });
    await check();
    clock.advance(100 * 86_400_000);
    fx.server.setRoute('/revision/', { body: revisionHtml('2017-10-26') });
    const result = await check();
    expect(result.outcome).toBe('changed');
    const row = await getChange(fx.handle.db, result.stored!.changeId);
    expect(row!.change!.sections.added).toEqual(['Relations with the European Union']);
    expect(row!.change!.updated).toEqual({ from: '2017-07-05', to: '2017-10-26' });
    expect(row!.change!.figures.removed).toEqual([]);
    expect(row!.change!.figures.changed).toEqual([]);
    expect(row!.fromVersion!.seq).toBe(1);
    expect(row!.toVersion.seq).toBe(2);
    const before = await versionAt(fx.handle.db, 'revision', new Date(clock.now().getTime() - 1));
    expect(before!.document.updated).toBe('2017-07-05');
  });

  it('records a failed fetch with its reason, stores nothing, and recovers on the next run', async () => {
    const { check } = await setup('flaky');
    fx.server.setRoute('/flaky/', { status: 500, body: 'oops' });
    const failed = await check();
    expect(failed.outcome).toBe('fetch_error');
    expect(await listVersions(fx.handle.db, 'flaky')).toHaveLength(0);
    const [c] = await listChecks(fx.handle.db, 'flaky', 10);
    expect(c!.error).toMatch(/500/);
    expect((await getSource(fx.handle.db, 'flaky'))!.failureStreak).toBe(1);
    fx.server.setRoute('/flaky/', { body: revisionHtml('2017-07-05') });
    clock.advance(60_000);
    expect((await check()).outcome).toBe('new');
    expect((await getSource(fx.handle.db, 'flaky'))!.failureStreak).toBe(0);
  });

  it('records a page with no content as extraction_failed without a version or change', async () => {
    const { check } = await setup('broken');
    fx.server.setRoute('/broken/', { body: '<html><body></body></html>' });
    const r = await check();
    expect(r.outcome).toBe('extraction_failed');
    expect(await listVersions(fx.handle.db, 'broken')).toHaveLength(0);
    expect(await listChanges(fx.handle.db, { sourceId: 'broken' })).toHaveLength(0);
  });

  it('follows a permanent redirect, records the new URL and reports the move', async () => {
    const { check } = await setup('moved');
    fx.server.setRoute('/moved/', { body: revisionHtml('2017-10-26') });
    await check();
    fx.server.setRoute('/moved/', { status: 301, headers: { location: '/moved-65083/' } });
    fx.server.setRoute('/moved-65083/', { body: revisionHtml('2020-05') });
    clock.advance(900 * 86_400_000);
    const r = await check();
    expect(r.outcome).toBe('changed');
    expect(r.finalUrl).toBe(fx.server.url('/moved-65083/'));
    const urls = await listSourceUrls(fx.handle.db, 'moved');
    expect(urls.map((u) => u.url)).toContain(fx.server.url('/moved-65083/'));
    const row = await getChange(fx.handle.db, r.stored!.changeId);
    expect(row!.change!.url).toEqual({ from: fx.server.url('/moved/'), to: fx.server.url('/moved-65083/') });
    expect(row!.change!.sections.removed.length).toBeGreaterThan(0);
  });
});
