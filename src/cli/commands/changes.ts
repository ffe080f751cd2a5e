import type { Command } from 'commander';
import { UsageError } from '../../app/errors.ts';
import { readInstant } from '../../app/read-instant.ts';
import { listChanges } from '../../store/queries/changes.ts';
import { listTags } from '../../store/queries/sources.ts';
import { renderHtml, renderJson, renderMarkdown, renderText, shouldUseColor } from '../../report/index.ts';
import { changeSummaryJson } from '../../report/contract-json.ts';
import { loadReportMeta } from '../../report/load-report-meta.ts';
import { notificationLine } from '../../report/notification-lines.ts';
import { listDeliveries } from '../../store/queries/deliveries.ts';
import { formatTable, isoSeconds, printJson, printLine, printReport } from '../output.ts';
import { collectRepeated, noteUnknownTags, TAG_HELP } from '../tag-option.ts';
import { withContext } from '../with-context.ts';
import { parseAt, requireSource } from './history.ts';

const FORMATS = ['text', 'markdown', 'html', 'json'] as const;

/** `changes` lists detected changes; `report <id>` renders one of them. */
export function registerChangesCommands(program: Command): void {
  program
    .command('changes')
    .description('list detected changes, newest first')
    .option('--source <id>', 'only this source')
    .option('--since <date>', 'only changes detected on or after this date')
    .option('--tag <tag>', TAG_HELP, collectRepeated)
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print as JSON')
    .action(async (opts: { source?: string; since?: string; tag?: string[]; limit: string; json?: boolean }, cmd: Command) => {
      const since = opts.since ? startOfDay(opts.since) : undefined;
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, not "${opts.limit}"`);
      await withContext(cmd, async (ctx) => {
        if (opts.source) await requireSource(ctx, opts.source);
        // A tag no source has matches nothing: an empty list, with the nearest tag on stderr.
        const tags = opts.tag ?? [];
        if (tags.length) noteUnknownTags(tags, await listTags(ctx.db));
        const rows = await listChanges(ctx.db, { sourceId: opts.source, since, tags, limit });
        if (opts.json) {
          return printJson(rows.map(changeSummaryJson));
        }
        if (!rows.length) return printLine('No changes.');
        // The channels each change was sent to (`report <id>` says which rule fired and why).
        const notified = new Map<number, string[]>();
        for (const d of (await listDeliveries(ctx.db, { changeIds: rows.map((c) => c.id), state: 'delivered', limit: rows.length * 50 })).reverse()) {
          notified.set(d.refId, [...(notified.get(d.refId) ?? []), d.channel]);
        }
        printLine(
          formatTable([
            ['id', 'source', 'versions', 'detected', 'state', 'notified', 'summary'],
            ...rows.map((c) => [String(c.id), c.source, `${c.fromVersion ?? '-'} → ${c.toVersion}`, isoSeconds(c.detectedAt), c.state, notified.get(c.id)?.join(', ') ?? '-', c.summary]),
          ]),
        );
      });
    });

  program
    .command('report')
    .description('render the report of one change')
    .argument('<id>', 'change id (see `factwatch changes`)')
    .option('--format <format>', `${FORMATS.join(', ')}`, 'text')
    .option('--sentences', 'text format: show each figure\'s sentence under its line')
    .action(async (idText: string, opts: { format: string; sentences?: boolean }, cmd: Command) => {
      const id = Number(idText);
      if (!Number.isInteger(id) || id < 1) throw new UsageError(`change id must be a positive whole number, not "${idText}"`);
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`unknown format "${opts.format}" (use ${FORMATS.join(', ')})`);
      await withContext(cmd, async (ctx) => {
        const loaded = await loadReportMeta(ctx.db, id);
        if (!loaded) throw new UsageError(`no change with id ${id}`);
        const { row } = loaded;
        // What each channel was sent and which alert rule fired (the JSON report stays the change's own).
        const meta = { ...loaded.meta, notifications: (await listDeliveries(ctx.db, { changeId: id })).reverse().map(notificationLine) };
        const out =
          opts.format === 'json'
            ? renderJson(row.change, meta)
            : opts.format === 'markdown'
              ? renderMarkdown(row.change, meta)
              : opts.format === 'html'
                ? renderHtml(row.change, meta)
                : renderText(row.change, meta, { color: shouldUseColor(process.stdout, process.env), sentences: opts.sentences === true });
        printReport(out, { json: opts.format === 'json' });
      });
    });
}

/** `--since 2018-01-01` means from the start of that day (UTC), not its end. */
export function startOfDay(s: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s.trim())) {
    const d = readInstant(s, { bareDay: 'start' });
    if (d === null) throw new UsageError(`"${s.trim()}" is not a real date (a day that exists, years 1 to 9999; e.g. 2018-01-01)`);
    return d;
  }
  return parseAt(s);
}
