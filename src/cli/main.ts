import { CommanderError } from 'commander';
import { FactwatchError } from '../app/errors.ts';
import { inertText } from '../report/inert-text.ts';
import { buildProgram } from './program.ts';

/**
 * The CLI's single exit point. Commands throw; this maps what they threw to an exit code:
 * 0 success, 1 failure, 2 bad usage or invalid configuration (DESIGN.md, CLI contract).
 */
async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
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
  process.stderr.write(`factwatch: unexpected error: ${inertText(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
  return 1;
}

const code = await main(process.argv);
process.exit(code);
