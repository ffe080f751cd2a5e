import type { Command } from 'commander';
import { UsageError } from '../../app/errors.ts';
import { EXPORT_FORMATS, exportFacts, type ExportFormat } from '../../report/export-facts.ts';
import { withContext } from '../with-context.ts';

/** `factwatch export facts`: every point of every series to a file (docs/facts.md, "Export"). */
export function registerExportCommands(program: Command): void {
  const group = program.command('export').description('export stored data for analysis');
  group
    .command('facts')
    .description('every point of every figure series, one row per point (columns: docs/facts.md)')
    .requiredOption('--format <format>', `file format: ${EXPORT_FORMATS.join(', ')}`)
    .requiredOption('--out <file>', 'file to write (replaced only once the export is complete)')
    .action(async (opts: { format: string; out: string }, cmd: Command) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${opts.format}"`);
      await withContext(cmd, async (ctx) => {
        const { points } = await exportFacts(ctx.db, { format: opts.format as ExportFormat, out: opts.out });
        process.stderr.write(`factwatch: exported ${points} point${points === 1 ? '' : 's'} to ${opts.out}\n`);
      });
    });
}
