/**
 * The peer: urlwatch (Debian package `urlwatch`) on the same pages from the same local server,
 * with its `html2text` filter. Installed with apt-get when missing (root only). Three runs in a
 * scratch directory: the first fills its cache (every page new), the second finds nothing
 * changed, the third runs after a fraction of the pages changed. Each run is timed by the
 * Python wrapper of `timed-process.ts` (whole process, peak RSS by `RUSAGE_CHILDREN`), the
 * same one that times factwatch's fresh-process runs, and counts the pages urlwatch reports.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timedProcess, type TimedRun } from './timed-process.ts';

/** A timed run (`counts`: report lines by kind, NEW, CHANGED, ERROR). */
export interface PeerRun extends TimedRun {
  /** Pages urlwatch reported as CHANGED. */
  changed: number;
}

export interface PeerResult {
  version: string;
  initial: PeerRun;
  unchanged: PeerRun;
  changed: PeerRun;
}

function ensureInstalled(log: (m: string) => void): string | null {
  const found = spawnSync('urlwatch', ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.trim();
  if (process.getuid?.() !== 0) return null;
  log('urlwatch missing: apt-get install -y urlwatch');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync('apt-get', ['install', '-y', '-qq', 'urlwatch'], { stdio: 'inherit', env });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    r = spawnSync('apt-get', ['install', '-y', '-qq', 'urlwatch'], { stdio: 'inherit', env });
  }
  const again = spawnSync('urlwatch', ['--version'], { encoding: 'utf8' });
  return again.status === 0 ? again.stdout.trim() : null;
}

/** A urlwatch set-up in a scratch directory: one job per URL, each run timed as a whole process. */
export interface UrlwatchSession {
  version: string;
  /** One `urlwatch` run over every job, timed by the same wrapper as factwatch's runs. */
  run(): Promise<PeerRun>;
  close(): Promise<void>;
}

/**
 * Writes the jobs (the `html2text` filter on each: text, not markup, is what urlwatch compares) and
 * a configuration whose only reporter is plain text on stdout; then each `run()` is one
 * `urlwatch` process against the same cache, so the first run fills it (every page NEW).
 */
export async function urlwatchSession(urls: string[], log: (m: string) => void): Promise<UrlwatchSession | { error: string }> {
  const version = ensureInstalled(log);
  if (!version) return { error: 'urlwatch is not installed and could not be installed (needs root and apt-get)' };
  const dir = await mkdtemp(join(tmpdir(), 'fw-urlwatch-'));
  const jobs = urls.map((url, i) => `name: "p${i}"\nurl: "${url}"\nfilter:\n  - html2text: {}\n`);
  await writeFile(join(dir, 'urls.yaml'), jobs.join('---\n'));
  await writeFile(join(dir, 'hooks.py'), '');
  // Everything but the plain-text stdout report off; no colour, no unchanged lines.
  await writeFile(
    join(dir, 'urlwatch.yaml'),
    'display:\n  new: true\n  error: true\n  unchanged: false\n  empty-diff: false\nreport:\n  stdout:\n    enabled: true\n    color: false\n  text:\n    details: true\n    footer: false\n    line_length: 75\n    minimal: false\n',
  );
  const argv = ['urlwatch', '--urls', join(dir, 'urls.yaml'), '--config', join(dir, 'urlwatch.yaml'), '--cache', join(dir, 'cache.db'), '--hooks', join(dir, 'hooks.py')];
  return {
    version,
    async run() {
      const r = await timedProcess(argv, { cwd: dir, env: { ...process.env, HOME: dir }, count: '^(NEW|CHANGED|ERROR): ' });
      return { ...r, changed: r.counts.CHANGED ?? 0 };
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function runUrlwatch(opts: { origin: string; n: number; changeFraction: number; log: (m: string) => void }): Promise<PeerResult | { error: string }> {
  const session = await urlwatchSession(Array.from({ length: opts.n }, (_, i) => `${opts.origin}/p/${i}`), opts.log);
  if ('error' in session) return session;
  try {
    const initial = await session.run();
    const unchanged = await session.run();
    await fetch(`${opts.origin}/_control/mode?noisy=0&etag=0`, { method: 'POST' });
    await fetch(`${opts.origin}/_control/change?n=${opts.n}&fraction=${opts.changeFraction}&seed=77`, { method: 'POST' });
    const changed = await session.run();
    return { version: session.version, initial, unchanged, changed };
  } finally {
    await session.close();
  }
}
