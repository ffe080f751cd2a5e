import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill with SIGKILL after this long (a process that hangs fails its test instead of the run). */
  timeoutMs?: number;
}

/**
 * Runs the real `factwatch` executable (src/cli/bin.js, what `npx factwatch` runs) in a child
 * process, so exit codes and stdout/stderr separation are tested as scripts will see them.
 */
export function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  return runProcess(process.execPath, [BIN, ...args], opts);
}

/** Runs a bash command line (pipes, `head`, slow readers) with the test's environment added. */
export function runShell(command: string, opts: RunOptions = {}): Promise<CliResult> {
  return runProcess('bash', ['-c', command], opts);
}

function runProcess(file: string, args: string[], opts: RunOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // A variable given as undefined is removed (e.g. DATABASE_URL for an embedded-only run).
    const env = Object.fromEntries(
      Object.entries({ ...process.env, NO_COLOR: '1', ...opts.env }).filter(([, v]) => v !== undefined),
    );
    const child = spawn(file, args, {
      cwd: opts.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.timeoutMs ? { timeout: opts.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
