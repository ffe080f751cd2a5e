/**
 * `facts` at scale (issue 18, item 5): 500 sources × 50 versions, every figure a series of its
 * own, timed as a user runs it — `factwatch facts --json` as a whole process (spawn to exit,
 * bench/lib/timed-process.ts), output discarded. Goals: under 500 ms on PostgreSQL, under 1.5 s
 * on the embedded default.
 *
 * The history is made by the bench's own generators: `distinct` pages of the bench page server
 * are checked by the real pass `versions` times, every page changed before each pass (its money
 * figures move), then copied in SQL to the other sources (as run.ts copies the large set) —
 * versions, their figures, and the kept series facts the passes' sinks refreshed (labels
 * included). The unkept time (every series computed at read time) is reported beside it; there
 * the copies' shared sentences let the labeller's memo hit, which distinct pages would not.
 */
import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../src/app/clock.ts';
import { silentLogger } from '../src/app/log.ts';
import { runCheckPass } from '../src/check/check-pass.ts';
import { resolveSources } from '../src/config/resolve-source.ts';
import { createHttpClient } from '../src/fetch/index.ts';
import { createFigureLabeller } from '../src/describe/label-figures.ts';
import { executeRows } from '../src/store/execute-rows.ts';
import type { DatabaseHandle } from '../src/store/open-database.ts';
import { listFactSeries } from '../src/store/queries/facts.ts';
import { refreshSeriesFacts } from '../src/store/queries/refresh-series-facts.ts';
import { syncSources } from '../src/store/queries/sources.ts';
import { timedProcess, type TimedRun } from './lib/timed-process.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin.factwatch!);

export interface FactsBenchOptions {
  backend: 'pglite' | 'postgres';
  origin: string;
  sources: number;
  versions: number;
  /** Pages actually checked; the rest are copies. */
  distinct: number;
  runs: number;
  open(): Promise<DatabaseHandle>;
  target: { dataDir?: string; databaseUrl?: string };
  log(message: string): void;
}

export interface FactsBenchResult {
  series: number;
  points: number;
  medianMs: number;
  /** The same with no kept facts: every series computed at read time. */
  unkeptMs: number;
  maxRssMb: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runFactsBench(o: FactsBenchOptions): Promise<FactsBenchResult> {
  const h = await o.open();
  let series = 0;
  let points = 0;
  try {
    const http = createHttpClient({}, { clock: systemClock, log: silentLogger() });
    const pages = Array.from({ length: o.distinct }, (_, i) => 3_000_000 + i);
    const sources = resolveSources({ sources: pages.map((p, i) => ({ id: `f-${i}`, url: `${o.origin}/p/${p}` })), fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 } } as never);
    await syncSources(h.db, sources, new Date());
    let k = 0;
    const start = Date.UTC(2015, 0, 1);
    const deps = { db: h.db, http, clock: { now: () => new Date(start + 86_400_000 * k) }, log: silentLogger() };
    for (; k < o.versions; k++) {
      if (k > 0) for (const p of pages) await fetch(`${o.origin}/_control/bump?i=${p}`, { method: 'POST' });
      await runCheckPass(deps, sources, { all: true });
    }
    await http.close();
    o.log(`${o.backend}: facts: ${o.distinct} sources × ${o.versions} versions checked; copying to ${o.sources}`);
    const now = new Date().toISOString();
    await h.db.execute(sql`insert into sources (id, url, enabled, created_at)
      select 'f-' || i, ${o.origin} || '/p/' || (3000000 + i), true, ${now}::timestamptz from generate_series(${o.distinct}::int, ${o.sources - 1}::int) i`);
    await h.db.execute(sql`insert into versions (source_id, seq, content_hash, raw_gzip, raw_base_id, raw_hash, final_url, captured_at, last_seen_at, updated, updated_text, document)
      select 'f-' || i, v.seq, v.content_hash, v.raw_gzip, null, v.raw_hash, v.final_url, v.captured_at, v.last_seen_at, v.updated, v.updated_text, v.document
      from generate_series(${o.distinct}::int, ${o.sources - 1}::int) i join versions v on v.source_id = 'f-' || (i % ${o.distinct}::int)`);
    await h.db.execute(sql`insert into figures (version_id, source_id, key, series, kind, value_num, value_text, unit, raw, section, sentence, period)
      select c.id, c.source_id, f.key, f.series, f.kind, f.value_num, f.value_text, f.unit, f.raw, f.section, f.sentence, f.period
      from versions c join versions o on o.source_id = 'f-' || (substr(c.source_id, 3)::int % ${o.distinct}::int) and o.seq = c.seq and o.source_id <> c.source_id
      join figures f on f.version_id = o.id`);
    // What the copies' passes would have left: their kept series facts, labelled.
    await refreshSeriesFacts(h.db, undefined, { label: createFigureLabeller() });
    // Settled, as a database is between passes: without it autovacuum wakes for the bulk writes
    // above while the runs are timed (seen: ±100 ms from run to run on PostgreSQL).
    await h.db.execute(sql`vacuum analyze`);
    series = (await listFactSeries(h.db)).length;
    const [row] = await executeRows<{ n: number }>(h.db, sql`select count(*)::int as n from figures`);
    points = row!.n;
  } finally {
    await h.close();
  }
  const env: NodeJS.ProcessEnv = { ...process.env, FACTWATCH_LOG_LEVEL: 'error' };
  delete env.DATABASE_URL;
  const argv = [process.execPath, BIN];
  if (o.target.databaseUrl) env.DATABASE_URL = o.target.databaseUrl;
  else argv.push('--data-dir', o.target.dataDir!);
  const timeRuns = async (): Promise<TimedRun[]> => {
    const runs: TimedRun[] = [];
    for (let i = 0; i <= o.runs; i++) {
      const r = await timedProcess([...argv, 'facts', '--json'], { cwd: ROOT, env });
      if (r.code !== 0) throw new Error(`facts exited ${r.code}: ${r.stderrTail}`);
      if (i > 0) runs.push(r); // the first run warms the OS page cache
    }
    return runs;
  };
  const kept = await timeRuns();
  // The worst case: no kept facts at all (a database whose passes never refreshed them).
  const h2 = await o.open();
  try {
    await h2.db.execute(sql`delete from series_fact_sources`);
  } finally {
    await h2.close();
  }
  const unkept = await timeRuns();
  return {
    series,
    points,
    medianMs: Math.round(median(kept.map((r) => r.seconds * 1000))),
    unkeptMs: Math.round(median(unkept.map((r) => r.seconds * 1000))),
    maxRssMb: Math.max(...kept.map((r) => r.maxRssMb)),
  };
}
