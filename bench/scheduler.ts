/**
 * One scheduled pass over 1,000 and 10,000 unchanged sources served on 127.0.0.1, with 1 and 3
 * `factwatch watch` worker processes sharing one PostgreSQL database: checks per second and the
 * peak RSS of each worker. Self-contained: it creates (and drops) its own database.
 *
 *   npx tsx bench/scheduler.ts                      # sizes 1000,10000; workers 1,3
 *   npx tsx bench/scheduler.ts --sizes 1000 --workers 1,2,3
 *   DATABASE_URL=postgres://user@host:5432/postgres npx tsx bench/scheduler.ts
 *   BENCH_PROF=1 npx tsx bench/scheduler.ts --sizes 1000 --workers 1   # CPU profiles in /tmp/prof
 *
 * Every source serves the real 66 KB "France and North Korea" page (26 October 2017 snapshot)
 * and already holds that version, so each check is an unchanged check: one GET, one SHA-256,
 * no parse — the common case of a monitoring day. Workers are started first, idle until the
 * sources become due (one UPDATE), and the pass is timed from the first to the last check
 * recorded, so process start-up is not counted.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { hashDocument } from '../src/extract/content-hash.ts';
import { extractDocument } from '../src/extract/extract-document.ts';
import { openDatabase } from '../src/store/open-database.ts';
import { compressBody } from '../src/store/raw-body.ts';
import { createScratchDatabase } from './lib/scratch-database.ts';

const BIN = fileURLToPath(new URL('../src/cli/bin.js', import.meta.url));
const PAGE = readFileSync(new URL('../snapshots/html/france-north-korea_2017-10-26.html', import.meta.url));

function arg(name: string, fallback: string): number[] {
  const i = process.argv.indexOf(name);
  return (i > 0 ? (process.argv[i + 1] ?? fallback) : fallback).split(',').map(Number);
}
const SIZES = arg('--sizes', '1000,10000');
const WORKERS = arg('--workers', '1,3');
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Row {
  sources: number;
  workers: number;
  seconds: number;
  checksPerSecond: number;
  rssMb: number[];
  checked: number;
}

async function main(): Promise<void> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': PAGE.length });
    res.end(PAGE);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rows: Row[] = [];
  try {
    for (const size of SIZES) {
      const { url, drop } = await createScratchDatabase(BASE_URL);
      const dir = await mkdtemp(join(tmpdir(), 'fw-bench-'));
      try {
        await seed(url, dir, origin, size);
        for (const workers of WORKERS) {
          const row = await runPass(url, dir, size, workers);
          rows.push(row);
          console.error(`${size} sources, ${workers} worker(s): ${row.checksPerSecond} checks/s`);
        }
      } finally {
        await drop();
        await rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    server.close();
  }
  console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores; page ${(PAGE.length / 1024).toFixed(0)} KB, unchanged\n`);
  console.log('| sources | workers | pass (s) | checks/s | peak RSS per worker (MB) |');
  console.log('|---:|---:|---:|---:|---|');
  for (const r of rows) {
    console.log(`| ${r.sources.toLocaleString('en')} | ${r.workers} | ${r.seconds.toFixed(1)} | ${r.checksPerSecond} | ${r.rssMb.join(', ')} |`);
  }
}

/** Sources, their one stored version (the page as served) and the config file, in bulk SQL. */
async function seed(url: string, dir: string, origin: string, size: number): Promise<void> {
  const handle = await openDatabase({ databaseUrl: url }); // migrates
  await handle.close();
  const doc = extractDocument(PAGE.toString('utf8'), { url: `${origin}/p/0` });
  const gz = await compressBody(PAGE);
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  const t = new Date(Date.now() - 86_400_000);
  try {
    await sql`insert into sources (id, url, schedule, timezone, enabled, created_at, next_check_at)
      select 'b-' || i, ${origin} || '/p/' || i, '0 6 * * *', 'UTC', true, ${t}, '2999-01-01'
      from generate_series(0, ${size - 1}) i`;
    await sql`insert into versions (source_id, seq, content_hash, raw_gzip, raw_hash, final_url, captured_at, last_seen_at, updated, updated_text, document)
      select 'b-' || i, 1, ${hashDocument(doc)}, ${gz}, ${createHash('sha256').update(PAGE).digest('hex')},
        ${origin} || '/p/' || i, ${t}, ${t}, ${doc.updated}, ${doc.updatedText}, ${sql.json(doc as never)}
      from generate_series(0, ${size - 1}) i`;
  } finally {
    await sql.end();
  }
  const config = {
    sources: Array.from({ length: size }, (_, i) => ({ id: `b-${i}`, url: `${origin}/p/${i}`, schedule: '0 6 * * *', timezone: 'UTC' })),
    fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0, perHost: { concurrency: 16 } },
  };
  await writeFile(join(dir, 'factwatch.config.json'), JSON.stringify(config));
}

async function runPass(url: string, dir: string, size: number, count: number): Promise<Row> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await sql`update sources set next_check_at = '2999-01-01', lease_owner = null, lease_until = null`;
    const workers = Array.from({ length: count }, (_, i) => startWorker(url, dir, `bench-${i + 1}`));
    await Promise.all(workers.map((w) => w.started));
    const t0 = new Date();
    await sql`update sources set next_check_at = ${t0}`;
    const deadline = Date.now() + 15 * 60_000;
    for (;;) {
      const [r] = await sql<{ n: number }[]>`select count(*)::int as n from sources where last_checked_at >= ${t0}`;
      if ((r?.n ?? 0) >= size) break;
      if (Date.now() > deadline) throw new Error('pass did not finish in 15 minutes');
      await new Promise((res) => setTimeout(res, 100));
    }
    // From the sources' own last check: check rows are run-length encoded (an unchanged check
    // extends its source's previous row), so they no longer carry one timestamp per check.
    const [span] = await sql<{ first: Date; last: Date; n: number }[]>`
      select min(last_checked_at) as first, max(last_checked_at) as last, count(*)::int as n from sources where last_checked_at >= ${t0}`;
    const stopped = await Promise.all(workers.map((w) => w.stop()));
    const seconds = (span!.last.getTime() - span!.first.getTime()) / 1000;
    return {
      sources: size,
      workers: count,
      seconds,
      checksPerSecond: Math.round(span!.n / seconds),
      rssMb: stopped.map((s) => Math.round(s.maxRssKb / 1024)),
      checked: stopped.reduce((n, s) => n + s.checked, 0),
    };
  } finally {
    await sql.end();
  }
}

function startWorker(url: string, dir: string, id: string) {
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), BIN, 'watch', '--json', '--tick', '* * * * * *', '--worker-id', id, '--batch', '200', '--concurrency', '16', '--lease', '300'],
    { cwd: dir, env: { ...process.env, DATABASE_URL: url, FACTWATCH_LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: Array<Record<string, unknown>> = [];
  let onLine: (() => void) | null = null;
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    const parts = (partial + d).split('\n');
    partial = parts.pop() ?? '';
    for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as Record<string, unknown>);
    onLine?.();
  });
  const waitFor = (event: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const hit = lines.find((l) => l.event === event);
        if (hit) resolve(hit);
      };
      onLine = check;
      child.once('exit', (code) => setTimeout(() => reject(new Error(`worker ${id} exited (${code}) before "${event}"`)), 100));
      check();
    });
  return {
    started: waitFor('started'),
    async stop() {
      const stopped = waitFor('stopped');
      child.kill('SIGTERM');
      const s = await stopped;
      return { maxRssKb: Number(s.maxRssKb), checked: Number(s.checked) };
    },
  };
}

await main();
