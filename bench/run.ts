/**
 * `npm run bench` — factwatch against the limits of this machine and against urlwatch, in one
 * run, on embedded PGlite and on PostgreSQL. Prints one table per scenario and the goals, and
 * writes `bench/results.json`.
 *
 *   npm run bench                    # full: fresh processes over 2,000 pages, then 1,000 and 10,000 sources, 100 storage passes, 1,000 versions
 *   npm run bench -- --quick         # the same scenarios, small (under a minute)
 *   npm run bench -- --backends pglite --no-peer
 *   npm run bench -- --fresh-only [--fresh-n 200]   # only the fresh-process scenario (bench/fresh-process.ts)
 *   npm run bench -- --facts-only [--quick]         # only `facts` over 500 sources × 50 versions (bench/facts.ts)
 *   DATABASE_URL=postgres://user@host:5432/postgres npm run bench   # PostgreSQL to use (a database is created and dropped)
 *
 * A page server in its own process (bench/lib/page-server.ts) serves realistic pages; every
 * workload runs in a fresh child process (bench/lib/pass-child.ts) so its peak RSS is its own.
 * Throughputs are reported with their ratio to the floors measured in the same run — a raw
 * undici GET of the same pages, and GET + cheerio (htmlparser2) parse — so the ratios hold on
 * any machine. Each measured pass follows a warm-up pass in its process, as the floors do, except
 * the two compared with urlwatch, which each start a new child process but still time the pass
 * alone. The user's way — `factwatch check --all` and `urlwatch` both timed as whole processes
 * — is bench/fresh-process.ts, run first.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { systemClock } from '../src/app/clock.ts';
import { silentLogger } from '../src/app/log.ts';
import { resolveSources } from '../src/config/resolve-source.ts';
import { createHttpClient } from '../src/fetch/index.ts';
import { runCheckPass } from '../src/check/check-pass.ts';
import { executeRows } from '../src/store/execute-rows.ts';
import { openDatabase, type DatabaseHandle } from '../src/store/open-database.ts';
import { loadRawBody } from '../src/store/raw-body.ts';
import { figureSeries } from '../src/store/queries/figures.ts';
import { syncSources } from '../src/store/queries/sources.ts';
import { versionAt } from '../src/store/queries/versions.ts';
import type { ChildJob, ChildResult, PassResult, PassSpec } from './lib/pass-child.ts';
import { runUrlwatch, type PeerResult } from './lib/urlwatch.ts';
import { runFreshProcess } from './fresh-process.ts';
import { createScratchDatabase } from './lib/scratch-database.ts';
import { runFactsBench } from './facts.ts';

const QUICK = process.argv.includes('--quick');
const NO_PEER = process.argv.includes('--no-peer');
/** Only the pass scenarios (floors, first capture, unchanged, 304, noisy, changed): skips storage and history. */
const PASSES_ONLY = process.argv.includes('--passes-only');
/** Only the storage scenario: skips floors, passes, history and urlwatch, and does not write results.json. */
const STORAGE_ONLY = process.argv.includes('--storage-only');
/** Only the fresh-process scenario: `check --all` and urlwatch as whole processes, and the query commands. */
const FRESH_ONLY = process.argv.includes('--fresh-only');
/** Only the facts scenario (issue 18): 500 sources × 50 versions, `facts --json` as a whole process. */
const FACTS_ONLY = process.argv.includes('--facts-only');
const BACKENDS = (argValue('--backends') ?? 'pglite,postgres').split(',') as Array<'pglite' | 'postgres'>;
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Sizes: the issue's in a full run; small ones for --quick. */
const SIZE = QUICK
  ? { small: 100, large: 500, storagePasses: 5, historyVersions: 50, peer: 100, concurrency: 16, factsSources: 100, factsVersions: 10 }
  : { small: 1000, large: 10_000, storagePasses: 100, historyVersions: 1000, peer: 1000, concurrency: 16, factsSources: 500, factsVersions: 50 };
const CHANGE_FRACTION = 0.05;

/**
 * Workloads run as the compiled build runs them (`npm run build`, as `npm install` does), not
 * through tsx: what a user's `factwatch` executes, and tsx's loader alone costs ~90 MB a process.
 */
const CHILD = fileURLToPath(new URL('../dist/bench/lib/pass-child.js', import.meta.url));
const SERVER = fileURLToPath(new URL('../dist/bench/lib/page-server.js', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

/** One line of results.json. */
interface Row {
  scenario: string;
  backend: 'pglite' | 'postgres' | 'none' | 'urlwatch';
  n: number;
  checks_per_s: number | null;
  ratio_to_floor: number | null;
  /** Which floor the ratio is against. */
  floor: 'get' | 'parse' | null;
  peak_rss_mb: number | null;
  bytes: number | null;
  seconds?: number;
  detail?: Record<string, unknown>;
}

interface Goal {
  goal: string;
  backend: string;
  measured: string;
  met: boolean;
}

const rows: Row[] = [];
const goals: Goal[] = [];

function argValue(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? null) : null;
}

function log(msg: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);
}

async function startPageServer(): Promise<{ origin: string; stop(): void }> {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, DISTINCT: String(SIZE.small) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8').once('data', (d: string) => resolve((JSON.parse(d.split('\n')[0]!) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`page server exited (${code})`)));
  });
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function runChild(job: ChildJob): Promise<ChildResult> {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []), CHILD, JSON.stringify(job)], {
    env: { ...process.env, FACTWATCH_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`bench child ${job.kind} exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

const rate = (p: PassResult) => p.checks / p.seconds;
const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

let pgliteTemplate: Promise<string> | null = null;

/**
 * An empty, migrated PGlite data directory, made once per run. Each fresh PGlite database is a
 * copy of it, so no measured child runs PGlite's initdb: that takes seconds and ~800 MB of WASM
 * memory once per database, which is not what a pass costs (it had been the first capture's
 * peak RSS), and it made `--quick` wait for it at every scenario.
 */
function pgliteTemplateDir(): Promise<string> {
  return (pgliteTemplate ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fw-bench-template-'));
    await (await openDatabase({ dataDir: dir })).close();
    return dir;
  })());
}

/** A fresh database of the backend: PGlite in a temp dir, or a new PostgreSQL database. */
async function freshDatabase(backend: 'pglite' | 'postgres'): Promise<{ target: Pick<ChildJob, 'databaseUrl' | 'dataDir'>; open(): Promise<DatabaseHandle>; drop(): Promise<void> }> {
  if (backend === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'fw-bench-'));
    await cp(await pgliteTemplateDir(), dir, { recursive: true });
    return { target: { dataDir: dir }, open: () => openDatabase({ dataDir: dir }), drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const { url, drop } = await createScratchDatabase(ADMIN_URL);
  return { target: { databaseUrl: url }, open: () => openDatabase({ databaseUrl: url }), drop };
}

async function withDb<T>(open: () => Promise<DatabaseHandle>, fn: (h: DatabaseHandle) => Promise<T>): Promise<T> {
  const h = await open();
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function sameSet(a: number[], b: number[]): boolean {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * The two floors, measured right before the scenarios that are compared with them: on a shared
 * machine the load drifts over a 10-minute run (floors measured once at the start differed by up
 * to 75% between runs), so each backend's ratios use floors taken minutes, not a run, apart.
 */
async function measureFloors(origin: string, before: string): Promise<{ get: number; parse: number }> {
  const n = Math.max(SIZE.small, 2000);
  // The first repetition warms the JIT and the connections; the floor is the median of the rest
  // (a single short burst had swung the GET floor between 1,650 and 4,467/s from run to run).
  const get = await runChild({ kind: 'get', origin, n, concurrency: SIZE.concurrency, repeat: 4 });
  const parse = await runChild({ kind: 'parse', origin, n: SIZE.small, concurrency: SIZE.concurrency, repeat: 4 });
  const g = median(get.passes.slice(1).map(rate));
  const p = median(parse.passes.slice(1).map(rate));
  rows.push({ scenario: `floor: undici GET (before ${before})`, backend: 'none', n, checks_per_s: round(g), ratio_to_floor: 1, floor: 'get', peak_rss_mb: get.maxRssMb, bytes: null });
  rows.push({ scenario: `floor: GET + cheerio parse (before ${before})`, backend: 'none', n: SIZE.small, checks_per_s: round(p), ratio_to_floor: 1, floor: 'parse', peak_rss_mb: parse.maxRssMb, bytes: null });
  return { get: g, parse: p };
}

function passRow(scenario: string, backend: 'pglite' | 'postgres', n: number, p: PassResult, rss: number, floorName: 'get' | 'parse', floor: number, detail: Record<string, unknown> = {}): Row {
  const row: Row = {
    scenario,
    backend,
    n,
    checks_per_s: round(rate(p)),
    ratio_to_floor: round(rate(p) / floor, 2),
    floor: floorName,
    peak_rss_mb: rss,
    bytes: null,
    seconds: round(p.seconds, 2),
    detail: { outcomes: p.outcomes, ...(p.errors.length ? { errors: p.errors } : {}), ...detail },
  };
  rows.push(row);
  return row;
}

async function runBackend(backend: 'pglite' | 'postgres', origin: string, floors: { get: number; parse: number }): Promise<void> {
  const c = SIZE.concurrency;
  const small = SIZE.small;

  // 1. First capture, unchanged and not-modified passes over the small set.
  const db = await freshDatabase(backend);
  try {
    log(`${backend}: first capture, unchanged and 304 passes over ${small}`);
    const base = await runChild({ kind: 'check', origin, n: small, concurrency: c, ...db.target, passes: [{}, {}, {}, { etag: true }, { etag: true }] });
    const [first, , unchanged, , notModified] = base.passes as [PassResult, PassResult, PassResult, PassResult, PassResult];
    passRow('first capture (every page parsed and stored)', backend, small, first, base.maxRssMb, 'parse', floors.parse);
    const u1 = passRow('unchanged pass', backend, small, unchanged, base.maxRssMb, 'get', floors.get);
    const m1 = passRow('not-modified pass (304)', backend, small, notModified, base.maxRssMb, 'get', floors.get);

    // 2. The same over the large set: sources and their version copied in SQL from the small set
    //    (page i serves the same content as page i mod small), then two passes in one process.
    log(`${backend}: unchanged and 304 passes over ${SIZE.large}`);
    await withDb(db.open, async (h) => {
      await h.db.execute(sql`insert into sources (id, url, enabled, created_at)
        select 'b-' || i, ${origin} || '/p/' || i, true, ${new Date().toISOString()}::timestamptz from generate_series(${small}::int, ${SIZE.large - 1}::int) i`);
      await h.db.execute(sql`insert into versions (source_id, seq, content_hash, raw_gzip, raw_base_id, raw_hash, final_url, captured_at, last_seen_at, updated, updated_text, document)
        select 'b-' || i, v.seq, v.content_hash, v.raw_gzip, v.raw_base_id, v.raw_hash, ${origin} || '/p/' || i, v.captured_at, v.last_seen_at, v.updated, v.updated_text, v.document
        from generate_series(${small}::int, ${SIZE.large - 1}::int) i join versions v on v.source_id = 'b-' || (i % ${small}::int)`);
      // A copied delta still names the original source's keyframe: point it at the copy of that
      // keyframe (same seq, same body) in its own source.
      await h.db.execute(sql`update versions c set raw_base_id = k.id
        from versions o, versions k
        where c.raw_base_id = o.id and o.source_id <> c.source_id and k.source_id = c.source_id and k.seq = o.seq`);
    });
    const large = await runChild({ kind: 'check', origin, n: SIZE.large, concurrency: c, ...db.target, passes: [{}, {}, { etag: true }, { etag: true }] });
    const u2 = passRow('unchanged pass', backend, SIZE.large, large.passes[1]!, large.maxRssMb, 'get', floors.get);
    const m2 = passRow('not-modified pass (304)', backend, SIZE.large, large.passes[3]!, large.maxRssMb, 'get', floors.get);
    await withDb(db.open, (h) => h.db.execute(sql`delete from sources where id like 'b-%' and substr(id, 3)::int >= ${small}::int`));

    // 3. Noisy and changed passes over the small set.
    log(`${backend}: noisy and changed passes over ${small}`);
    const noisyRun = await runChild({ kind: 'check', origin, n: small, concurrency: c, ...db.target, passes: [{ noisy: true }, { noisy: true }] });
    const noisy = noisyRun.passes[1]!;
    // Counted in the database by the child around each pass, both noisy passes together.
    const noisyVersions = noisyRun.passes.reduce((n, p) => n + (p.rowsAdded?.versions ?? Number.NaN), 0);
    const noisyChanges = noisyRun.passes.reduce((n, p) => n + (p.rowsAdded?.changes ?? Number.NaN), 0);
    const nz = passRow('noisy pass (token + timestamp in the chrome)', backend, small, noisy, noisyRun.maxRssMb, 'parse', floors.parse, {
      versionsCreated: noisyVersions,
      changesCreated: noisyChanges,
    });
    const changedRun = await runChild({
      kind: 'check',
      origin,
      n: small,
      concurrency: c,
      ...db.target,
      passes: [{}, { change: CHANGE_FRACTION, seed: 11 }, { change: 1, seed: 12 }],
    });
    const [, c5, c100] = changedRun.passes as [PassResult, PassResult, PassResult];
    const ch5 = passRow(`changed pass ${CHANGE_FRACTION * 100}%`, backend, small, c5, changedRun.maxRssMb, 'parse', floors.parse, {
      changedPages: c5.changedPages.length,
      detected: c5.storedPages.length,
      allDetected: sameSet(c5.changedPages, c5.storedPages),
    });
    const ch100 = passRow('changed pass 100%', backend, small, c100, changedRun.maxRssMb, 'parse', floors.parse, {
      changedPages: c100.changedPages.length,
      detected: c100.storedPages.length,
      allDetected: sameSet(c100.changedPages, c100.storedPages),
    });

    goals.push(
      goal('unchanged ≥ 0.5 × GET floor', backend, [u1, u2], 0.5),
      goal('not-modified ≥ 0.5 × GET floor', backend, [m1, m2], 0.5),
      goal('noisy ≥ 0.6 × GET+parse floor', backend, [nz], 0.6),
      { goal: 'noisy pass creates 0 versions', backend, measured: `${noisyVersions} versions, ${noisyChanges} changes`, met: noisyVersions === 0 && noisyChanges === 0 },
      goal('changed ≥ 0.6 × GET+parse floor', backend, [ch5, ch100], 0.6),
      {
        goal: 'every change detected',
        backend,
        measured: `${c5.storedPages.length}/${c5.changedPages.length} and ${c100.storedPages.length}/${c100.changedPages.length}`,
        met: sameSet(c5.changedPages, c5.storedPages) && sameSet(c100.changedPages, c100.storedPages),
      },
      { goal: `peak RSS of a ${SIZE.large.toLocaleString('en')}-source pass ≤ 300 MB`, backend, measured: `${large.maxRssMb} MB`, met: large.maxRssMb <= 300 },
    );
    // 7. The runs urlwatch is compared with, run the way urlwatch runs: a fresh process per pass
    //    over pages it already holds, one unchanged, one with 5% changed. Their peak RSS is the
    //    like-for-like memory (the passes above also hold a first capture and a 100% pass).
    const peerUnchanged = await runChild({ kind: 'check', origin, n: small, concurrency: c, ...db.target, passes: [{}] });
    const peerChanged = await runChild({ kind: 'check', origin, n: small, concurrency: c, ...db.target, passes: [{ change: CHANGE_FRACTION, seed: 13 }] });
    const pu = passRow('unchanged pass, new child process, pass alone timed (not start-up or opening the database)', backend, small, peerUnchanged.passes[0]!, peerUnchanged.maxRssMb, 'get', floors.get);
    const pc = passRow(`changed pass ${CHANGE_FRACTION * 100}%, new child process, pass alone timed (not start-up or opening the database)`, backend, small, peerChanged.passes[0]!, peerChanged.maxRssMb, 'parse', floors.parse);
    peerBaseline.set(backend, { unchanged: pu, changed: pc, rss: Math.max(peerUnchanged.maxRssMb, peerChanged.maxRssMb) });
  } finally {
    await db.drop();
  }

  if (PASSES_ONLY) return;
  await runStorage(backend, origin);
  await runHistory(backend, origin);
  await runFacts(backend, origin);
}

function goal(name: string, backend: string, measured: Row[], min: number): Goal {
  const worst = Math.min(...measured.map((r) => r.ratio_to_floor ?? 0));
  return { goal: name, backend, measured: measured.map((r) => `${r.ratio_to_floor}× (${r.checks_per_s}/s at ${r.n.toLocaleString('en')})`).join(', '), met: worst >= min };
}

/**
 * 5. Storage after many passes at 5% change: bytes per unchanged check and per version.
 *
 * A version's bytes are everything `versions` and `changes` hold (heap, TOAST, indexes) divided by
 * the number of versions. They are compared with the gzip size (zlib defaults) of the raw pages
 * themselves: the bodies of a sample of versions, rebuilt with `loadRawBody` (keyframe + delta)
 * and checked against their stored SHA-256, then gzipped here.
 */
async function runStorage(backend: 'pglite' | 'postgres', origin: string): Promise<void> {
  const db = await freshDatabase(backend);
  try {
    const n = SIZE.small;
    log(`${backend}: storage, ${SIZE.storagePasses} passes over ${n} at ${CHANGE_FRACTION * 100}% change`);
    const passes: PassSpec[] = [{}, ...Array.from({ length: SIZE.storagePasses }, (_, k) => ({ change: CHANGE_FRACTION, seed: 100 + k }))];
    const run = await runChild({ kind: 'check', origin, n, concurrency: SIZE.concurrency, ...db.target, passes });
    const missed = run.passes.filter((p) => !sameSet(p.changedPages, p.storedPages) && p.changedPages.length > 0).length;
    await withDb(db.open, async (h) => {
      // Autovacuum may or may not have visited the tables by now; a vacuum makes the state the same
      // every run (PGlite has no autovacuum). It frees space for reuse, it does not shrink files.
      if (backend === 'postgres') await h.db.execute(sql`vacuum analyze`);
      const [s] = await executeRows<Record<string, string | number>>(
        h.db,
        sql`select
          pg_total_relation_size('checks') as checks_bytes,
          pg_total_relation_size('versions') as versions_bytes,
          pg_relation_size('versions') as versions_heap,
          (select pg_total_relation_size(reltoastrelid) from pg_class where oid = 'versions'::regclass) as versions_toast,
          pg_indexes_size('versions') as versions_indexes,
          pg_total_relation_size('figures') as figures_bytes,
          pg_total_relation_size('changes') as changes_bytes,
          (select count(*) from checks) as check_rows,
          (select coalesce(sum(repeats), 0) from checks) as checks,
          (select coalesce(sum(repeats), 0) from checks where outcome in ('unchanged', 'not_modified')) as unchanged_checks,
          (select count(*) from versions) as versions,
          (select count(*) from versions where raw_base_id is null) as keyframes,
          (select coalesce(avg(octet_length(raw_gzip)), 0) from versions where raw_base_id is null) as keyframe_gzip_avg,
          (select coalesce(avg(octet_length(raw_gzip)), 0) from versions where raw_base_id is not null) as delta_gzip_avg,
          (select avg(pg_column_size(raw_gzip)) from versions) as raw_column_avg,
          (select avg(pg_column_size(document)) from versions) as document_avg,
          (select avg(pg_column_size(v.*)) from versions v) as version_row_avg,
          (select avg(pg_column_size(c.*)) from changes c) as change_row_avg,
          (select coalesce(avg(pg_column_size(change)), 0) from changes) as change_json_avg,
          (select avg(bytes) from checks where outcome in ('new', 'changed')) as raw_avg`,
      );
      const v = (k: string) => Number(s?.[k] ?? 0);
      const pages = await rawPageSample(h, 200);
      const perCheck = v('checks_bytes') / Math.max(1, v('unchanged_checks'));
      const perVersion = (v('versions_bytes') + v('changes_bytes')) / Math.max(1, v('versions'));
      const per = (k: string) => round(v(k) / Math.max(1, v('versions')));
      const figuresPerVersion = v('figures_bytes') / Math.max(1, v('versions'));
      const ratio = perVersion / pages.gzipAvg;
      rows.push({
        scenario: `storage: per unchanged check (${SIZE.storagePasses} passes)`,
        backend,
        n,
        checks_per_s: null,
        ratio_to_floor: null,
        floor: null,
        peak_rss_mb: run.maxRssMb,
        bytes: round(perCheck, 1),
        detail: { checksTableBytes: v('checks_bytes'), checkRows: v('check_rows'), checks: v('checks'), unchangedChecks: v('unchanged_checks') },
      });
      rows.push({
        scenario: 'storage: per version (row + document + raw body + change)',
        backend,
        n,
        checks_per_s: null,
        ratio_to_floor: round(ratio, 2),
        floor: null,
        peak_rss_mb: null,
        bytes: round(perVersion),
        detail: {
          versions: v('versions'),
          rawPageAvg: round(v('raw_avg')),
          pageGzipAvg: round(pages.gzipAvg),
          pagesSampled: pages.sampled,
          pagesVerified: pages.verified,
          keyframes: v('keyframes'),
          keyframeShare: round(v('keyframes') / Math.max(1, v('versions')), 3),
          keyframeGzipAvg: round(v('keyframe_gzip_avg')),
          deltaGzipAvg: round(v('delta_gzip_avg')),
          rawColumnAvg: round(v('raw_column_avg')),
          documentAvg: round(v('document_avg')),
          versionRowAvg: round(v('version_row_avg')),
          changeRowAvg: round(v('change_row_avg')),
          changeJsonAvg: round(v('change_json_avg')),
          perVersion: { versionsHeap: per('versions_heap'), versionsToast: per('versions_toast'), versionsIndexes: per('versions_indexes'), changes: per('changes_bytes') },
          figuresBytesPerVersion: round(figuresPerVersion),
          passesWithMissedChanges: missed,
        },
      });
      goals.push(
        { goal: 'unchanged check ≤ 64 bytes', backend, measured: `${round(perCheck, 1)} B (${v('check_rows')} rows for ${v('checks')} checks)`, met: perCheck <= 64 },
        {
          goal: 'version ≤ 1.2 × gzip of its raw page (+ its figures)',
          backend,
          measured: `${round(perVersion)} B = ${round(ratio, 2)} × gzip ${round(pages.gzipAvg)} B; figures ${round(figuresPerVersion)} B more`,
          met: perVersion <= 1.2 * pages.gzipAvg && pages.verified === pages.sampled,
        },
      );
    });
  } finally {
    await db.drop();
  }
}

/**
 * The raw pages behind the stored versions: `size` versions spread over the table, each body
 * rebuilt through `loadRawBody`, checked against its stored SHA-256 and gzipped (zlib defaults).
 */
async function rawPageSample(h: DatabaseHandle, size: number): Promise<{ sampled: number; verified: number; gzipAvg: number }> {
  const all = await executeRows<{ id: number; raw_hash: string }>(h.db, sql`select id, raw_hash from versions order by id`);
  const step = Math.max(1, all.length / size);
  const sample = Array.from({ length: Math.min(size, all.length) }, (_, i) => all[Math.floor(i * step)]!);
  let verified = 0;
  let gzipBytes = 0;
  for (const { id, raw_hash } of sample) {
    const body = await loadRawBody(h.db, Number(id));
    if (!body) continue;
    if (createHash('sha256').update(body).digest('hex') === raw_hash) verified++;
    gzipBytes += gzipSync(body).length;
  }
  return { sampled: sample.length, verified, gzipAvg: gzipBytes / Math.max(1, sample.length) };
}

/** 6. History queries on one source with many versions: `show --at` and one figure's series. */
async function runHistory(backend: 'pglite' | 'postgres', origin: string): Promise<void> {
  const db = await freshDatabase(backend);
  const page = 1_000_001;
  try {
    log(`${backend}: history of ${SIZE.historyVersions} versions`);
    await withDb(db.open, async (h) => {
      const clock = { now: () => new Date(start + step * k) };
      const start = Date.UTC(2015, 0, 1);
      const step = 86_400_000;
      let k = 0;
      const http = createHttpClient({}, { clock: systemClock, log: silentLogger() });
      const [source] = resolveSources({ sources: [{ id: 'hist', url: `${origin}/p/${page}` }], fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 } } as never);
      await syncSources(h.db, [source!], clock.now());
      const deps = { db: h.db, http, clock, log: silentLogger() };
      let stored = 0;
      for (; k < SIZE.historyVersions; k++) {
        if (k > 0) await fetch(`${origin}/_control/bump?i=${page}`, { method: 'POST' });
        const [r] = await runCheckPass(deps, [source!], { all: true });
        if (r?.stored) stored++;
      }
      await http.close();
      const series = await figureSeries(h.db, 'hist');
      const key = series.find((f) => f.kind === 'money')?.key ?? series[0]?.key;
      const at = (i: number) => new Date(start + step * ((i * 7919) % SIZE.historyVersions) + step / 2);
      const showMs = await medianMs(50, (i) => versionAt(h.db, 'hist', at(i)));
      const seriesRows = key ? (await figureSeries(h.db, 'hist', key)).length : 0;
      const seriesMs = key ? await medianMs(50, () => figureSeries(h.db, 'hist', key)) : NaN;
      for (const [name, ms] of [
        ['history: show --at (version in force, with document)', showMs],
        ['history: one figure series', seriesMs],
      ] as const) {
        rows.push({
          scenario: name,
          backend,
          n: stored,
          checks_per_s: null,
          ratio_to_floor: null,
          floor: null,
          peak_rss_mb: null,
          bytes: null,
          detail: { medianMs: round(ms, 2), ...(name.includes('series') ? { key, points: seriesRows } : {}) },
        });
      }
      if (backend === 'postgres') {
        goals.push(
          { goal: `show --at ≤ 50 ms at ${stored} versions (PostgreSQL)`, backend, measured: `${round(showMs, 2)} ms`, met: showMs <= 50 },
          { goal: `figure series ≤ 50 ms at ${stored} versions (PostgreSQL)`, backend, measured: `${round(seriesMs, 2)} ms (${seriesRows} points)`, met: seriesMs <= 50 },
        );
      }
    });
  } finally {
    await db.drop();
  }
}

/** 7. `facts` across every source (bench/facts.ts): the issue's goal, per backend. */
async function runFacts(backend: 'pglite' | 'postgres', origin: string): Promise<void> {
  const db = await freshDatabase(backend);
  try {
    const { factsSources: sources, factsVersions: versions } = SIZE;
    log(`${backend}: facts over ${sources} sources × ${versions} versions`);
    const r = await runFactsBench({ backend, origin, sources, versions, distinct: 10, runs: QUICK ? 3 : 5, open: db.open, target: db.target, log });
    rows.push({
      scenario: 'facts: every series (`facts --json`, whole process)',
      backend,
      n: r.series,
      checks_per_s: null,
      ratio_to_floor: null,
      floor: null,
      peak_rss_mb: r.maxRssMb,
      bytes: null,
      detail: { medianMs: r.medianMs, unkeptMs: r.unkeptMs, points: r.points, sources, versions },
    });
    const limit = backend === 'postgres' ? 500 : 1500;
    goals.push({
      goal: `facts over ${sources} sources × ${versions} versions ≤ ${limit} ms, whole process (${backend === 'postgres' ? 'PostgreSQL' : 'embedded'})`,
      backend,
      measured: `${r.medianMs} ms (${r.series} series, ${r.points} points; ${r.unkeptMs} ms with no kept facts)`,
      met: r.medianMs <= limit,
    });
  } finally {
    await db.drop();
  }
}

async function medianMs(runs: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const peerBaseline = new Map<string, { unchanged: Row; changed: Row; rss: number }>();

/** 7. urlwatch on the same pages from the same server. */
async function runPeer(origin: string): Promise<void> {
  log(`urlwatch: ${SIZE.peer} pages, unchanged and changed passes`);
  const peer: PeerResult | { error: string } = await runUrlwatch({ origin, n: SIZE.peer, changeFraction: CHANGE_FRACTION, log });
  if ('error' in peer) {
    log(`urlwatch skipped: ${peer.error}`);
    goals.push({ goal: '≥ 5× urlwatch throughput, less memory', backend: 'all', measured: `urlwatch not run: ${peer.error}`, met: false });
    return;
  }
  for (const [scenario, p] of [
    ['urlwatch: unchanged pass', peer.unchanged],
    ['urlwatch: changed pass 5%', peer.changed],
  ] as const) {
    rows.push({
      scenario,
      backend: 'urlwatch',
      n: SIZE.peer,
      checks_per_s: round(SIZE.peer / p.seconds),
      ratio_to_floor: null,
      floor: null,
      peak_rss_mb: p.maxRssMb,
      bytes: null,
      seconds: round(p.seconds, 2),
      detail: { version: peer.version, reportedChanged: p.changed },
    });
  }
  for (const [backend, ours] of peerBaseline) {
    const uRatio = (ours.unchanged.checks_per_s ?? 0) / (SIZE.peer / peer.unchanged.seconds);
    const cRatio = (ours.changed.checks_per_s ?? 0) / (SIZE.peer / peer.changed.seconds);
    const peerRss = Math.max(peer.unchanged.maxRssMb, peer.changed.maxRssMb);
    goals.push({
      goal: '≥ 5× urlwatch throughput, less memory (warm: factwatch pass alone vs urlwatch whole process)',
      backend,
      measured: `unchanged ${round(uRatio, 1)}×, changed ${round(cRatio, 1)}×; RSS ${ours.rss} MB vs ${peerRss} MB`,
      met: uRatio >= 5 && cRatio >= 5 && ours.rss < peerRss,
    });
  }
}

function printTables(floors: Record<string, { get: number; parse: number }> | null): void {
  const fmt = (x: number | null | undefined, d = 0) => (x === null || x === undefined || Number.isNaN(x) ? '' : x.toLocaleString('en', { maximumFractionDigits: d }));
  console.log(`\nfactwatch bench${QUICK ? ' --quick' : ''}${STORAGE_ONLY ? ' --storage-only' : ''}: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${round(totalmem() / 2 ** 30, 1)} GB`);
  for (const [backend, f] of Object.entries(floors ?? {})) {
    console.log(`floors before ${backend}: ${fmt(f.get)} GET/s, ${fmt(f.parse)} GET+parse/s (concurrency ${SIZE.concurrency}, page ~75 KB)`);
  }
  if (floors) console.log('');
  if (floors) console.log('| scenario | backend | n | checks/s | × floor | peak RSS MB | notes |');
  if (floors) console.log('|---|---|---:|---:|---:|---:|---|');
  // The fresh-process rows have their own table (bench/fresh-process.ts prints it).
  const listed = rows.filter((r) => !r.scenario.startsWith('fresh process'));
  for (const r of listed.filter((r) => r.checks_per_s !== null)) {
    const d = r.detail ?? {};
    const notes = [
      'versionsCreated' in d ? `${d.versionsCreated} versions, ${d.changesCreated} changes` : '',
      'allDetected' in d ? `${d.detected}/${d.changedPages} changes detected` : '',
      'reportedChanged' in d && r.scenario.includes('changed') ? `${d.reportedChanged} reported changed` : '',
      'errors' in d ? `errors: ${(d.errors as string[]).join('; ')}` : '',
    ].filter(Boolean).join('; ');
    console.log(`| ${r.scenario} | ${r.backend} | ${fmt(r.n)} | ${fmt(r.checks_per_s)} | ${r.ratio_to_floor === null ? '' : `${r.ratio_to_floor}× ${r.floor}`} | ${fmt(r.peak_rss_mb)} | ${notes} |`);
  }
  console.log('\n| storage / history | backend | n | bytes | median ms | notes |');
  console.log('|---|---|---:|---:|---:|---|');
  for (const r of listed.filter((r) => r.checks_per_s === null)) {
    const d = r.detail ?? {};
    const notes = r.scenario.includes('per version')
      ? storageNotes(r, fmt)
      : r.scenario.includes('unchanged check')
        ? `checks table ${fmt(d.checksTableBytes as number)} B: ${fmt(d.checkRows as number)} rows for ${fmt(d.checks as number)} checks`
        : r.scenario.startsWith('facts')
          ? `${fmt(d.points as number)} points of ${fmt(d.sources as number)} sources × ${fmt(d.versions as number)} versions; ${fmt(d.unkeptMs as number)} ms with no kept facts`
          : r.scenario.includes('series')
            ? `${d.points} points of ${d.key}`
            : `${r.n} versions`;
    console.log(`| ${r.scenario} | ${r.backend} | ${fmt(r.n)} | ${fmt(r.bytes)} | ${fmt(d.medianMs as number, 2)} | ${notes} |`);
  }
  console.log('\n| goal | backend | measured | met |');
  console.log('|---|---|---|---|');
  for (const g of goals) console.log(`| ${g.goal} | ${g.backend} | ${g.measured} | ${g.met ? 'yes' : '**NO**'} |`);
}

function storageNotes(r: Row, fmt: (x: number | null | undefined, d?: number) => string): string {
  const d = r.detail ?? {};
  const n = (k: string) => d[k] as number;
  const per = d.perVersion as Record<string, number>;
  return [
    `${fmt(n('versions'))} versions; raw page ${fmt(n('rawPageAvg'))} B, its gzip ${fmt(n('pageGzipAvg'))} B (${n('pagesVerified')}/${n('pagesSampled')} rebuilt bodies byte-exact); ${r.ratio_to_floor}× gzip`,
    `keyframes ${fmt(n('keyframes'))} (${fmt(n('keyframeShare') * 100, 1)}%, gzip ${fmt(n('keyframeGzipAvg'))} B), deltas gzip ${fmt(n('deltaGzipAvg'))} B; raw column ${fmt(n('rawColumnAvg'))} B/version`,
    `document ${fmt(n('documentAvg'))} B, version row ${fmt(n('versionRowAvg'))} B, change row ${fmt(n('changeRowAvg'))} B (change jsonb ${fmt(n('changeJsonAvg'))} B)`,
    `per version: versions heap ${fmt(per.versionsHeap)} + TOAST ${fmt(per.versionsToast)} + indexes ${fmt(per.versionsIndexes)} B, changes ${fmt(per.changes)} B; figures ${fmt(n('figuresBytesPerVersion'))} B more`,
  ].join('<br>');
}

async function main(): Promise<void> {
  const started = performance.now();
  log('npm run build (the workloads run the compiled build)');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`npm run build failed (${build.status})`);
  const server = await startPageServer();
  try {
    if (FACTS_ONLY) {
      for (const backend of BACKENDS) await runFacts(backend, server.origin);
      printTables(null);
      return;
    }
    if (STORAGE_ONLY) {
      for (const backend of BACKENDS) {
        try {
          await runStorage(backend, server.origin);
        } catch (err) {
          log(`${backend}: FAILED: ${(err as Error).message}`);
          goals.push({ goal: 'bench ran', backend, measured: (err as Error).message, met: false });
        }
      }
      printTables(null);
      return;
    }
    log(`page server at ${server.origin}`);
    if (!PASSES_ONLY) {
      const n = Number(argValue('--fresh-n') ?? (QUICK ? 100 : 2000));
      const fresh = await runFreshProcess({ n, hosts: 50, perHost: 8, queryRuns: QUICK ? 3 : 7, backends: BACKENDS, adminUrl: ADMIN_URL, peer: !NO_PEER, log });
      rows.push(...fresh.rows);
      goals.push(...fresh.goals);
    }
    const floors: Record<string, { get: number; parse: number }> = {};
    for (const backend of FRESH_ONLY ? [] : BACKENDS) {
      try {
        log(`floors before ${backend}`);
        floors[backend] = await measureFloors(server.origin, backend);
        await runBackend(backend, server.origin, floors[backend]);
      } catch (err) {
        log(`${backend}: FAILED: ${(err as Error).message}`);
        goals.push({ goal: 'bench ran', backend, measured: (err as Error).message, met: false });
      }
    }
    if (!NO_PEER && !FRESH_ONLY) await runPeer(server.origin);
    printTables(floors);
    await writeFile(
      RESULTS,
      `${JSON.stringify({ quick: QUICK, node: process.version, cpus: cpus().length, floors, rows, goals, seconds: round((performance.now() - started) / 1000, 1) }, null, 2)}\n`,
    );
    console.log(`\nwrote ${RESULTS} in ${round((performance.now() - started) / 1000)} s`);
  } finally {
    server.stop();
    if (pgliteTemplate) await rm(await pgliteTemplate, { recursive: true, force: true });
  }
}

await main();
