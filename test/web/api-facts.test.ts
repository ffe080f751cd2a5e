import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { figureSeries } from '../../src/store/queries/figures.ts';
import { listVersions } from '../../src/store/queries/versions.ts';
import { createWebApp } from '../../src/web/create-app.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { HOSTILE, NK, seedDatabase, tagSeededSources } from './seed.ts';

/** `/api/facts` and `/api/facts/:series` through the hono app, on a history the real pipeline made. */
describe(`facts API (${backend})`, () => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof createWebApp>;
  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedDatabase(handle.db);
    await tagSeededSources(handle.db);
    app = createWebApp({ db: handle.db, clock: new ManualClock('2024-02-01T10:00:00Z'), log: silentLogger(), token: null });
  });
  afterAll(async () => {
    await handle?.close();
  });

  const json = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, body: (await res.json()) as any };
  };
  const expectError = async (path: string, status: number, code: string, message?: RegExp) => {
    const { status: s, body } = await json(path);
    expect(s, path).toBe(status);
    expect(body.error.code, path).toBe(code);
    if (message) expect(body.error.message, path).toMatch(message);
  };

  it('lists every series of both sources in the CLI shape', async () => {
    const { status, body } = await json('/api/facts');
    expect(status).toBe(200);
    const nkLatest = await figureSeries(handle.db, NK);
    for (const f of nkLatest) expect(body.facts.some((r: any) => r.source === NK && r.series === f.series)).toBe(true);
    for (const r of body.facts) {
      expect(Object.keys(r)).toEqual(['source', 'series', 'label', 'kind', 'unit', 'latest', 'previous', 'changedAt', 'versions', 'removed']);
      expect(Object.keys(r.latest)).toEqual(['value', 'period', 'version', 'capturedAt']);
      if (r.previous !== null) expect(Object.keys(r.previous)).toEqual(['value', 'period', 'version']);
      expect(typeof r.label).toBe('string');
    }
    const trade = body.facts.find((r: any) => r.source === HOSTILE && r.latest.value === 24_000_000);
    expect(trade).toMatchObject({ kind: 'money', unit: 'EUR', previous: { value: 20_000_000, version: 1 }, latest: { version: 2, capturedAt: '2019-04-05T06:00:00.000Z' }, versions: 2 });
    expect(trade.label).toMatch(/trade/iu);
  });

  it('filters as the CLI does', async () => {
    const all = (await json('/api/facts')).body.facts as any[];
    expect((await json(`/api/facts?source=${HOSTILE}`)).body.facts).toEqual(all.filter((r) => r.source === HOSTILE));
    expect((await json('/api/facts?kind=count')).body.facts).toEqual(all.filter((r) => r.kind === 'count'));
    expect((await json('/api/facts?unit=EUR')).body.facts).toEqual(all.filter((r) => r.unit === 'EUR'));
    expect((await json('/api/facts?since=2019-01-01')).body.facts).toEqual(all.filter((r) => r.changedAt >= '2019-01-01'));
    const trade = (await json('/api/facts?q=Bilateral%20Trade')).body.facts as any[];
    expect(trade.length).toBeGreaterThan(0);
    expect(trade.every((r) => all.some((a) => a.source === r.source && a.series === r.series))).toBe(true);
    expect((await json('/api/facts?q=')).body.facts).toEqual(all);
  });

  it('filters by ?tag= (repeatable or comma-separated: any of them), with the other filters', async () => {
    const all = (await json('/api/facts')).body.facts as any[];
    const nk = all.filter((r) => r.source === NK);
    const hostile = all.filter((r) => r.source === HOSTILE);
    expect(nk.length).toBeGreaterThan(0);
    expect(hostile.length).toBeGreaterThan(0);
    expect((await json('/api/facts?tag=asia')).body.facts).toEqual(nk);
    expect((await json('/api/facts?tag=test')).body.facts).toEqual(hostile);
    expect((await json('/api/facts?tag=asia&tag=test')).body.facts).toEqual(all);
    expect((await json('/api/facts?tag=test,diplomatie')).body.facts).toEqual(all);
    const nowhere = await json('/api/facts?tag=nowhere');
    expect(nowhere).toEqual({ status: 200, body: { facts: [] } });
    expect((await json(`/api/facts?tag=asia&source=${HOSTILE}`)).body.facts).toEqual([]);
    const money = (await json('/api/facts?tag=test&kind=money')).body.facts as any[];
    expect(money).toEqual(hostile.filter((r) => r.kind === 'money'));
    expect(money.map((r) => r.latest.value)).toEqual(expect.arrayContaining([7_500_000, 24_000_000]));
    await expectError('/api/facts?tag=Asia!', 400, 'bad_parameter', /tag/u);
  });

  it('rejects bad filters with 400 and an unknown source with 404', async () => {
    await expectError('/api/facts?kind=moneys', 400, 'bad_parameter', /kind/u);
    await expectError('/api/facts?since=2017-02-30', 400, 'bad_parameter', /since/u);
    await expectError('/api/facts?colour=red', 400, 'bad_parameter', /colour/u);
    await expectError(`/api/facts?q=${'x'.repeat(201)}`, 400, 'bad_parameter', /q/u);
    await expectError('/api/facts?q=%01', 400, 'bad_parameter', /control/u);
    await expectError('/api/facts?source=nope', 404, 'not_found');
  });

  it('gives one series oldest first with evidence and a citation, by source/series or ?source=', async () => {
    const trade = ((await json(`/api/facts?source=${HOSTILE}`)).body.facts as any[]).find((r) => r.latest.value === 24_000_000);
    const qualified = await json(`/api/facts/${HOSTILE}/${trade.series}`);
    expect(qualified.status).toBe(200);
    expect((await json(`/api/facts/${encodeURIComponent(`${HOSTILE}/${trade.series}`)}`)).body).toEqual(qualified.body);
    expect((await json(`/api/facts/${trade.series}?source=${HOSTILE}`)).body).toEqual(qualified.body);
    const { source, series, points } = qualified.body;
    expect([source, series]).toEqual([HOSTILE, trade.series]);
    expect(points.map((p: any) => [p.version, p.value])).toEqual([
      [1, 20_000_000],
      [2, 24_000_000],
    ]);
    const versions = await listVersions(handle.db, HOSTILE);
    for (const p of points) {
      expect(Object.keys(p)).toEqual(['version', 'capturedAt', 'value', 'period', 'raw', 'sentence', 'url', 'evidence', 'citation']);
      const v = versions.find((x) => x.seq === p.version)!;
      expect(p.capturedAt).toBe(v.capturedAt.toISOString());
      expect(p.evidence).toMatchObject({ contentHash: v.contentHash, finalUrl: v.url, archiveUrl: null });
      expect(p.citation).toBe(`127.0.0.1, '<script>window.__pwned = "script"</script> Hostile page', ${v.url}, captured ${p.version === 1 ? '5 March 2018' : '5 April 2019'} 06:00 UTC, sha256 ${v.contentHash}, as shown by factwatch`);
    }
  });

  it('answers 404 for an unknown series and 400 for a bad one', async () => {
    await expectError('/api/facts/money/no-such-series', 404, 'not_found', /no-such-series/u);
    await expectError(`/api/facts/${HOSTILE}/money/no-such-series`, 404, 'not_found');
    await expectError('/api/facts/money/x?source=nope', 404, 'not_found');
    await expectError(`/api/facts/${'a'.repeat(301)}`, 400, 'bad_parameter');
  });
});
