import type { Command } from 'commander';
import { createRequire } from 'node:module';
import { UsageError } from '../../app/errors.ts';
import { endOfDay, looksLikeIsoDate, readInstant } from '../../app/read-instant.ts';
import { getSource, listSources } from '../../store/queries/sources.ts';
import { didYouMean } from '../../app/closest-match.ts';
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
  if (await getSource(ctx.db, sourceId)) return;
  const known = (await listSources(ctx.db)).map((s) => s.id);
  const hint = didYouMean(sourceId, known);
  throw new UsageError(`unknown source "${sourceId}"${hint || ' (is this the right --data-dir / DATABASE_URL?)'}`);
}

function parseVersion(s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--version must be a positive whole number, not "${s}"`);
  return n;
}

/**
 * chrono-node (~20 MB of a process) is loaded the first time a date needs it, synchronously, so
 * `parseAt` stays usable as an option parser; commands that never read a free-form date skip it.
 */
function loadChrono(): typeof import('chrono-node') {
  return createRequire(import.meta.url)('chrono-node') as typeof import('chrono-node');
}

/**
 * Reads a user's date (`--at`, `--since`). An ISO date is read strictly. Anything else is read
 * as English, French or German ("1 March 2018", "1 mars 2018", "1. März 2018", "yesterday",
 * "hier", "gestern 14:00"), the whole text or not at all, relative dates against `now` in the
 * user's time zone (the machine's, as `TZ` sets it, unless `utcOffsetMinutes` says otherwise). A day without a time means "as the page
 * stood on that day": the end of that calendar day in UTC, as for a bare ISO date.
 */
export function parseAt(s: string, now: Date = new Date(), utcOffsetMinutes: number = -now.getTimezoneOffset()): Date {
  // An ISO shape is read strictly: "2017-02-30" is a mistake to report, not 2 March to guess.
  if (looksLikeIsoDate(s)) {
    const d = readInstant(s, { bareDay: 'end' });
    if (d === null) throw new UsageError(`"${s.trim()}" is not a real date (a day that exists, years 1 to 9999; e.g. 2018-01-01 or 2018-01-01T12:00Z)`);
    return d;
  }
  const text = s.trim();
  const chrono = loadChrono();
  const reference = { instant: now, timezone: utcOffsetMinutes };
  // German writes a day as an ordinal ("1. März 2018"); "1 März 2018" is read the same way.
  const attempts: Array<[typeof chrono.en.casual, string]> = [
    [chrono.en.casual, text],
    [chrono.fr.casual, text],
    [chrono.de.casual, text],
    [chrono.de.casual, text.replace(/^(\d{1,2}) (?=\p{L})/u, '$1. ')],
  ];
  for (const [parser, input] of attempts) {
    const [r] = parser.parse(input, reference);
    // The whole text must be the date: "1 mars 2018" is not "2018" read in English.
    if (r === undefined || r.index !== 0 || r.text.length < input.replace(/[\s.,]+$/u, '').length) continue;
    if (r.start.isCertain('hour')) return r.start.date();
    const [year, month, day] = [r.start.get('year'), r.start.get('month'), r.start.get('day')];
    if (year !== null && month !== null && day !== null) return endOfDay(year, month, day);
  }
  throw new UsageError(`cannot read "${text}" as a date (e.g. 2018-01-01, 2018-01-01T12:00Z, "1 March 2018", "1 mars 2018", "yesterday")`);
}
