import type { Command } from 'commander';
import { createRequire } from 'node:module';
import { UsageError } from '../../app/errors.ts';
import { looksLikeIsoDate, readInstant } from '../../app/read-instant.ts';
import { getSource } from '../../store/queries/sources.ts';
import { listVersions, versionAt, versionBySeq } from '../../store/queries/versions.ts';
import { toContractJson, versionSummaryJson } from '../../report/contract-json.ts';
import { formatTable, isoSeconds, printJson, printLine } from '../output.ts';
import { withContext } from '../with-context.ts';
import type { AppContext } from '../../root/app-context.ts';

/** `history` lists a source's versions; `show` prints one version (by number or by date). */
export function registerHistoryCommands(program: Command): void {
  program
    .command('history')
    .description("list a source's versions, oldest first")
    .argument('<source>', 'source id')
    .option('--json', 'print as JSON')
    .action(async (sourceId: string, opts: { json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        await requireSource(ctx, sourceId);
        const versions = await listVersions(ctx.db, sourceId);
        if (opts.json) {
          return printJson(versions.map(versionSummaryJson));
        }
        if (!versions.length) return printLine(`${sourceId}: no version stored yet`);
        printLine(
          formatTable([
            ['version', 'captured', 'last seen', 'updated', 'url'],
            ...versions.map((v) => [String(v.seq), isoSeconds(v.capturedAt), isoSeconds(v.lastSeenAt), v.updated ?? '-', v.url]),
          ]),
        );
      });
    });

  program
    .command('show')
    .description('print a version of a source: the one in force at a date, or by number')
    .argument('<source>', 'source id')
    .option('--at <date>', 'a date ("2018-01-01", "2018-01-01T12:00Z", "1 March 2018"); a bare date means the end of that day, UTC')
    .option('--version <n>', 'version number')
    .option('--json', 'print the PageDocument as JSON')
    .action(async (sourceId: string, opts: { at?: string; version?: string; json?: boolean }, cmd: Command) => {
      if ((opts.at === undefined) === (opts.version === undefined)) throw new UsageError('show needs exactly one of --at <date> or --version <n>');
      const seq = opts.version === undefined ? null : parseVersion(opts.version);
      const at = opts.at === undefined ? null : parseAt(opts.at);
      await withContext(cmd, async (ctx) => {
        await requireSource(ctx, sourceId);
        const v = seq !== null ? await versionBySeq(ctx.db, sourceId, seq) : await versionAt(ctx.db, sourceId, at!);
        if (!v) {
          throw new UsageError(seq !== null ? `${sourceId} has no version ${seq}` : `${sourceId} had no version yet at ${at!.toISOString()}`);
        }
        if (opts.json) return printJson({ version: v.seq, capturedAt: v.capturedAt.toISOString(), lastSeenAt: v.lastSeenAt.toISOString(), document: toContractJson(v.document) });
        const d = v.document;
        printLine(`${sourceId} version ${v.seq}, captured ${isoSeconds(v.capturedAt)} (last seen ${isoSeconds(v.lastSeenAt)})`);
        printLine(`${d.title}${d.updatedText ? ` — ${d.updatedText}` : ''}`);
        printLine(v.url);
        for (const s of d.sections) {
          printLine();
          printLine(`## ${s.heading ?? '(lead)'}`);
          printLine();
          printLine(s.text);
        }
      });
    });
}

export async function requireSource(ctx: AppContext, sourceId: string): Promise<void> {
  if (!(await getSource(ctx.db, sourceId))) throw new UsageError(`unknown source "${sourceId}" (is this the right --data-dir / DATABASE_URL?)`);
}

function parseVersion(s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--version must be a positive whole number, not "${s}"`);
  return n;
}

/**
 * Reads a user's date. A bare calendar date means "as the page stood on that day", i.e. the end
 * of the day in UTC; anything else goes through chrono-node, pinned to UTC so that the
 * machine's time zone never changes the answer.
 */
/**
 * chrono-node (~20 MB of a process) is loaded the first time a date needs it, synchronously, so
 * `parseAt` stays usable as an option parser; commands that never read a free-form date skip it.
 */
function loadChrono(): typeof import('chrono-node') {
  return createRequire(import.meta.url)('chrono-node') as typeof import('chrono-node');
}

export function parseAt(s: string): Date {
  // An ISO shape is read strictly: "2017-02-30" is a mistake to report, not 2 March to guess.
  if (looksLikeIsoDate(s)) {
    const d = readInstant(s, { bareDay: 'end' });
    if (d === null) throw new UsageError(`"${s.trim()}" is not a real date (a day that exists, years 1 to 9999; e.g. 2018-01-01 or 2018-01-01T12:00Z)`);
    return d;
  }
  const parsed = loadChrono().en.parse(s, { instant: new Date(0), timezone: 'UTC' });
  const r = parsed[0];
  if (r) {
    const d = r.start.date();
    if (!r.start.isCertain('hour')) d.setUTCHours(23, 59, 59, 999);
    return d;
  }
  throw new UsageError(`cannot read "${s}" as a date (try 2018-01-01)`);
}
