/**
 * One command timed as a user's shell times it: the whole process, from spawn to exit, with the
 * peak RSS of its process tree. factwatch and urlwatch go through this same wrapper, so no tool
 * is timed in a way the other is not (issue 16: "No goal may be met by timing factwatch
 * differently from urlwatch").
 *
 * The wrapper is a few lines of Python run as `python3 -c`: it starts the command with
 * `subprocess.run`, takes `time.monotonic()` around it, and reads `getrusage(RUSAGE_CHILDREN)`
 * afterwards: `ru_maxrss` is the largest peak RSS of any process it waited for (the command
 * and any descendant it reaped), which covers a Node process with its worker threads and the
 * WebAssembly memory of an embedded database. It is not a sum: a PostgreSQL server's backends
 * are not the command's children, exactly as urlwatch's SQLite cache is in its own process.
 *
 * Stdout is read through a pipe, as a cron job or `| mail` would; each line is matched against
 * an optional pattern so a run can be checked (how many pages it reported changed) without
 * holding its report in this process.
 */
import { spawn } from 'node:child_process';

export interface TimedRun {
  /** Wall time from spawn to exit, in seconds. */
  seconds: number;
  /** Peak RSS of the process tree (`RUSAGE_CHILDREN` `ru_maxrss`), MB. */
  maxRssMb: number;
  code: number;
  /** Stdout lines matching the pattern, by the pattern's first group. */
  counts: Record<string, number>;
  /** The end of stderr when the command failed, for the log. */
  stderrTail: string;
}

const WRAPPER = `
import json, re, resource, subprocess, sys, time
pattern = re.compile(sys.argv[1]) if sys.argv[1] else None
t = time.monotonic()
p = subprocess.run(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
seconds = time.monotonic() - t
counts = {}
if pattern:
    for line in p.stdout.decode('utf-8', 'replace').splitlines():
        m = pattern.match(line)
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
err = p.stderr.decode('utf-8', 'replace')[-600:] if p.returncode else ''
print(json.dumps({"seconds": seconds, "maxRssKb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "code": p.returncode, "counts": counts, "stderrTail": err}))
`;

/**
 * Runs `argv` under the wrapper. `count` is a Python regular expression with one group, matched
 * at the start of each stdout line (`^page-\d+: (\w+)` counts outcomes by name).
 */
export async function timedProcess(argv: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; count?: string }): Promise<TimedRun> {
  const child = spawn('python3', ['-c', WRAPPER, opts.count ?? '', ...argv], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`timing wrapper exited with ${code} for ${argv.join(' ')}`);
  const r = JSON.parse(out.trim()) as { seconds: number; maxRssKb: number; code: number; counts: Record<string, number>; stderrTail: string };
  return { seconds: r.seconds, maxRssMb: Math.round(r.maxRssKb / 1024), code: r.code, counts: r.counts, stderrTail: r.stderrTail };
}
