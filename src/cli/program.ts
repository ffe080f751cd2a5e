import { Command } from 'commander';
import { registerChangesCommands } from './commands/changes.ts';
import { registerCheckCommand } from './commands/check.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerDiffCommand } from './commands/diff.ts';
import { registerExtractCommand } from './commands/extract.ts';
import { registerFiguresCommand } from './commands/figures.ts';
import { registerHistoryCommands } from './commands/history.ts';
import { registerWatchCommand } from './commands/watch.ts';
import { registerStatusCommand } from './commands/status.ts';
import { registerDeliveriesCommands } from './commands/deliveries.ts';
import { registerImportCommands } from './commands/import.ts';
import { registerServeCommand } from './commands/serve.ts';

/** Builds the command tree; each command lives in its own file under `commands/`. */
export function buildProgram(): Command {
  const program = new Command('factwatch')
    .description('Watch official fact pages: versions, figures and change reports.')
    .version('0.1.0')
    .option('-c, --config <path>', 'configuration file (default: $FACTWATCH_CONFIG or ./factwatch.config.json)')
    .option('-d, --data-dir <dir>', 'embedded database directory (default: $FACTWATCH_DATA_DIR or ./.factwatch); ignored when DATABASE_URL is set')
    .showHelpAfterError()
    .exitOverride();
  registerExtractCommand(program);
  registerDiffCommand(program);
  registerCheckCommand(program);
  registerWatchCommand(program);
  registerStatusCommand(program);
  registerDeliveriesCommands(program);
  registerHistoryCommands(program);
  registerImportCommands(program);
  registerChangesCommands(program);
  registerFiguresCommand(program);
  registerDbCommands(program);
  registerDemoCommand(program);
  registerServeCommand(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}
