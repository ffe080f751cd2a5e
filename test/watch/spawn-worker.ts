import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** stdout lines so far (with `--json`, one JSON object per round with activity). */
  lines: string[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the real `factwatch watch` as its own OS process (what a deployment runs). */
export function spawnWatch(args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): WorkerProcess {
  return spawnFactwatch(['watch', ...args], opts);
}

/** Starts any factwatch command as its own OS process, to be watched, signalled or killed. */
export function spawnFactwatch(args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): WorkerProcess {
  const env = Object.fromEntries(Object.entries({ ...process.env, NO_COLOR: '1', ...opts.env }).filter(([, v]) => v !== undefined));
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    const parts = (partial + d).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l.trim()));
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, lines, stderr: () => stderr, exited };
}

/** Polls `probe` every `everyMs` until it returns true; throws with `what` after `timeoutMs`. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
