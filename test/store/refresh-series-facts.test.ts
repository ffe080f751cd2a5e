import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFigureLabeller } from '../../src/describe/label-figures.ts';
import type { Figure } from '../../src/model/index.ts';
import { executeRows } from '../../src/store/execute-rows.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { listFactSeries } from '../../src/store/queries/facts.ts';
import { insertVersion } from '../../src/store/queries/insert-version.ts';
import { refreshSeriesFacts } from '../../src/store/queries/refresh-series-facts.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { emptyChange, makeDocument, makeFigure, makeVersionInput, storeNextVersion } from './make-document.ts';

/**
 * The kept series facts advanced version by version (refresh-series-facts.ts) must be what the
 * one definition — the window functions over every point, `{ full: true }` — computes, on
 * histories with series added, dropped and back, values restated and changed, text reworded,
 * several versions per refresh, and versions imported before and between the ones kept.
 */
describe(`series facts refresh: advancing equals recomputing (${backend})`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  let sourceCount = 0;
  async function newSource(): Promise<string> {
    const id = `rsf-${++sourceCount}`;
    await handle.db.execute(sql`insert into sources (id, url, enabled, created_at) values (${id}, ${`https://example.test/${id}`}, true, '2015-01-01T00:00:00Z'::timestamptz)`);
    return id;
  }

  /** Everything kept for these sources: rows and record, in a stable order. */
  async function kept(ids: string[]) {
    const list = JSON.stringify(ids);
    const rows = await executeRows(handle.db, sql`select * from series_facts where source_id in (select jsonb_array_elements_text(${list}::jsonb)) order by source_id, series`);
    const records = await executeRows(handle.db, sql`select * from series_fact_sources where source_id in (select jsonb_array_elements_text(${list}::jsonb)) order by source_id`);
    return { rows, records };
  }

  /** Asserts that what a refresh left equals a recompute from every point, then leaves the recompute. */
  async function expectAsRecomputed(ids: string[]) {
    const advanced = await kept(ids);
    await refreshSeriesFacts(handle.db, ids, { label: createFigureLabeller(), full: true });
    const recomputed = await kept(ids);
    expect(advanced).toEqual(recomputed);
    return recomputed;
  }

  const figure = (series: string, value: number, period: string, wording: number): Figure =>
    makeFigure({ key: series, series, value, period, raw: `€${value} million`, sentence: `${wording ? 'Now' : 'Then'} ${series} stood at €${value} million in ${period}.` });

  let n = 0;
  const day = (d: number) => new Date(Date.UTC(2016, 0, 1) + d * 86_400_000);
  const append = (source: string, at: Date, figures: Figure[]) =>
    storeNextVersion(handle.db, makeVersionInput(source, at, ++n, { document: makeDocument({ figures }), contentHash: `c-${n}` }));
  /** An archived capture placed by capture time, as an import places it; `contentHash` of a stored version makes it that version's. */
  const place = (source: string, at: Date, figures: Figure[], contentHash = `c-${++n}`) =>
    insertVersion(handle.db, {
      sourceId: source,
      document: makeDocument({ figures }),
      contentHash,
      rawBody: Buffer.from(`<p>${n}</p>`),
      rawHash: `r-${n}`,
      url: 'https://example.test/p',
      capturedAt: at,
      compare: () => ({ change: emptyChange(), summary: 'imported', same: false }),
      firstSummary: 'first',
    });

  it('advances a series only by the versions that hold it, building on the kept row', async () => {
    const s = await newSource();
    await append(s, day(0), [figure('a', 1, '2016', 0), figure('b', 5, '2016', 0)]);
    await refreshSeriesFacts(handle.db, [s], { label: createFigureLabeller() });
    // Marks on the kept rows: an advance builds on them (and leaves an untouched series alone),
    // where a recompute would read the history again and wipe them.
    await handle.db.execute(sql`update series_facts set versions = 100 where source_id = ${s} and series = 'a'`);
    await handle.db.execute(sql`update series_facts set label = 'untouched' where source_id = ${s} and series = 'b'`);
    await append(s, day(1), [figure('a', 2, '2016', 0)]);
    await refreshSeriesFacts(handle.db, [s], { label: createFigureLabeller() });
    const rows = await listFactSeries(handle.db, { sourceId: s });
    expect(rows.find((r) => r.series === 'a')).toMatchObject({ versions: 101, latest: { value: 2, version: 2 }, previous: { value: 1, version: 1 }, changedAt: day(1) });
    expect(rows.find((r) => r.series === 'b')).toMatchObject({ label: 'untouched', versions: 1, latest: { value: 5, version: 1 }, previous: null });
  });

  it('gives what a recompute gives on a history of additions, removals, restatements, rewordings and imports', async () => {
    // A small deterministic generator (mulberry32): the same history on every run and backend.
    let seed = 18;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const versionOf = () =>
      ['a', 'b', 'c', 'd', 'e'].filter(() => random() < 0.7).map((series) => figure(series, pick([1, 2, 3]), pick(['2016', '2017']), pick([0, 1])));
    const sources = [await newSource(), await newSource()];
    const last = new Map(sources.map((s) => [s, 0]));
    const seen = { advanced: 0, imported: 0, several: 0 };
    for (let step = 0; step < 40; step++) {
      const s = pick(sources);
      const d = last.get(s)!;
      if (d > 2 && random() < 0.25) {
        // An archived capture placed before or between the versions kept.
        await place(s, new Date(day(Math.floor(random() * d)).getTime() + 3_600_000), versionOf());
        seen.imported++;
      } else {
        await append(s, day(d + 1), versionOf());
        last.set(s, d + 1);
      }
      // Sometimes several versions (of both sources) wait for one refresh, as a batch of a pass does.
      if (random() < 0.3) {
        seen.several++;
        continue;
      }
      const before = await kept(sources);
      await refreshSeriesFacts(handle.db, sources, { label: createFigureLabeller() });
      if (before.records.length === sources.length) seen.advanced++;
      await expectAsRecomputed(sources);
    }
    expect(seen.advanced).toBeGreaterThan(10);
    expect(seen.imported).toBeGreaterThan(2);
    expect(seen.several).toBeGreaterThan(2);
    // And the listing, which reads the kept rows, says what every point says (no kept facts: computed at read time).
    const read = async () => (await listFactSeries(handle.db, {}, {})).filter((r) => sources.includes(r.source)).map(({ label: _, text: __, ...r }) => r);
    const fromKept = await read();
    await handle.db.execute(sql`delete from series_fact_sources where source_id in (${sources[0]!}, ${sources[1]!})`);
    expect(await read()).toEqual(fromKept);
  });

  it('an import inserted in the middle gives the right latest and previous, advanced or recomputed', async () => {
    const s = await newSource();
    await append(s, day(0), [figure('a', 1, '2016', 0)]);
    await append(s, day(10), [figure('a', 3, '2016', 0)]);
    await refreshSeriesFacts(handle.db, [s], { label: createFigureLabeller() });
    // Between them: 2; the latest stays 3, its previous is now 2 (version 2 after renumbering).
    await place(s, day(5), [figure('a', 2, '2016', 0)]);
    // The live check's refresh (not told a version was placed) must notice and recompute.
    await refreshSeriesFacts(handle.db, [s], { label: createFigureLabeller() });
    const [row] = await listFactSeries(handle.db, { sourceId: s });
    expect(row).toMatchObject({ versions: 3, latest: { value: 3, version: 3 }, previous: { value: 2, version: 2 }, changedAt: day(10) });
    await expectAsRecomputed([s]);
    // One before everything: the same value as the first, so only the count and the first sighting move.
    await place(s, new Date(day(0).getTime() - 86_400_000), [figure('a', 1, '2016', 0)]);
    await refreshSeriesFacts(handle.db, [s], { label: createFigureLabeller() });
    await expectAsRecomputed([s]);
    expect((await listFactSeries(handle.db, { sourceId: s }))[0]).toMatchObject({ versions: 4, latest: { value: 3, version: 4 }, previous: { value: 2, version: 3 } });
  });

  it('an import that only moves a version back (renumbering, inserting nothing) is read right before any refresh, and the next refresh recomputes', async () => {
    const s = await newSource();
    await append(s, day(0), [figure('a', 1, '2016', 0)]);
    await append(s, day(10), [figure('a', 3, '2016', 0), figure('b', 1, '2016', 0)]);
    await append(s, day(20), [figure('a', 3, '2016', 0)]);
    await refreshSeriesFacts(handle.db, [s], { label: createFigureLabeller() });
    // An archived capture of the second version from day 5: that version now starts then. Its record
    // (version count, newest id) is unchanged, yet the kept change times and capture times are not.
    const [second] = await executeRows<{ content_hash: string }>(handle.db, sql`select content_hash from versions where source_id = ${s} and seq = 2`);
    const placed = await place(s, day(5), [figure('a', 3, '2016', 0), figure('b', 1, '2016', 0)], second!.content_hash);
    expect(placed.kind).toBe('identical');
    const rows = await listFactSeries(handle.db, { sourceId: s });
    expect(rows.find((r) => r.series === 'a')).toMatchObject({ changedAt: day(5), latest: { value: 3, version: 3, capturedAt: day(20) }, previous: { value: 1, version: 1 }, removed: null });
    expect(rows.find((r) => r.series === 'b')).toMatchObject({ changedAt: day(5), latest: { value: 1, version: 2, capturedAt: day(5) }, removed: { version: 3, capturedAt: day(20) } });
    // A refresh not told of the import (a live check's) recomputes the source.
    await refreshSeriesFacts(handle.db, [s], { label: createFigureLabeller() });
    await expectAsRecomputed([s]);
  });

  it('two writers refreshing the same sources at once leave exactly what a recompute leaves', async () => {
    const sources = [await newSource(), await newSource(), await newSource()];
    for (const s of sources) await append(s, day(0), [figure('a', 1, '2016', 0), figure('b', 1, '2016', 0)]);
    await refreshSeriesFacts(handle.db, sources, { label: createFigureLabeller() });
    for (let d = 1; d <= 6; d++) {
      for (const s of sources) await append(s, day(d), [figure('a', d % 3, '2016', 0), ...(d % 2 ? [figure('c', d, '2017', 1)] : [])]);
      // Overlapping sets in opposite orders, on separate connections of the pool: a lock taken in another order would deadlock.
      await Promise.all([
        refreshSeriesFacts(handle.db, sources, { label: createFigureLabeller() }),
        refreshSeriesFacts(handle.db, [...sources].reverse(), { label: createFigureLabeller() }),
        refreshSeriesFacts(handle.db, [sources[1]!], { label: createFigureLabeller() }),
      ]);
      const { rows, records } = await expectAsRecomputed(sources);
      expect(rows).toHaveLength(sources.length * 3);
      expect(records).toHaveLength(sources.length);
      for (const r of rows) expect(Number(r.versions), `${String(r.source_id)}/${String(r.series)}`).toBe(r.series === 'a' ? d + 1 : r.series === 'b' ? 1 : Math.ceil(d / 2));
    }
  });

  it('a writer storing and refreshing while another refreshes never counts a version twice', async () => {
    const s = await newSource();
    await append(s, day(0), [figure('a', 1, '2016', 0)]);
    await refreshSeriesFacts(handle.db, [s], { label: createFigureLabeller() });
    let stop = false;
    // The other writer: refreshes the source over and over, as a second process's flushes would.
    const other = (async () => {
      while (!stop) await refreshSeriesFacts(handle.db, [s], { label: createFigureLabeller() });
    })();
    try {
      for (let d = 1; d <= 30; d++) {
        // Series the previous version did not have: an advance from a stale start would count them twice.
        await append(s, day(d), [figure('a', d, '2016', 0), figure(`only-${d % 2}`, d, '2016', 0)]);
        await refreshSeriesFacts(handle.db, [s], { label: createFigureLabeller() });
      }
    } finally {
      stop = true;
      await other;
    }
    await refreshSeriesFacts(handle.db, [s], { label: createFigureLabeller() });
    const { rows } = await expectAsRecomputed([s]);
    expect(rows.map((r) => [r.series, Number(r.versions)])).toEqual([['a', 31], ['only-0', 15], ['only-1', 15]]);
  });
});
