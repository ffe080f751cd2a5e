import type { Command } from 'commander';
import { printLine } from '../output.ts';
import { withContext } from '../with-context.ts';

/** `factwatch db migrate`: migrations also run on every open; this makes it explicit. */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations to the configured database')
    .action(async (_opts: unknown, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        printLine(`migrations applied (${ctx.dbKind})`);
      });
    });
}
