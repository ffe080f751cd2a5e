import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `factwatch` executable (src/cli/bin.js, what `npx factwatch` runs) in a child
 * process, so exit codes and stdout/stderr separation are tested as scripts will see them.
 */
export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // A variable given as undefined is removed (e.g. DATABASE_URL for an embedded-only run).
    const env = Object.fromEntries(
      Object.entries({ ...process.env, NO_COLOR: '1', ...opts.env }).filter(([, v]) => v !== undefined),
    );
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
