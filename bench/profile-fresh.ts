/**
 * Where a fresh `factwatch check --all` spends its time (issue 16): the bench's workload (copies
 * of the recorded page on 50 loopback hosts), three passes — first capture, unchanged, changed —
 * each a new process of the compiled CLI under `node --cpu-prof`, timed from spawn to exit.
 *
 *   npx tsx bench/profile-fresh.ts                      # 500 pages, PostgreSQL, every page changed
 *   N=2000 FRACTION=0.05 npx tsx bench/profile-fresh.ts # 2,000 pages, 5% changed
 *   BACKEND=pglite npx tsx bench/profile-fresh.ts       # the embedded default
 *   PROF=0 …                                            # timings only, no profiler
 *
 * For each pass it prints the wall time, the outcomes counted from stdout, each thread's busy
 * time (profile samples that are not idle or piscina's wait) and its largest self-time
 * functions, and on PostgreSQL the server's CPU over the pass (utime + stime of every postgres
 * process and of the backends that exited, from /proc: the local server is shared, so run nothing
 * else meanwhile). Profiles stay
 * in /tmp/factwatch-profile/<pass>/ for a closer look (Chrome DevTools, speedscope).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase, type ScratchDatabase } from './lib/scratch-database.ts';
import { startPageServer } from './lib/start-page-server.ts';

const N = Number(process.env.N ?? 500);
const BACKEND = process.env.BACKEND ?? 'postgres';
const FRACTION = Number(process.env.FRACTION ?? 1);
const PROF = process.env.PROF !== '0';
const ADMIN_URL = process.env.ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(tmpdir(), 'factwatch-profile');

interface Profile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

/** CPU ticks (1/100 s) used so far by every postgres process on the machine, exited backends included. */
function postgresTicks(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime + stime, and cutime + cstime: a backend that exits is counted in its parent's.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

function summarize(file: string): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  let idle = 0;
  p.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const t = p.timeDeltas[i] ?? 0;
    total += t;
    if (frame.functionName === '(idle)' || frame.functionName === 'atomicsWaitLoop') idle += t;
    const where = frame.url.replace(/.*node_modules\//, '').replace(ROOT, '');
    const key = `${frame.functionName || '(anonymous)'} ${where}${where ? `:${frame.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + t);
  });
  console.log(`  thread ${file.split('.').at(-3)}: ${(total / 1e6).toFixed(2)} s sampled, busy ${((total - idle) / 1e6).toFixed(2)} s`);
  for (const [key, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`    ${((t / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}

const server = await startPageServer({ ADDRESSES: '50' });
const dir = mkdtempSync(join(tmpdir(), 'fw-profile-'));
let database: ScratchDatabase | null = null;
try {
  const config = join(dir, 'factwatch.config.json');
  const sources = Array.from({ length: N }, (_, i) => ({ id: `page-${i}`, url: `http://127.0.0.${1 + (i % 50)}:${server.port}/p/${i}` }));
  writeFileSync(config, JSON.stringify({ fetch: { allowNetworks: ['127.0.0.0/8'], perHost: { concurrency: 8 } }, sources }));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  const argv = [join(ROOT, 'src/cli/bin.js'), '--config', config];
  if (BACKEND === 'postgres') {
    database = await createScratchDatabase(ADMIN_URL, 'fw_profile');
    env.DATABASE_URL = database.url;
  } else {
    argv.push('--data-dir', join(dir, 'data'));
  }
  const run = (label: string, args: string[], profile: boolean) => {
    const profDir = join(OUT, label);
    rmSync(profDir, { recursive: true, force: true });
    mkdirSync(profDir, { recursive: true });
    const ticks = postgresTicks();
    const start = performance.now();
    const r = spawnSync(process.execPath, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), ...argv, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const seconds = (performance.now() - start) / 1000;
    const counts: Record<string, number> = {};
    for (const m of r.stdout.matchAll(/^page-\d+: (\w+)/gm)) counts[m[1]!] = (counts[m[1]!] ?? 0) + 1;
    const pg = BACKEND === 'postgres' ? `, PostgreSQL CPU ${((postgresTicks() - ticks) / 100).toFixed(2)} s` : '';
    console.log(`${label}: ${seconds.toFixed(2)} s spawn to exit, exit ${r.status}, ${JSON.stringify(counts)}${pg}`);
    if (r.status !== 0) console.log(r.stderr.slice(-500));
    if (profile) for (const f of readdirSync(profDir).sort()) summarize(join(profDir, f));
  };
  console.log(`factwatch check --all as fresh processes: ${N} pages, ${BACKEND}, changed pass ${FRACTION * 100}%${PROF ? ', under --cpu-prof (slower)' : ''}`);
  run('migrate', ['db', 'migrate'], false);
  await server.control('/_control/mode?noisy=0&etag=0');
  run('first-capture', ['check', '--all'], PROF);
  run('unchanged', ['check', '--all'], PROF);
  await server.control(`/_control/change?n=${N}&fraction=${FRACTION}&seed=7`);
  run('changed', ['check', '--all'], PROF);
} finally {
  server.stop();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
}
