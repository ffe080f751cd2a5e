import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { createWebApp } from '../../src/web/create-app.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { HOSTILE, NK, seedDatabase, type Seeded } from './seed.ts';

/**
 * The JSON API, feeds, health and metrics, through the hono app in-process (real routing,
 * middleware and database; no socket needed). The database is filled by the real pipeline.
 */
describe(`web API (${backend})`, () => {
  let handle: DatabaseHandle;
  let seeded: Seeded;
  let app: ReturnType<typeof createWebApp>;
  const clock = new ManualClock('2024-02-01T10:00:00Z');

  beforeAll(async () => {
    handle = await openTestDatabase();
    seeded = await seedDatabase(handle.db);
    app = createWebApp({ db: handle.db, clock, log: silentLogger(), token: null });
  });
  afterAll(async () => {
    await handle?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const json = async (path: string) => {
    const res = await get(path);
    return { status: res.status, body: (await res.json()) as any };
  };
  const expectError = async (path: string, status: number, code: string) => {
    const { status: s, body } = await json(path);
    expect(s, path).toBe(status);
    expect(body.error.code, path).toBe(code);
    expect(typeof body.error.message).toBe('string');
  };

  it('lists sources with their check status, versions and open changes', async () => {
    const { status, body } = await json('/api/sources');
    expect(status).toBe(200);
    expect(body.sources.map((s: any) => s.id)).toEqual([NK, HOSTILE]);
    const nk = body.sources.find((s: any) => s.id === NK);
    expect(nk).toMatchObject({ title: 'France and North Korea', lastOutcome: 'changed', versions: 3, openChanges: 3, failureStreak: 0 });
    expect(nk.lastChangeAt).toBe('2020-06-15T06:00:00.000Z');
    expect((await json('/api/sources?q=korea')).body.sources.map((s: any) => s.id)).toEqual([NK]);
    expect((await json('/api/sources?filter=failing')).body.sources).toEqual([]);
    expect((await json(`/api/sources/${NK}`)).body.source.id).toBe(NK);
  });

  it('rejects bad source parameters with 400 and unknown sources with 404', async () => {
    await expectError('/api/sources?filter=broken', 400, 'bad_parameter');
    await expectError('/api/sources/nope', 404, 'not_found');
    await expectError('/api/sources/nope/versions', 404, 'not_found');
    await expectError('/api/sources/nope/figures', 404, 'not_found');
  });

  it('lists changes newest first and pages through them with a keyset cursor', async () => {
    const all = (await json('/api/changes')).body;
    expect(all.next).toBeNull();
    const ids = all.changes.map((c: any) => c.id);
    expect([...ids].sort()).toEqual([...seeded.nk, ...seeded.hostile].sort());
    const times = all.changes.map((c: any) => c.detectedAt);
    expect([...times].sort().reverse()).toEqual(times);

    const paged: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = (await json(`/api/changes?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
      expect(page.changes.length).toBeLessThanOrEqual(2);
      paged.push(...page.changes.map((c: any) => c.id));
      cursor = page.next;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(paged).toEqual(ids);
    expect(pages).toBe(3);
  });

  it('filters changes by source, state and date range', async () => {
    expect((await json(`/api/changes?source=${NK}`)).body.changes.map((c: any) => c.id)).toEqual([...seeded.nk].reverse());
    expect((await json('/api/changes?since=2018-01-01&until=2020-01-01')).body.changes.map((c: any) => c.id)).toEqual([...seeded.hostile].reverse());
    expect((await json('/api/changes?until=2018-01-01')).body.changes.map((c: any) => c.id)).toEqual([seeded.nk[1], seeded.nk[0]]);
    expect((await json('/api/changes?state=dismissed')).body.changes).toEqual([]);
  });

  it('rejects bad change parameters with 400 and unknown ids with 404', async () => {
    for (const q of ['limit=0', 'limit=abc', 'limit=1000', 'cursor=garbage', 'cursor=' + Buffer.from('x|1').toString('base64url'), 'since=yesterday', 'until=2018-13-45', 'state=open']) {
      await expectError(`/api/changes?${q}`, 400, 'bad_parameter');
    }
    await expectError('/api/changes?source=nope', 404, 'not_found');
    await expectError('/api/changes/abc', 400, 'bad_parameter');
    await expectError('/api/changes/0', 400, 'bad_parameter');
    await expectError('/api/changes/99999', 404, 'not_found');
  });

  it('returns the 26 October 2017 change with both versions', async () => {
    const { body } = await json(`/api/changes/${seeded.nk[1]}`);
    const change = body.change;
    expect(change.from).toMatchObject({ version: 1, updated: '2017-07-05' });
    expect(change.to).toMatchObject({ version: 2, updated: '2017-10-26' });
    expect(change.change.sections.added).toEqual(['Relations with the European Union']);
    expect(change.change.updated).toEqual({ from: '2017-07-05', to: '2017-10-26' });
    expect(change.state).toBe('new');
  });

  it('records a review decision posted as JSON, with the clock time', async () => {
    const id = seeded.hostile[0]!;
    const post = (body: string, type = 'application/json') =>
      app.request(`/api/changes/${id}/review`, { method: 'POST', body, headers: { 'content-type': type } });
    const res = await post(JSON.stringify({ state: 'dismissed', note: 'test page' }));
    expect(res.status).toBe(200);
    const stored = (await json(`/api/changes/${id}`)).body.change;
    expect(stored).toMatchObject({ state: 'dismissed', note: 'test page', reviewedAt: '2024-02-01T10:00:00.000Z' });
    expect((await post('{"state":"archived"}')).status).toBe(400);
    expect((await post('{not json')).status).toBe(400);
    expect((await post('state=reviewed', 'application/x-www-form-urlencoded')).status).toBe(403);
    expect((await post('state=reviewed', 'text/plain')).status).toBe(403);
    expect((await post('<state/>', 'application/xml')).status).toBe(415);
    expect((await json(`/api/changes?state=dismissed`)).body.changes.map((c: any) => c.id)).toEqual([id]);
  });

  it('lists versions, and finds the version in force at a date', async () => {
    const list = (await json(`/api/sources/${NK}/versions`)).body.versions;
    expect(list.map((v: any) => v.updated)).toEqual(['2017-07-05', '2017-10-26', '2020-05']);
    const at = (await json(`/api/sources/${NK}/versions?at=2018-01-01`)).body.version;
    expect(at).toMatchObject({ version: 2, updated: '2017-10-26' });
    expect(at.document.sections.map((s: any) => s.heading)).toContain('Relations with the European Union');
    expect((await json(`/api/sources/${NK}/versions/3`)).body.version.updated).toBe('2020-05');
    await expectError(`/api/sources/${NK}/versions?at=2017-01-01`, 404, 'not_found');
    await expectError(`/api/sources/${NK}/versions?at=soon`, 400, 'bad_parameter');
    await expectError(`/api/sources/${NK}/versions/0`, 400, 'bad_parameter');
    await expectError(`/api/sources/${NK}/versions/9`, 404, 'not_found');
  });

  it('returns one figure over time, as JSON and as CSV', async () => {
    const latest = (await json(`/api/sources/${HOSTILE}/figures`)).body.figures;
    const key = latest.find((f: any) => f.raw === '€7.5 million').series;
    const series = (await json(`/api/sources/${HOSTILE}/figures?key=${encodeURIComponent(key)}`)).body;
    expect(series.points.map((p: any) => [p.version, p.value, p.period])).toEqual([[1, 5_000_000, '2016'], [2, 7_500_000, '2017']]);
    const csv = await get(`/api/sources/${HOSTILE}/figures.csv?key=${encodeURIComponent(key)}`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="hostile-money_/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('version,captured_at,series,key,kind,value,unit,period,raw');
    expect(lines.slice(1).map((l) => l.split(',')[5])).toEqual(['5000000', '7500000']);
    await expectError(`/api/sources/${HOSTILE}/figures?key=money%2Fno-such-figure`, 404, 'not_found');
    await expectError(`/api/sources/${HOSTILE}/figures.csv?key=money%2Fno-such-figure`, 404, 'not_found');
    await expectError(`/api/sources/${HOSTILE}/figures?key=${'x'.repeat(400)}`, 400, 'bad_parameter');
  });

  it('serves Atom feeds whose entries carry page text as text', async () => {
    const res = await get('/feed.xml');
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const xml = await res.text();
    const { document } = parseHTML('<html></html>');
    const doc = new (document.defaultView as any).DOMParser().parseFromString(xml, 'text/xml');
    const entries = [...doc.querySelectorAll('entry')];
    expect(entries).toHaveLength(5);
    expect(doc.querySelectorAll('script').length).toBe(0);
    // type="html" with the page text escaped: a reader decodes it to the text, never to markup.
    const titles = entries.map((e: any) => e.querySelector('title').textContent as string);
    expect(titles.some((t) => t.includes('&lt;script&gt;window.__pwned'))).toBe(true);
    expect(titles.some((t) => t.includes('<script'))).toBe(false);
    const perSource = await (await get(`/sources/${NK}/feed.xml`)).text();
    expect(perSource.match(/<entry>/g)).toHaveLength(3);
    await expectError('/sources/nope/feed.xml', 404, 'not_found');
  });

  it('answers /healthz and /metrics from the database', async () => {
    expect((await json('/healthz')).body).toEqual({ status: 'ok', database: 'ok' });
    const res = await get('/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const value = (line: string) => Number(text.split('\n').find((l) => l.startsWith(`${line} `))?.split(' ')[1]);
    expect(value('factwatch_checks_total{outcome="new"}')).toBe(2);
    expect(value('factwatch_checks_total{outcome="changed"}')).toBe(3);
    expect(value('factwatch_fetch_duration_seconds_count')).toBe(5);
    expect(value('factwatch_fetch_duration_seconds_bucket{le="+Inf"}')).toBe(5);
    expect(value('factwatch_deliveries{state="pending"}')).toBe(0);
    expect(value('factwatch_changes_total{state="new"}') + (value('factwatch_changes_total{state="dismissed"}') || 0)).toBe(5);
  });

  it('documents every API route in /api/openapi.json', async () => {
    const spec = (await json('/api/openapi.json')).body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(spec.openapi).toMatch(/^3\./);
    const routes = app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && r.path !== '/api/openapi.json');
    expect(routes.length).toBeGreaterThan(5);
    for (const r of routes) {
      // A parameter's pattern (`:series{.+}`) is not part of its OpenAPI name.
      const path = r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
      expect(spec.paths[path]?.[r.method.toLowerCase()], `${r.method} ${path}`).toBeDefined();
    }
  });
});
