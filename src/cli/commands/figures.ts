import type { Command } from 'commander';
import { didYouMean } from '../../app/closest-match.ts';
import { UsageError } from '../../app/errors.ts';
import { figureSeries } from '../../store/queries/figures.ts';
import { formatFigureValue } from '../../describe/format-value.ts';
import { formatTable, isoSeconds, printJson, printLine } from '../output.ts';
import { withContext } from '../with-context.ts';
import { requireSource } from './history.ts';

/** `figures <source>`: the latest figures, or with `--key` one figure across all versions. */
export function registerFiguresCommand(program: Command): void {
  program
    .command('figures')
    .description("a source's figures (latest version), or one figure's values over time with --key")
    .argument('<source>', 'source id')
    .option('--key <series>', 'one figure across every version (its series: the key it had when first seen)')
    .option('--json', 'print as JSON')
    .action(async (sourceId: string, opts: { key?: string; json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        await requireSource(ctx, sourceId);
        const rows = await figureSeries(ctx.db, sourceId, opts.key);
        if (opts.key !== undefined && rows.length === 0) {
          // A series no version ever had is a mistake to report (exit 2), not an empty answer.
          const latest = await figureSeries(ctx.db, sourceId);
          throw new UsageError(`no figure series "${opts.key}" in ${sourceId}${didYouMean(opts.key, new Set(latest.map((r) => r.series)))} (\`factwatch figures ${sourceId}\` lists them)`);
        }
        if (opts.json) return printJson(rows.map((r) => ({ ...r, capturedAt: r.capturedAt.toISOString() })));
        if (!rows.length) return printLine(`${sourceId}: no figures`);
        printLine(
          formatTable([
            ['version', 'captured', 'kind', 'value', 'period', 'series'],
            ...rows.map((r) => [
              String(r.seq),
              isoSeconds(r.capturedAt),
              r.kind,
              formatFigureValue(r),
              r.period ?? '',
              r.series === r.key ? r.series : `${r.series} (key ${r.key})`,
            ]),
          ]),
        );
      });
    });
}
