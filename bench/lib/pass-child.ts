/**
 * One measured workload in a fresh process, so its peak RSS is its own: started by `bench/run.ts`
 * with a JSON job as argv[2], it prints one JSON line with the result on stdout.
 *
 *   { kind: 'get',   origin, n, concurrency, repeat? }   raw undici GETs of /p/0…/p/n-1 (the floor)
 *   { kind: 'parse', origin, n, concurrency }   the same + UTF-8 decode + cheerio (htmlparser2) parse
 *   { kind: 'check', origin, n, concurrency, databaseUrl | dataDir, passes: [{ change?, noisy?, etag? }] }
 *       runs `runCheckPass` (what `factwatch check --all` runs) over sources b-0…b-(n-1),
 *       once per entry of `passes`, setting the page server's mode before each.
 *
 * Only the passes themselves are timed: opening the database and syncing sources are not.
 */
import { load } from 'cheerio/slim';
import { sql } from 'drizzle-orm';
import { Agent, request } from 'undici';
import { systemClock } from '../../src/app/clock.ts';
import { forEachBounded } from '../../src/app/for-each-bounded.ts';
import { silentLogger } from '../../src/app/log.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { createHttpClient } from '../../src/fetch/index.ts';
import { executeRows } from '../../src/store/execute-rows.ts';
import type { Db } from '../../src/store/db.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { runCheckPass } from '../../src/check/check-pass.ts';
import { createJudgePool } from '../../src/judge/judge-pool.ts';

export interface PassSpec {
  /** Bump the revision of this fraction of the pages before the pass. */
  change?: number;
  seed?: number;
  noisy?: boolean;
  etag?: boolean;
}

export interface ChildJob {
  kind: 'get' | 'parse' | 'check';
  origin: string;
  n: number;
  concurrency: number;
  databaseUrl?: string;
  dataDir?: string;
  passes?: PassSpec[];
  /** Floors: run this many times in the process (the first ones warm the JIT and the pool). */
  repeat?: number;
  /** Parse on this many worker threads (0: inline, on the main thread). Default: the machine's parallelism. */
  parseThreads?: number;
}

export interface PassResult {
  seconds: number;
  checks: number;
  outcomes: Record<string, number>;
  /** Pages the server changed before the pass, and pages the pass stored a version for. */
  changedPages: number[];
  storedPages: number[];
  errors: string[];
  /** Rows the pass added to `versions` and `changes`, counted in the database around it (not timed). */
  rowsAdded?: { versions: number; changes: number };
}

export interface ChildResult {
  kind: ChildJob['kind'];
  n: number;
  passes: PassResult[];
  maxRssMb: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as ChildJob;

async function control(path: string): Promise<unknown> {
  const res = await request(`${job.origin}${path}`, { method: 'POST' });
  const text = await res.body.text();
  return text ? JSON.parse(text) : null;
}

/** 0 … n−1, lazily. */
function* pageNumbers(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

async function runFloor(parse: boolean): Promise<PassResult> {
  const agent = new Agent({ connections: job.concurrency });
  const started = performance.now();
  // The pass's own bounded-concurrency helper, so the floor differs from a pass only in what each item does.
  await forEachBounded(pageNumbers(job.n), job.concurrency, async (i) => {
    const res = await request(`${job.origin}/p/${i}`, { dispatcher: agent });
    const body = Buffer.from(await res.body.arrayBuffer());
    if (parse) load(new TextDecoder('utf-8').decode(body), { xml: false });
  });
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return { seconds, checks: job.n, outcomes: { ok: job.n }, changedPages: [], storedPages: [], errors: [] };
}

async function runChecks(): Promise<PassResult[]> {
  const handle = await openDatabase({ databaseUrl: job.databaseUrl ?? null, dataDir: job.dataDir ?? null });
  const clock = systemClock;
  const log = silentLogger();
  const http = createHttpClient({}, { clock, log });
  const pool = job.parseThreads === 0 ? null : createJudgePool(job.parseThreads ? { threads: job.parseThreads } : {});
  const sources = resolveSources({
    sources: Array.from({ length: job.n }, (_, i) => ({ id: `b-${i}`, url: `${job.origin}/p/${i}` })),
    fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0, perHost: { concurrency: job.concurrency, minDelayMs: 0 } },
  } as never);
  const out: PassResult[] = [];
  // Sources in bulk (syncSources would take two round trips per source, outside what is measured).
  await handle.db.execute(sql`insert into sources (id, url, enabled, created_at)
    select 'b-' || i, ${job.origin} || '/p/' || i, true, ${clock.now().toISOString()}::timestamptz
    from generate_series(0, ${job.n - 1}::int) i on conflict (id) do nothing`);
  try {
    for (const [p, spec] of (job.passes ?? [{}]).entries()) {
      await control(`/_control/mode?noisy=${spec.noisy ? 1 : 0}&etag=${spec.etag ? 1 : 0}`);
      const changedPages = spec.change ? ((await control(`/_control/change?n=${job.n}&fraction=${spec.change}&seed=${spec.seed ?? p + 1}`)) as number[]) : [];
      const before = await countRows(handle.db);
      const started = performance.now();
      const results = await runCheckPass({ db: handle.db, http, clock, log, ...(pool ? { judge: pool.judge } : {}) }, sources, { all: true, concurrency: job.concurrency });
      const seconds = (performance.now() - started) / 1000;
      const after = await countRows(handle.db);
      const outcomes: Record<string, number> = {};
      for (const r of results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
      out.push({
        seconds,
        checks: results.length,
        outcomes,
        changedPages,
        storedPages: results.filter((r) => r.stored).map((r) => Number(r.sourceId.slice(2))),
        errors: [...new Set(results.filter((r) => r.error).map((r) => `${r.error!.code}: ${r.error!.message}`))].slice(0, 5),
        rowsAdded: { versions: after.versions - before.versions, changes: after.changes - before.changes },
      });
    }
  } finally {
    await http.close();
    await pool?.close();
    await handle.close();
  }
  return out;
}

/** Rows in `versions` and `changes`: what a pass stored, read from the database itself. */
async function countRows(db: Db): Promise<{ versions: number; changes: number }> {
  const [row] = await executeRows<{ versions: number | string; changes: number | string }>(
    db,
    sql`select (select count(*) from versions) as versions, (select count(*) from changes) as changes`,
  );
  return { versions: Number(row?.versions ?? 0), changes: Number(row?.changes ?? 0) };
}

const passes: PassResult[] = [];
if (job.kind === 'check') passes.push(...(await runChecks()));
else for (let r = 0; r < (job.repeat ?? 1); r++) passes.push(await runFloor(job.kind === 'parse'));
const result: ChildResult = { kind: job.kind, n: job.n, passes, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
process.stdout.write(`${JSON.stringify(result)}\n`);
