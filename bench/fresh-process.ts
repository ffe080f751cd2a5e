/**
 * factwatch as people run it (issue 16): `factwatch check --all` as a fresh process per pass, as
 * cron runs it, against `urlwatch` on the same pages, timed the same way, in the same run.
 *
 * The pass-child scenarios of `run.ts` time a pass inside a process that has already started and
 * opened its database; urlwatch's times include starting Python and opening its cache. Here both
 * tools are whole processes timed from spawn to exit by one wrapper (`lib/timed-process.ts`),
 * with the peak RSS of each process tree, so no ratio comes from timing one differently.
 *
 * The workload: N copies of the recorded page (75 KB, France Diplomatie layout, figures varied
 * per page) spread over H loopback hosts (127.0.0.1 … 127.0.0.H on one page server), 8
 * connections per host for factwatch (`fetch.perHost.concurrency`), urlwatch with its
 * `html2text` filter. Four passes, each tool in turn on the same server state before the next
 * change, so the three columns of a row see the same pages under the same machine load:
 *
 *   first capture      every page new (factwatch's data directory is already migrated: the
 *                      one-time `db migrate` — PGlite's initdb — is its own row)
 *   unchanged          nothing changed
 *   every page changed every page's figures moved
 *   5% changed         5% of the pages changed
 *
 * Then the query commands (`history`, `show --at`, `changes`) as fresh processes on the demo's
 * history (`factwatch demo`), median of several runs, alone and through a running owner process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPageServer } from './lib/start-page-server.ts';
import { timedProcess, type TimedRun } from './lib/timed-process.ts';
import { urlwatchSession } from './lib/urlwatch.ts';
import { createScratchDatabase } from './lib/scratch-database.ts';

type Tool = 'pglite' | 'postgres' | 'urlwatch';

export interface FreshOptions {
  n: number;
  hosts: number;
  /** factwatch's `fetch.perHost.concurrency`. */
  perHost: number;
  /** Timed runs of each query command (after one untimed run). */
  queryRuns: number;
  backends: Array<'pglite' | 'postgres'>;
  /** A PostgreSQL database to create and drop scratch databases from. */
  adminUrl: string;
  peer: boolean;
  log(message: string): void;
}

/** A line of results.json, in run.ts's shape. */
interface FreshRow {
  scenario: string;
  backend: Tool;
  n: number;
  checks_per_s: number | null;
  ratio_to_floor: null;
  floor: null;
  peak_rss_mb: number | null;
  bytes: null;
  seconds?: number;
  detail: Record<string, unknown>;
}

interface FreshGoal {
  goal: string;
  backend: string;
  measured: string;
  met: boolean;
}

/** How every fresh-process number is taken, written next to it. */
const TIMING = 'whole process, spawn to exit (python wrapper, time.monotonic); peak RSS = RUSAGE_CHILDREN ru_maxrss';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** What the `factwatch` command runs: package.json's `bin` (it runs dist/ when the build is current). */
const BIN = join(ROOT, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin.factwatch!);
/** The demo's one source (src/demo/run-demo.ts). */
const DEMO_SOURCE = 'france-north-korea';

const STAGES = [
  { label: 'first capture', change: 0 },
  { label: 'unchanged', change: 0 },
  { label: 'every page changed', change: 1 },
  { label: '5% changed', change: 0.05 },
] as const;

/** Goals of issue 16: factwatch's speed as a multiple of urlwatch's (urlwatch s ÷ factwatch s). */
const SPEED_GOAL: Record<(typeof STAGES)[number]['label'], number> = { 'first capture': 3, unchanged: 5, 'every page changed': 5, '5% changed': 5 };
const QUERY_GOAL_MS = 300;

interface Subject {
  tool: Tool;
  run(): Promise<TimedRun>;
  close(): Promise<void>;
}

const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

/** The environment of a user who set nothing: no database, data dir, config or log level inherited from the bench's. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'FACTWATCH_DATA_DIR', 'FACTWATCH_CONFIG', 'FACTWATCH_LOG_LEVEL', 'FORCE_COLOR', 'BENCH_PROF']) delete env[k];
  return { ...env, ...extra };
}

/**
 * A factwatch set-up in `dir`: the configuration with the N sources, and a migrated database
 * (`db migrate` as a fresh process, timed: on PGlite it is the initdb a user's first run pays once).
 */
async function factwatchSubject(backend: 'pglite' | 'postgres', dir: string, opts: FreshOptions, urls: string[]): Promise<{ subject: Subject; migrate: TimedRun }> {
  const config = join(dir, 'factwatch.config.json');
  await writeFile(
    config,
    JSON.stringify({
      fetch: { allowNetworks: ['127.0.0.0/8'], perHost: { concurrency: opts.perHost } },
      sources: urls.map((url, i) => ({ id: `page-${i}`, url })),
    }),
  );
  let env: NodeJS.ProcessEnv;
  let argv: string[];
  let drop = async () => {};
  if (backend === 'pglite') {
    env = userEnv();
    argv = [process.execPath, BIN, '--config', config, '--data-dir', join(dir, 'data')];
  } else {
    const scratch = await createScratchDatabase(opts.adminUrl, 'fw_fresh');
    env = userEnv({ DATABASE_URL: scratch.url });
    argv = [process.execPath, BIN, '--config', config];
    drop = scratch.drop;
  }
  const migrate = await timedProcess([...argv, 'db', 'migrate'], { cwd: dir, env });
  if (migrate.code !== 0) throw new Error(`${backend}: db migrate exited ${migrate.code}: ${migrate.stderrTail}`);
  return {
    migrate,
    subject: {
      tool: backend,
      run: () => timedProcess([...argv, 'check', '--all'], { cwd: dir, env, count: '^page-\\d+: (\\w+)' }),
      close: drop,
    },
  };
}

export async function runFreshProcess(opts: FreshOptions): Promise<{ rows: FreshRow[]; goals: FreshGoal[] }> {
  const rows: FreshRow[] = [];
  const goals: FreshGoal[] = [];
  const { n, log } = opts;
  const server = await startPageServer({ ADDRESSES: String(opts.hosts) });
  const urls = Array.from({ length: n }, (_, i) => `http://127.0.0.${1 + (i % opts.hosts)}:${server.port}/p/${i}`);
  const dir = await mkdtemp(join(tmpdir(), 'fw-fresh-'));
  const subjects: Subject[] = [];
  let peerVersion: string | null = null;
  const base = { n, ratio_to_floor: null, floor: null, bytes: null } as const;
  try {
    for (const backend of opts.backends) {
      const home = await mkdtemp(join(dir, `${backend}-`));
      const { subject, migrate } = await factwatchSubject(backend, home, opts, urls);
      subjects.push(subject);
      rows.push({
        ...base,
        scenario: `fresh process: db migrate (${backend === 'pglite' ? 'PGlite initdb + migrations, once per data dir' : 'migrations into an empty database'})`,
        backend,
        checks_per_s: null,
        peak_rss_mb: migrate.maxRssMb,
        seconds: round(migrate.seconds, 2),
        detail: { timing: TIMING },
      });
    }
    if (opts.peer) {
      const peer = await urlwatchSession(urls, log);
      if ('error' in peer) {
        log(`urlwatch skipped: ${peer.error}`);
        goals.push({ goal: 'fresh process: urlwatch ran', backend: 'urlwatch', measured: peer.error, met: false });
      } else {
        peerVersion = peer.version;
        subjects.push({ tool: 'urlwatch', run: peer.run, close: peer.close });
      }
    }
    const results = new Map<string, TimedRun>();
    for (const [k, stage] of STAGES.entries()) {
      await server.control('/_control/mode?noisy=0&etag=0');
      const changed = stage.change ? ((await server.control(`/_control/change?n=${n}&fraction=${stage.change}&seed=${101 + k}`)) as number[]).length : 0;
      for (const s of subjects) {
        log(`fresh process: ${stage.label}, ${s.tool}, ${n} pages on ${opts.hosts} hosts`);
        const r = await s.run();
        if (r.code !== 0) log(`${s.tool} exited ${r.code}: ${r.stderrTail.trim().split('\n').slice(-3).join(' | ')}`);
        results.set(`${stage.label}/${s.tool}`, r);
        const expected = expectedReport(s.tool, k === 0, n, changed);
        const asExpected = r.code === 0 && JSON.stringify(sorted(r.counts)) === JSON.stringify(sorted(expected));
        if (!asExpected) log(`${s.tool}, ${stage.label}: reported ${JSON.stringify(r.counts)}, expected ${JSON.stringify(expected)} (exit ${r.code})`);
        rows.push({
          ...base,
          scenario: `fresh process: ${stage.label}${s.tool === 'pglite' && k === 0 ? ' (data dir migrated beforehand)' : ''}`,
          backend: s.tool,
          checks_per_s: round(n / r.seconds),
          peak_rss_mb: r.maxRssMb,
          seconds: round(r.seconds, 2),
          detail: { timing: TIMING, hosts: opts.hosts, ...(s.tool === 'urlwatch' ? { version: peerVersion, filter: 'html2text' } : { perHostConnections: opts.perHost }), changedPages: changed, reported: r.counts, exitCode: r.code, asExpected },
        });
      }
    }
    for (const backend of opts.backends) addPassGoals(goals, results, backend);
    rows.push(...(await measureQueries(opts)));
    for (const q of rows.filter((r) => r.scenario.startsWith('fresh process: query'))) {
      const ms = q.detail.medianMs as number;
      goals.push({ goal: `${q.scenario.slice('fresh process: query '.length)} ≤ ${QUERY_GOAL_MS} ms median, command to exit`, backend: 'pglite', measured: `${ms} ms, ${q.peak_rss_mb} MB`, met: ms <= QUERY_GOAL_MS });
    }
    printFreshTable(rows, opts, peerVersion);
  } finally {
    for (const s of subjects) await s.close();
    server.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return { rows, goals };
}

/**
 * What a pass should report, page by page: every page new on the first, then exactly the pages
 * the server changed (factwatch prints a line per source; urlwatch only NEW / CHANGED / ERROR).
 */
function expectedReport(tool: Tool, first: boolean, n: number, changed: number): Record<string, number> {
  const out: Record<string, number> = {};
  const put = (k: string, v: number) => v > 0 && (out[k] = v);
  if (tool === 'urlwatch') {
    put(first ? 'NEW' : 'CHANGED', first ? n : changed);
  } else if (first) {
    put('new', n);
  } else {
    put('changed', changed);
    put('unchanged', n - changed);
  }
  return out;
}

function sorted(counts: Record<string, number>): Array<[string, number]> {
  return Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
}

function addPassGoals(goals: FreshGoal[], results: Map<string, TimedRun>, backend: 'pglite' | 'postgres'): void {
  const speed: string[] = [];
  let met = true;
  let peerRss = 0;
  let ownRss = 0;
  for (const stage of STAGES) {
    const ours = results.get(`${stage.label}/${backend}`);
    const peer = results.get(`${stage.label}/urlwatch`);
    if (!ours || !peer) return;
    const ratio = peer.seconds / ours.seconds;
    speed.push(`${stage.label} ${round(ratio, 2)}× (goal ${SPEED_GOAL[stage.label]}×)`);
    met &&= ratio >= SPEED_GOAL[stage.label];
    peerRss = Math.max(peerRss, peer.maxRssMb);
    ownRss = Math.max(ownRss, ours.maxRssMb);
  }
  const rssFactor = backend === 'postgres' ? 1 : 1.5;
  goals.push(
    { goal: 'fresh process: ≥ 5× urlwatch (≥ 3× on a first capture)', backend, measured: speed.join('; '), met },
    { goal: `fresh process: peak RSS ≤ ${rssFactor}× urlwatch's`, backend, measured: `${ownRss} MB vs urlwatch ${peerRss} MB`, met: ownRss <= rssFactor * peerRss },
  );
}

/**
 * `history`, `show --at` and `changes` as fresh processes on the demo's data (3 versions, 3
 * changes): first each command alone (it opens the embedded database itself), then with a
 * `serve` process owning the directory, so the command goes through the owner's socket.
 */
async function measureQueries(opts: FreshOptions): Promise<FreshRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'fw-fresh-q-'));
  const env = userEnv();
  const cli = [process.execPath, BIN, '--data-dir', join(dir, 'demo')];
  const rows: FreshRow[] = [];
  let owner: ChildProcess | null = null;
  try {
    opts.log('fresh process: factwatch demo (the history the queries read)');
    const demo = await timedProcess([process.execPath, BIN, 'demo', '--dir', join(dir, 'demo')], { cwd: dir, env });
    if (demo.code !== 0) throw new Error(`factwatch demo exited ${demo.code}: ${demo.stderrTail}`);
    const commands = [
      ['history', [DEMO_SOURCE]],
      ['show --at', [DEMO_SOURCE, '--at', '2018-01-01']],
      ['changes', []],
    ] as const;
    for (const via of ['alone', 'through a running owner (serve)'] as const) {
      if (via !== 'alone') owner = await startOwner([...cli, 'serve', '--port', '0'], dir, env);
      for (const [name, args] of commands) {
        opts.log(`fresh process: ${name}, ${via}, ${opts.queryRuns} runs`);
        const argv = [...cli, name.split(' ')[0]!, ...args];
        await timedProcess(argv, { cwd: dir, env });
        const runs: TimedRun[] = [];
        for (let i = 0; i < opts.queryRuns; i++) runs.push(await timedProcess(argv, { cwd: dir, env }));
        const failed = runs.find((r) => r.code !== 0);
        if (failed) throw new Error(`${name} exited ${failed.code}: ${failed.stderrTail}`);
        const ms = runs.map((r) => r.seconds * 1000);
        rows.push({
          scenario: `fresh process: query ${name} (embedded, ${via})`,
          backend: 'pglite',
          n: opts.queryRuns,
          checks_per_s: null,
          ratio_to_floor: null,
          floor: null,
          peak_rss_mb: median(runs.map((r) => r.maxRssMb)),
          bytes: null,
          detail: { timing: TIMING, medianMs: round(median(ms)), minMs: round(Math.min(...ms)), maxMs: round(Math.max(...ms)), history: 'factwatch demo: 1 source, 3 versions, 3 changes' },
        });
      }
    }
  } finally {
    if (owner) await stopOwner(owner);
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

/** Starts `serve` on the demo directory and waits until it says it is serving (it then owns the database). */
async function startOwner(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('serving')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before serving`)));
  });
  return child;
}

async function stopOwner(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function printFreshTable(rows: FreshRow[], opts: FreshOptions, peerVersion: string | null): void {
  const get = (stage: string, tool: Tool) => rows.find((r) => r.backend === tool && r.scenario.startsWith(`fresh process: ${stage}`));
  const tools: Tool[] = [...opts.backends, ...(peerVersion ? (['urlwatch'] as const) : [])];
  const name = (t: Tool) => (t === 'pglite' ? 'embedded (PGlite)' : t === 'postgres' ? 'PostgreSQL' : (peerVersion ?? 'urlwatch'));
  const ratios = peerVersion ? opts.backends : [];
  console.log(`\nAs the user runs it: a fresh process per pass, ${opts.n} pages on ${opts.hosts} loopback hosts, factwatch ${opts.perHost} connections per host, urlwatch with html2text; ${TIMING}`);
  console.log(`| pass | ${tools.map((t) => `${name(t)} s | MB`).join(' | ')} |${ratios.map((b) => ` urlwatch s ÷ ${b === 'pglite' ? 'embedded' : 'PostgreSQL'} s |`).join('')}`);
  console.log(`|---|${tools.map(() => '---:|---:').join('|')}|${ratios.map(() => '---:|').join('')}`);
  for (const stage of STAGES) {
    const cells = tools.map((t) => {
      const r = get(stage.label, t);
      return r ? `${r.seconds} | ${r.peak_rss_mb}` : ' | ';
    });
    const peer = get(stage.label, 'urlwatch')?.seconds;
    const x = ratios.map((b) => {
      const ours = get(stage.label, b)?.seconds;
      return ` ${peer && ours ? round(peer / ours, 2) : ''}× |`;
    });
    console.log(`| ${stage.label} | ${cells.join(' | ')} |${x.join('')}`);
  }
  const off = rows.filter((r) => r.detail.asExpected === false);
  console.log(off.length ? `reports NOT as expected: ${off.map((r) => `${r.backend} ${r.scenario}: ${JSON.stringify(r.detail.reported)}`).join('; ')}` : 'every run exited 0 and reported exactly the pages the server changed');
  const migrate = rows.filter((r) => r.scenario.includes('db migrate'));
  for (const r of migrate) console.log(`once: ${r.scenario.slice('fresh process: '.length)} on ${r.backend}: ${r.seconds} s, ${r.peak_rss_mb} MB`);
  console.log('\n| query on the demo history (embedded) | median ms | min–max ms | peak RSS MB |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows.filter((r) => r.scenario.startsWith('fresh process: query'))) {
    console.log(`| ${r.scenario.slice('fresh process: query '.length)} | ${r.detail.medianMs as number} | ${r.detail.minMs as number}–${r.detail.maxMs as number} | ${r.peak_rss_mb} |`);
  }
}
