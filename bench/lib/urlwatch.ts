/**
 * The peer: urlwatch (Debian package `urlwatch`) on the same pages from the same local server,
 * with its `html2text` filter. Installed with apt-get when missing (root only). Three runs in a
 * scratch directory: the first fills its cache (every page new), the second finds nothing
 * changed, the third runs after a fraction of the pages changed. Each run is timed by a small
 * Python wrapper that also reads the run's peak RSS (`RUSAGE_CHILDREN`) and counts the pages
 * urlwatch reports as changed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PeerRun {
  seconds: number;
  maxRssMb: number;
  /** Pages urlwatch reported as CHANGED. */
  changed: number;
}

export interface PeerResult {
  version: string;
  initial: PeerRun;
  unchanged: PeerRun;
  changed: PeerRun;
}

const WRAPPER = `
import json, resource, subprocess, sys, time
t = time.monotonic()
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
seconds = time.monotonic() - t
out = p.stdout.decode('utf-8', 'replace')
changed = sum(1 for line in out.splitlines() if line.startswith('CHANGED: '))
print(json.dumps({"seconds": seconds, "maxRssKb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "changed": changed, "code": p.returncode}))
`;

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

async function timed(dir: string): Promise<PeerRun> {
  const child = spawn(
    'python3',
    ['-c', WRAPPER, 'urlwatch', '--urls', join(dir, 'urls.yaml'), '--config', join(dir, 'urlwatch.yaml'), '--cache', join(dir, 'cache.db'), '--hooks', join(dir, 'hooks.py')],
    { cwd: dir, env: { ...process.env, HOME: dir }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  await new Promise((resolve) => child.once('exit', resolve));
  const r = JSON.parse(out.trim()) as { seconds: number; maxRssKb: number; changed: number; code: number };
  return { seconds: r.seconds, maxRssMb: Math.round(r.maxRssKb / 1024), changed: r.changed };
}

export async function runUrlwatch(opts: { origin: string; n: number; changeFraction: number; log: (m: string) => void }): Promise<PeerResult | { error: string }> {
  const version = ensureInstalled(opts.log);
  if (!version) return { error: 'urlwatch is not installed and could not be installed (needs root and apt-get)' };
  const dir = await mkdtemp(join(tmpdir(), 'fw-urlwatch-'));
  try {
    const jobs = Array.from({ length: opts.n }, (_, i) => `name: "p${i}"\nurl: "${opts.origin}/p/${i}"\nfilter:\n  - html2text: {}\n`);
    await writeFile(join(dir, 'urls.yaml'), jobs.join('---\n'));
    await writeFile(join(dir, 'hooks.py'), '');
    // Everything but the plain-text stdout report off; no colour, no unchanged lines.
    await writeFile(
      join(dir, 'urlwatch.yaml'),
      'display:\n  new: true\n  error: true\n  unchanged: false\n  empty-diff: false\nreport:\n  stdout:\n    enabled: true\n    color: false\n  text:\n    details: true\n    footer: false\n    line_length: 75\n    minimal: false\n',
    );
    const initial = await timed(dir);
    const unchanged = await timed(dir);
    await fetch(`${opts.origin}/_control/mode?noisy=0&etag=0`, { method: 'POST' });
    await fetch(`${opts.origin}/_control/change?n=${opts.n}&fraction=${opts.changeFraction}&seed=77`, { method: 'POST' });
    const changed = await timed(dir);
    return { version, initial, unchanged, changed };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
