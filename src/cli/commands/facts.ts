import type { Command } from 'commander';
import { UsageError } from '../../app/errors.ts';
import { FIGURE_KINDS, type FigureKind, type FigureValue } from '../../model/index.ts';
import { eachFactSeriesJson } from '../../report/fact-json.ts';
import type { AppContext } from '../../root/app-context.ts';
import { listFactSeries, type FactFilter } from '../../store/queries/facts.ts';
import { listTags } from '../../store/queries/sources.ts';
import { formatTable, isoSeconds, printJson, printLine, writeJsonArray } from '../output.ts';
import { collectRepeated, noteUnknownTags, TAG_HELP } from '../tag-option.ts';
import { withContext } from '../with-context.ts';

interface FactsOptions {
  source?: string;
  tag?: string[];
  kind?: string;
  unit?: string;
  period?: string;
  q?: string;
  since?: string;
  cite?: boolean;
  json?: boolean;
  pretty?: boolean;
}

/**
 * `facts`: every figure series of every source, one row each (docs/facts.md); `facts SERIES`:
 * one series' points with their evidence, or with `--cite` a citation per point.
 */
export function registerFactsCommand(program: Command): void {
  program
    .command('facts')
    .description('every figure series across sources (latest value, previous value, last change), or one series\' points')
    .argument('[series]', 'a series: "source/series", or a series key with --source (or one only one source has)')
    .option('--source <id>', 'only this source')
    .option('--tag <tag>', TAG_HELP, collectRepeated)
    .option('--kind <kind>', `only figures of this kind (${FIGURE_KINDS.join(', ')})`)
    .option('--unit <unit>', 'only this unit as stored (EUR, USD, %, km²…)')
    .option('--period <period>', 'only series whose latest value is for this period (2016, 2017-10…)')
    .option('--q <text>', 'only series whose label or sentence contains this text (any case)')
    .option('--since <date>', 'only series that changed (or first appeared) on or after this date')
    .option('--cite', 'with a series: print a plain-text citation for each point')
    .option('--json', 'print as JSON (the listing: one series per line)')
    .option('--pretty', 'with --json: indent the JSON')
    .action(async (series: string | undefined, opts: FactsOptions, cmd: Command) => {
      const filter = await readFilter(opts);
      await withContext(cmd, async (ctx) => {
        // What only some runs need is loaded only by them (program.ts): the listing is the one timed (docs/performance.md).
        if (opts.source !== undefined) await (await import('./history.ts')).requireSource(ctx, opts.source);
        if (series === undefined) {
          if (opts.cite) throw new UsageError('--cite needs a series (factwatch facts SOURCE/SERIES --cite)');
          // A tag no source has matches nothing: an empty list, with the nearest tag on stderr.
          if (filter.tags?.length) noteUnknownTags(filter.tags, await listTags(ctx.db));
          return listSeries(ctx, filter, opts);
        }
        return showSeries(ctx, series, opts);
      });
    });
}

async function readFilter(opts: FactsOptions): Promise<FactFilter> {
  if (opts.kind !== undefined && !(FIGURE_KINDS as readonly string[]).includes(opts.kind)) {
    const { didYouMean } = await import('../../app/closest-match.ts');
    throw new UsageError(`--kind must be one of ${FIGURE_KINDS.join(', ')}, not "${opts.kind}"${didYouMean(opts.kind, FIGURE_KINDS)}`);
  }
  const startOfDay = opts.since === undefined ? null : (await import('./changes.ts')).startOfDay;
  return {
    ...(opts.source === undefined ? {} : { sourceId: opts.source }),
    ...(opts.tag?.length ? { tags: opts.tag } : {}),
    ...(opts.kind === undefined ? {} : { kind: opts.kind as FigureKind }),
    ...(opts.unit === undefined ? {} : { unit: opts.unit }),
    ...(opts.period === undefined ? {} : { period: opts.period }),
    ...(opts.since === undefined || startOfDay === null ? {} : { since: startOfDay(opts.since) }),
  };
}

async function listSeries(ctx: AppContext, filter: FactFilter, opts: FactsOptions): Promise<void> {
  const series = await listFactSeries(ctx.db, filter, { withText: opts.q !== undefined });
  if (opts.json) return writeJsonArray(eachFactSeriesJson(series, opts.q), { pretty: opts.pretty === true });
  const rows = [...eachFactSeriesJson(series, opts.q)];
  if (!rows.length) return printLine('no figure series match');
  const { formatFigureValue } = await import('../../describe/format-value.ts');
  const shown = (value: FigureValue, kind: FigureKind, unit: string | null) => formatFigureValue({ kind, value, unit });
  printLine(
    formatTable([
      ['series', 'label', 'latest', 'period', 'changed', 'previous', 'versions', 'removed'],
      ...rows.map((r) => [
        `${r.source}/${r.series}`,
        r.label,
        shown(r.latest.value, r.kind as FigureKind, r.unit),
        r.latest.period ?? '',
        isoSeconds(new Date(r.changedAt)),
        r.previous === null ? '' : shown(r.previous.value, r.kind as FigureKind, r.unit),
        String(r.versions),
        r.removed === null ? '' : `v${r.removed.version} ${isoSeconds(new Date(r.removed.capturedAt))}`,
      ]),
    ]),
  );
}

async function showSeries(ctx: AppContext, name: string, opts: FactsOptions): Promise<void> {
  const [{ didYouMean }, { factPointJson }, { listFactPoints, lookUpSeries }] = await Promise.all([
    import('../../app/closest-match.ts'),
    import('../../report/fact-json.ts'),
    import('../../store/queries/facts.ts'),
  ]);
  const found = await lookUpSeries(ctx.db, name, opts.source);
  if (found.kind === 'ambiguous') {
    throw new UsageError(`series "${name}" is in ${found.sources.length} sources (${found.sources.join(', ')}): name one, as ${found.sources[0]}/${name} or with --source`);
  }
  if (found.kind === 'unknown') {
    const known = (await listFactSeries(ctx.db, opts.source === undefined ? {} : { sourceId: opts.source })).map((r) => (opts.source === undefined ? `${r.source}/${r.series}` : r.series));
    throw new UsageError(`no figure series "${name}"${opts.source === undefined ? '' : ` in ${opts.source}`}${didYouMean(name, new Set(known))} (\`factwatch facts\` lists them)`);
  }
  const points = (await listFactPoints(ctx.db, found.source, found.series)).map(factPointJson);
  if (opts.cite) {
    if (opts.json) return printJson(points.map((p) => ({ version: p.version, citation: p.citation })));
    for (const p of points) printLine(p.citation);
    return;
  }
  if (opts.json) return printJson(points);
  printLine(`${found.source}/${found.series}: ${points.length === 1 ? 'one point' : `${points.length} points`}`);
  printLine(
    formatTable([
      ['version', 'captured', 'value', 'period', 'as printed', 'sha256 (content)'],
      ...points.map((p) => [String(p.version), isoSeconds(new Date(p.capturedAt)), String(p.value), p.period ?? '', p.raw, p.evidence.contentHash.slice(0, 12)]),
    ]),
  );
}
