import { CommanderError } from 'commander';
import { FactwatchError } from '../app/errors.ts';
import { inertText } from '../report/inert-text.ts';
import { buildProgram } from './program.ts';
import { describeDatabaseError, isDatabaseError } from '../store/pg-error.ts';

/**
 * The CLI's single exit point. Commands throw; this maps what they threw to an exit code:
 * 0 success, 1 failure, 2 bad usage or invalid configuration (docs/design.md, CLI contract).
 */
async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander already printed its message (or help); only the code is ours to decide.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return 0;
    return 2;
  }
  if (err instanceof FactwatchError) {
    // Messages can quote page text (an extraction error, a redirect target): inert, like stdout.
    process.stderr.write(`factwatch: ${inertText(err.message)}\n`);
    return err.code === 'invalid_config' || err.code === 'usage' ? 2 : 1;
  }
  // A query's error carries its statement and parameters (page bodies): print what the database said, never those.
  if (isDatabaseError(err)) {
    process.stderr.write(`factwatch: database error: ${inertText(describeDatabaseError(err))}\n`);
    return 1;
  }
  process.stderr.write(`factwatch: unexpected error: ${inertText(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
  return 1;
}

/**
 * Resolves once everything written to `stream` so far has reached the other end (or the other
 * end went away). `process.exit` alone drops what a pipe had not taken yet: `status --json | jq`
 * got 64 KB of a 640 KB answer (issue 13).
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || !stream.writable) return Promise.resolve();
  return new Promise((resolve) => stream.write('', () => resolve()));
}

// A reader that stops early (`factwatch … --json | head -1`) closes the pipe: that is the reader's
// choice, not an error. Stop quietly with what was decided so far.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

const code = await main(process.argv);
process.exitCode = code;
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
