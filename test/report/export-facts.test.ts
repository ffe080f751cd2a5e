import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { executeRows } from '../../src/store/execute-rows.ts';
import { listFactPoints, listFactSeries } from '../../src/store/queries/facts.ts';
import { EXPORT_COLUMNS, exportFacts } from '../../src/report/export-facts.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { seedDatabase } from '../web/seed.ts';

/** A minimal RFC 4180 reader (quoted cells, doubled quotes, CRLF), undoing the formula guard. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  expect(cell === '' && row.length === 0, 'the file ends with a complete record').toBe(true);
  return rows.map((r) => r.map((v) => (v.startsWith("'") ? v.slice(1) : v)));
}

/** A full collection on demand, so what is measured is what the export keeps alive, not garbage awaiting a collection. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The facts every format must carry, as one comparable line per point. */
type Point = { source: string; series: string; version: number; value: number | string; period: string | null; raw: string; sentence: string; url: string; contentHash: string };
const line = (p: Point) => JSON.stringify([p.source, p.series, p.version, p.value, p.period, p.raw, p.sentence, p.url, p.contentHash]);

describe(`export facts (${backend})`, () => {
  let handle: DatabaseHandle;
  let dir: string;
  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedDatabase(handle.db);
    dir = await mkdtemp(join(tmpdir(), 'fw-export-'));
  });
  afterAll(async () => {
    await handle?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Every point, read through the facts queries (not the export's own query). */
  async function expectedPoints(): Promise<string[]> {
    const out: string[] = [];
    for (const s of await listFactSeries(handle.db)) {
      for (const p of await listFactPoints(handle.db, s.source, s.series)) out.push(line({ source: s.source, series: s.series, ...p }));
    }
    return out.sort();
  }

  it('CSV reads back as the same points, with the documented header', async () => {
    const out = join(dir, 'facts.csv');
    const { points } = await exportFacts(handle.db, { format: 'csv', out, batchSize: 7 });
    const [header, ...rows] = readCsv(await readFile(out, 'utf8'));
    expect(header).toEqual(EXPORT_COLUMNS.map(([name]) => name));
    expect(rows.length).toBe(points);
    const col = (name: string) => header!.indexOf(name);
    const read = rows.map((r) =>
      line({
        source: r[col('source')]!,
        series: r[col('series')]!,
        version: Number(r[col('version')]),
        value: r[col('value_num')] === '' ? r[col('value_text')]! : Number(r[col('value_num')]),
        period: r[col('period')] === '' ? null : r[col('period')]!,
        raw: r[col('raw')]!,
        sentence: r[col('sentence')]!,
        url: r[col('url')]!,
        contentHash: r[col('content_hash')]!,
      }),
    );
    const expected = await expectedPoints();
    expect(expected.length).toBeGreaterThan(50);
    expect(read.sort()).toEqual(expected);
    for (const r of rows) expect(new Date(r[col('captured_at')]!).toISOString()).toBe(r[col('captured_at')]);
  });

  it('JSON Lines and Parquet read back as the same points', async () => {
    const expected = await expectedPoints();
    const jsonl = join(dir, 'facts.jsonl');
    await exportFacts(handle.db, { format: 'jsonl', out: jsonl, batchSize: 10 });
    const fromJson = (await readFile(jsonl, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    const pq = join(dir, 'facts.parquet');
    await exportFacts(handle.db, { format: 'parquet', out: pq, batchSize: 10 });
    const fromParquet = (await parquetReadObjects({ file: await asyncBufferFromFile(pq) })) as Record<string, any>[];
    for (const rows of [fromJson, fromParquet]) {
      const read = rows.map((r) =>
        line({ source: r.source, series: r.series, version: Number(r.version), value: r.value_num ?? r.value_text, period: r.period, raw: r.raw, sentence: r.sentence, url: r.url, contentHash: r.content_hash }),
      );
      expect(read.sort()).toEqual(expected);
      expect(Object.keys(rows[0]!)).toEqual(EXPORT_COLUMNS.map(([name]) => name));
    }
    expect(fromParquet[0]!.captured_at).toBeInstanceOf(Date);
    expect(fromParquet.map((r) => (r.captured_at as Date).toISOString()).sort()).toEqual(fromJson.map((r) => r.captured_at as string).sort());
  });

  it('leaves no file, not even a partial one, when the export fails', async () => {
    const out = join(dir, 'sub', 'never.csv');
    await expect(exportFacts(handle.db, { format: 'csv', out })).rejects.toThrow(/ENOENT/u);
    const failing = join(dir, 'failing.parquet');
    await expect(
      exportFacts(handle.db, {
        format: 'parquet',
        out: failing,
        batchSize: 5,
        onBatch: (n) => {
          if (n >= 10) throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect((await readdir(dir)).filter((f) => f.includes('failing'))).toEqual([]);
  });

  it('streams: the peak heap of an export of 4n points is about that of n points', async () => {
    /** Copies every stored point `copies` times (series renamed), so there are many more points. */
    const grow = (copies: number) =>
      handle.db.execute(sql`insert into figures (version_id, source_id, key, series, kind, value_num, value_text, unit, raw, section, sentence, period)
        select version_id, source_id, key, series || '~copy' || g, kind, value_num, value_text, unit, raw, section, sentence, period
        from figures, generate_series(1, ${copies}::int) g where series not like '%~copy%'`);
    /** The most heap the export kept alive at any batch, above what was live before it. */
    const peakHeap = async (name: string) => {
      collectGarbage();
      const base = process.memoryUsage().heapUsed;
      let peak = base;
      let batches = 0;
      const probe = () => {
        if (++batches % 8 !== 0) return;
        collectGarbage();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      };
      const { points } = await exportFacts(handle.db, { format: 'csv', out: join(dir, name), batchSize: 1000, onBatch: probe });
      return { points, growth: peak - base };
    };
    const [{ n: base }] = await executeRows<{ n: number }>(handle.db, sql`select count(*)::int as n from figures`) as [{ n: number }];
    await grow(Math.ceil(20_000 / base));
    const small = await peakHeap('n.csv');
    await grow(Math.ceil(60_000 / base));
    const large = await peakHeap('4n.csv');
    expect(large.points).toBeGreaterThan(3.5 * small.points);
    console.log(`export heap growth: ${(small.growth / 1e6).toFixed(1)} MB at ${small.points} points, ${(large.growth / 1e6).toFixed(1)} MB at ${large.points}`);
    // Holding every point would keep ~4× as much alive; a stream keeps one batch (and the labels' bounded memo).
    expect(large.growth).toBeLessThan(small.growth * 1.5 + 4e6);
  }, 120_000);
});
