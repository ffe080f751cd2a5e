import type { Command } from 'commander';
import { FactwatchError, UsageError } from '../../app/errors.ts';
import type { ResolvedSource } from '../../config/resolve-source.ts';
import type { RawConfig } from '../../config/schema.ts';
import { DEFAULT_ARCHIVE_URL, MAX_REQUESTS_PER_SECOND } from '../../import/limits.ts';
import type { ImportSummary } from '../../import/import-events.ts';
import type { ImportReporter } from '../../import/progress.ts';
import { syncSources } from '../../store/queries/sources.ts';
import { loadCommandConfig, withContext } from '../with-context.ts';

/** `factwatch import wayback|warc`: a source's past, from the Internet Archive or a WARC file. */
export function registerImportCommands(program: Command): void {
  const group = program.command('import').description("import a source's past revisions from web archives");

  group
    .command('wayback')
    .description('import the captures the Wayback Machine holds of every URL the source has had')
    .argument('<source>', 'source id')
    .option('--from <year>', 'first year (or CDX date prefix YYYY[MM[DD…]])')
    .option('--to <year>', 'last year, inclusive')
    .option('--archive-url <url>', 'archive base URL (a mirror, or a local server in tests)', DEFAULT_ARCHIVE_URL)
    .option('--rate <n>', `requests per second, at most ${MAX_REQUESTS_PER_SECOND}`, '2')
    .option('--json', 'one JSON line per capture and a summary line, even on a terminal')
    .action(async (sourceId: string, opts: { from?: string; to?: string; archiveUrl: string; rate: string; json?: boolean }, cmd: Command) => {
      const from = opts.from === undefined ? undefined : parseCdxDate(opts.from, '--from');
      const to = opts.to === undefined ? undefined : parseCdxDate(opts.to, '--to');
      const rate = parseRate(opts.rate);
      const archiveUrl = parseArchiveUrl(opts.archiveUrl);
      const { config, sources } = await loadCommandConfig(cmd);
      const source = requireConfigured(sources, sourceId);
      await withContext(cmd, async (ctx) => {
        await syncSources(ctx.db, sources, ctx.clock.now());
        const { createImportReporter, importSourceFor, importWaybackHistory } = await loadImporters();
        const archive = await ctx.archive({ ...archiveFetchSettings(config), requestsPerSecond: rate });
        const reporter = createImportReporter(process, { json: opts.json === true });
        const summary = await withInterrupt(reporter, async (signal) =>
          importWaybackHistory({ ...ctx, archive }, await importSourceFor(ctx.db, source), { archiveUrl, from, to, signal, ...reporter }),
        );
        finish(reporter, summary);
      });
    });

  group
    .command('warc')
    .description('import the response records of a WARC file (.warc or .warc.gz) that belong to configured sources')
    .argument('<file>', 'WARC file')
    .option('--source <id>', 'only this source')
    .option('--json', 'one JSON line per capture and a summary line, even on a terminal')
    .action(async (file: string, opts: { source?: string; json?: boolean }, cmd: Command) => {
      const { sources } = await loadCommandConfig(cmd);
      const selected = opts.source === undefined ? sources : [requireConfigured(sources, opts.source)];
      await withContext(cmd, async (ctx) => {
        await syncSources(ctx.db, sources, ctx.clock.now());
        const { createImportReporter, importSourceFor, importWarcHistory } = await loadImporters();
        const targets = await Promise.all(selected.map((s) => importSourceFor(ctx.db, s)));
        const reporter = createImportReporter(process, { json: opts.json === true });
        const summary = await withInterrupt(reporter, (signal) => importWarcHistory(ctx, file, targets, { signal, ...reporter }));
        finish(reporter, summary);
      });
    });
}

/** The importers (WARC reader, progress display), loaded by the command that runs one. */
async function loadImporters() {
  const [progress, history] = await Promise.all([import('../../import/progress.ts'), import('../../import/import-history.ts')]);
  return {
    createImportReporter: progress.createImportReporter,
    importSourceFor: history.importSourceFor,
    importWaybackHistory: history.importWaybackHistory,
    importWarcHistory: history.importWarcHistory,
  };
}

function finish(reporter: ImportReporter, summary: ImportSummary): void {
  reporter.finish(summary);
  if (summary.failed > 0) process.exitCode = 1;
}

/**
 * Ctrl-C stops between two captures instead of killing the process mid-write: everything
 * placed so far is in the ledger, and running the same command again continues from there.
 */
async function withInterrupt<T>(reporter: ImportReporter, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await run(controller.signal);
  } catch (err) {
    if (controller.signal.aborted) throw new FactwatchError('interrupted', 'import interrupted; run the same command again to continue', { cause: err });
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
    reporter.stop();
  }
}

/** The global `fetch` block's settings that also govern archive requests (the guard above all). */
function archiveFetchSettings(config: RawConfig) {
  const f = config.fetch ?? {};
  return {
    allowNetworks: f.allowNetworks ?? [],
    userAgent: f.userAgent,
    headersTimeoutMs: f.headersTimeoutMs,
    bodyTimeoutMs: f.bodyTimeoutMs,
    maxBytes: f.maxBytes,
  };
}

function requireConfigured(sources: ResolvedSource[], id: string): ResolvedSource {
  const source = sources.find((s) => s.id === id);
  if (!source) throw new UsageError(`unknown source "${id}" (not in the configuration)`);
  return source;
}

function parseCdxDate(s: string, flag: string): string {
  if (!/^\d{4}(\d{2}){0,5}$/.test(s)) throw new UsageError(`${flag} must be a year (YYYY) or a longer CDX date prefix, not "${s}"`);
  return s;
}

function parseRate(s: string): number {
  const n = Number(s);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_REQUESTS_PER_SECOND) {
    throw new UsageError(`--rate must be a number of requests per second above 0 and at most ${MAX_REQUESTS_PER_SECOND}, not "${s}"`);
  }
  return n;
}

function parseArchiveUrl(s: string): string {
  try {
    const u = new URL(s);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch {
    // fall through to the usage error
  }
  throw new UsageError(`--archive-url must be an http(s) URL, not "${s}"`);
}
