import type { Command } from 'commander';

/** Global options (`--config`, `--data-dir`) as seen from any subcommand. */
export interface GlobalOptions {
  config?: string;
  dataDir?: string;
}

/**
 * Read from the command itself, not from the program that declares them: kept out of program.ts,
 * which imports every command, so no command imports the program back (no import cycle).
 */
export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}
