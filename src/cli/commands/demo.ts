import type { Command } from 'commander';
import { createLogger } from '../../app/log.ts';
import { shouldUseColor } from '../../report/index.ts';

/** `factwatch demo` (what `npm start` runs): the real pipeline over the recorded revisions. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('replay the recorded revisions of "France and North Korea" through the pipeline (no network)')
    .option('--dir <dir>', 'data directory for the demo database (recreated on each run)', '.factwatch-demo')
    .action(async (opts: { dir: string }) => {
      const { runDemo } = await import('../../demo/run-demo.ts');
      await runDemo({
        dataDir: opts.dir,
        cwd: process.cwd(),
        color: shouldUseColor(process.stdout, process.env),
        write: (t) => process.stdout.write(t),
        log: createLogger(),
      });
    });
}
