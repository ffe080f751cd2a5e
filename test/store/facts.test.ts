import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { figureSeries } from '../../src/store/queries/figures.ts';
import { sql } from 'drizzle-orm';
import { executeRows } from '../../src/store/execute-rows.ts';
import { listFactPoints, listFactSeries, lookUpSeries } from '../../src/store/queries/facts.ts';
import { refreshSeriesFacts } from '../../src/store/queries/refresh-series-facts.ts';
import { factSeriesJson } from '../../src/report/fact-json.ts';
import { createFigureLabeller } from '../../src/describe/label-figures.ts';
import { labelFigure } from '../../src/describe/label-figure.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { HOSTILE, NK, seedDatabase, tagSeededSources } from '../web/seed.ts';

/**
 * `facts` on a history made by the real pipeline (test/web/seed.ts). The SQL's latest, previous,
 * last-change and count are checked against the same facts worked out here, in JS, from every
 * point `figureSeries` returns — two independent readings of one history.
 */
describe(`facts queries (${backend})`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedDatabase(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  /** latest / previous / changedAt / versions of one series, from its points oldest first. */
  async function expected(source: string, series: string) {
    const points = await figureSeries(handle.db, source, series);
    const last = points.at(-1)!;
    let start = points.length - 1;
    while (start > 0 && points[start - 1]!.value === last.value && points[start - 1]!.period === last.period) start--;
    const before = start > 0 ? points[start - 1]! : null;
    // The source's versions in history order: the one after the series' last point, if any, no longer shows it.
    const history = await executeRows<{ seq: number; captured_at: string | Date }>(
      handle.db,
      sql`select seq, captured_at from versions where source_id = ${source} order by captured_at, seq`,
    );
    const at = history.findIndex((v) => Number(v.seq) === last.seq);
    const next = at >= 0 && at + 1 < history.length ? history[at + 1]! : null;
    return {
      removed: next === null ? null : { version: Number(next.seq), capturedAt: new Date(next.captured_at) },
      latest: { value: last.value, period: last.period, version: last.seq, capturedAt: last.capturedAt },
      previous: before === null ? null : { value: before.value, period: before.period, version: before.seq },
      changedAt: points[start]!.capturedAt,
      versions: points.length,
    };
  }

  it('gives every series of every source once, with latest, previous, last change and count as its points say', async () => {
    const rows = await listFactSeries(handle.db);
    const sources = new Set(rows.map((r) => r.source));
    expect(sources).toEqual(new Set([NK, HOSTILE]));
    const ids = rows.map((r) => `${r.source}/${r.series}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const source of [NK, HOSTILE]) {
      const latestSeries = (await figureSeries(handle.db, source)).map((f) => f.series);
      for (const s of latestSeries) expect(ids).toContain(`${source}/${s}`);
    }
    let changedSome = 0;
    for (const r of rows) {
      const want = await expected(r.source, r.series);
      expect({ removed: r.removed, latest: r.latest, previous: r.previous, changedAt: r.changedAt, versions: r.versions }, `${r.source}/${r.series}`).toEqual(want);
      if (r.previous !== null) changedSome++;
    }
    // The seed has figures that changed (hostile's aid and trade) and ones that never did.
    expect(changedSome).toBeGreaterThan(0);
    expect(rows.some((r) => r.previous === null && r.versions > 1)).toBe(true);
    // And series the page dropped (the 2020 revision's removals) beside series it still shows.
    expect(rows.some((r) => r.removed !== null)).toBe(true);
    expect(rows.some((r) => r.removed === null)).toBe(true);
  });

  it('hostile: the aid went from €5 million to €7.5 million in the second version', async () => {
    const rows = factSeriesJson(await listFactSeries(handle.db, { sourceId: HOSTILE }));
    const aid = rows.find((r) => r.latest.value === 7_500_000);
    expect(aid).toMatchObject({ source: HOSTILE, kind: 'money', unit: 'EUR', previous: { value: 5_000_000, version: 1 }, latest: { version: 2 }, versions: 2, changedAt: '2019-04-05T06:00:00.000Z' });
    expect(aid!.label).toMatch(/aid/iu);
  });

  it('filters by source, kind, unit, period, change date and text', async () => {
    const all = await listFactSeries(handle.db, {}, { withText: true });
    const only = await listFactSeries(handle.db, { sourceId: HOSTILE }, { withText: true });
    expect(only.length).toBeGreaterThan(0);
    expect(only).toEqual(all.filter((r) => r.source === HOSTILE));
    expect(await listFactSeries(handle.db, { kind: 'money' }, { withText: true })).toEqual(all.filter((r) => r.kind === 'money'));
    expect(await listFactSeries(handle.db, { unit: 'EUR' }, { withText: true })).toEqual(all.filter((r) => r.unit === 'EUR'));
    expect(await listFactSeries(handle.db, { period: '2017' }, { withText: true })).toEqual(all.filter((r) => r.latest.period === '2017'));
    const since = new Date('2019-01-01T00:00:00Z');
    const recent = await listFactSeries(handle.db, { since }, { withText: true });
    expect(recent).toEqual(all.filter((r) => r.changedAt >= since));
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);
    const json = factSeriesJson(all);
    const trade = factSeriesJson(all, 'BILATERAL TRADE');
    expect(trade.length).toBeGreaterThan(0);
    expect(trade).toEqual(json.filter((r, i) => r.label.toLowerCase().includes('bilateral trade') || all[i]!.text!.sentence.toLowerCase().includes('bilateral trade')));
    // LIKE wildcards are text: nothing on these pages says "a%b" or "_x_".
    expect(factSeriesJson(all, '%')).toEqual(json.filter((_, i) => all[i]!.text!.sentence.includes('%') || json[i]!.label.includes('%')));
    expect(factSeriesJson(all, '_x_')).toEqual([]);
  });

  it('filters by tag: the series of the sources carrying any of the tags, whether kept or computed afresh', async () => {
    await tagSeededSources(handle.db);
    try {
      const all = await listFactSeries(handle.db);
      const ids = (list: Awaited<ReturnType<typeof listFactSeries>>) => list.map((r) => `${r.source}/${r.series}`);
      const nk = all.filter((r) => r.source === NK);
      const hostile = all.filter((r) => r.source === HOSTILE);
      expect(nk.length).toBeGreaterThan(0);
      expect(hostile.length).toBeGreaterThan(0);
      expect(ids(await listFactSeries(handle.db, { tags: ['asia'] }))).toEqual(ids(nk));
      expect(await listFactSeries(handle.db, { tags: ['asia'] })).toEqual(nk);
      expect(await listFactSeries(handle.db, { tags: ['test'] })).toEqual(hostile);
      expect(await listFactSeries(handle.db, { tags: ['asia', 'test'] })).toEqual(all);
      expect(await listFactSeries(handle.db, { tags: ['nowhere'] })).toEqual([]);
      // With the other filters: all of them hold.
      expect(await listFactSeries(handle.db, { tags: ['asia'], sourceId: HOSTILE })).toEqual([]);
      expect(await listFactSeries(handle.db, { tags: ['test'], sourceId: HOSTILE })).toEqual(hostile);
      const money = await listFactSeries(handle.db, { tags: ['test'], kind: 'money' });
      expect(money).toEqual(hostile.filter((r) => r.kind === 'money'));
      expect(money.map((r) => r.latest.value)).toEqual(expect.arrayContaining([7_500_000, 24_000_000]));
      // A source whose kept facts are stale is computed afresh, and still filtered by its tags.
      await handle.db.execute(sql`delete from series_fact_sources where source_id = ${HOSTILE}`);
      const unlabelled = (list: Awaited<ReturnType<typeof listFactSeries>>) => list.map(({ label: _, text: __, ...r }) => r);
      expect(unlabelled(await listFactSeries(handle.db, { tags: ['test'] }))).toEqual(unlabelled(hostile));
      expect(await listFactSeries(handle.db, { tags: ['asia'] })).toEqual(nk);
    } finally {
      await refreshSeriesFacts(handle.db);
      await tagSeededSources(handle.db, {});
    }
  });

  it('points of one series oldest first, with their version evidence', async () => {
    const [aid] = (await listFactSeries(handle.db, { sourceId: HOSTILE, kind: 'money' })).filter((r) => r.latest.value === 7_500_000);
    const points = await listFactPoints(handle.db, HOSTILE, aid!.series);
    expect(points.map((p) => [p.version, p.value])).toEqual([
      [1, 5_000_000],
      [2, 7_500_000],
    ]);
    for (const p of points) {
      expect(p.contentHash).toMatch(/^[0-9a-f]{64}$/u);
      expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hostile\/[a-z]+\/$/u);
      expect(p.title).toContain('Hostile page');
      expect(p.wayback).toBeNull();
    }
    expect(points[0]!.contentHash).not.toBe(points[1]!.contentHash);
  });

  it('resolves series names: qualified, with a source, bare when one source has it', async () => {
    const [row] = await listFactSeries(handle.db, { sourceId: NK });
    expect(await lookUpSeries(handle.db, `${NK}/${row!.series}`)).toEqual({ kind: 'found', source: NK, series: row!.series });
    expect(await lookUpSeries(handle.db, row!.series, NK)).toEqual({ kind: 'found', source: NK, series: row!.series });
    expect(await lookUpSeries(handle.db, 'money/nothing-like-this')).toEqual({ kind: 'unknown', series: 'money/nothing-like-this' });
    expect(await lookUpSeries(handle.db, row!.series, HOSTILE)).toMatchObject({ kind: 'unknown' });
  });

  it('reads the kept series facts of a source whose versions are unchanged, and computes any other afresh', async () => {
    // Labels aside: a kept row carries its label, a row computed afresh leaves it to the reader.
    const unlabelled = (rows: Awaited<ReturnType<typeof listFactSeries>>) => rows.map(({ label: _, text: __, ...r }) => r);
    const fresh = unlabelled(await listFactSeries(handle.db));
    // The passes that seeded the history kept a row per series.
    const [kept] = await executeRows<{ n: number }>(handle.db, sql`select count(*)::int as n from series_facts`);
    expect(kept!.n).toBe(fresh.length);
    // A kept row is what is read while its source's versions are the ones it was computed over…
    await handle.db.execute(sql`update series_facts set versions = 999 where source_id = ${HOSTILE}`);
    expect((await listFactSeries(handle.db, { sourceId: HOSTILE })).every((r) => r.versions === 999)).toBe(true);
    // …and never once they differ (here: the record says one version fewer).
    await handle.db.execute(sql`update series_fact_sources set version_count = version_count - 1 where source_id = ${HOSTILE}`);
    expect(unlabelled(await listFactSeries(handle.db))).toEqual(fresh);
    // With no record at all, everything is computed at read time, with the same answer.
    await handle.db.execute(sql`delete from series_fact_sources`);
    expect(unlabelled(await listFactSeries(handle.db))).toEqual(fresh);
    await refreshSeriesFacts(handle.db);
    const [records] = await executeRows<{ n: number }>(handle.db, sql`select count(*)::int as n from series_fact_sources`);
    expect(records!.n).toBe(2);
    expect(unlabelled(await listFactSeries(handle.db))).toEqual(fresh);
  });

  it('keeps each series label while its figure reads the same, and labels it again once reworded', async () => {
    await refreshSeriesFacts(handle.db, undefined, { label: createFigureLabeller() });
    const rows = await listFactSeries(handle.db, {}, { withText: true });
    for (const r of rows) expect(r.label, `${r.source}/${r.series}`).toBe(labelFigure({ ...r.text!, kind: r.kind, value: r.latest.value, unit: r.unit, period: r.latest.period }));
    const [a, b] = rows.filter((r) => r.source === HOSTILE);
    await handle.db.execute(sql`update series_facts set label = 'kept as it was' where source_id = ${HOSTILE} and series = ${a!.series}`);
    await handle.db.execute(sql`update series_facts set label = 'stale', sentence = 'reworded' where source_id = ${HOSTILE} and series = ${b!.series}`);
    // A recompute (what an import asks for) reads the figures again; an advance only reads new versions.
    await refreshSeriesFacts(handle.db, [HOSTILE], { label: createFigureLabeller(), full: true });
    const after = await listFactSeries(handle.db, { sourceId: HOSTILE });
    expect(after.find((r) => r.series === a!.series)!.label).toBe('kept as it was');
    expect(after.find((r) => r.series === b!.series)!.label).toBe(b!.label);
  });
});
