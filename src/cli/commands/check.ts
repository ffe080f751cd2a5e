import type { Command } from 'commander';
import { didYouMean } from '../../app/closest-match.ts';
import { UsageError } from '../../app/errors.ts';
import { hasAnyTag } from '../../config/tags.ts';
import { runCheckPass } from '../../check/check-pass.ts';
import { alertRulesOf, deliverDue, ruled } from '../../notify/index.ts';
import { nextRunAfter } from '../../schedule/next-run.ts';
import { syncChangedSources } from '../../store/queries/sync-changed-sources.ts';
import { renderText, shouldUseColor } from '../../report/index.ts';
import { forEachReport } from '../../report/load-report-meta.ts';
import { printJson, printLine, printReport } from '../output.ts';
import { collectRepeated, noteUnknownTags, TAG_HELP } from '../tag-option.ts';
import { loadCommandConfig, withContext } from '../with-context.ts';

/** `factwatch check [source…]`: one pass over the due sources, or the named ones. */
export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('check the due sources once (or the named ones), report changes, then send the notifications that are due')
    .argument('[sources...]', 'source ids to check now, due or not')
    .option('--all', 'check every enabled source, due or not')
    .option('--tag <tag>', `${TAG_HELP}; the others are not checked, and only the tagged sources' notifications are sent`, collectRepeated)
    .option('--json', 'print the results as JSON')
    .option('--no-deliver', 'send no notifications (they stay queued for the next check or watch)')
    .addHelpText(
      'after',
      '\nAfter the pass, check sends what is due on the configured channels: the notifications of the\nchanges it found, and any earlier ones still queued or due for a retry. Use --no-deliver to skip.\nWith --tag it sends only those of the tagged sources; the others stay queued for the next check\nor watch that covers them.',
    )
    .action(async (ids: string[], opts: { all?: boolean; tag?: string[]; json?: boolean; deliver: boolean }, cmd: Command) => {
      const { config, sources } = await loadCommandConfig(cmd);
      const unknown = ids.filter((id) => !sources.some((s) => s.id === id));
      if (unknown.length) {
        const configured = sources.map((s) => s.id);
        throw new UsageError(`unknown source(s) in the configuration: ${unknown.map((id) => `"${id}"${didYouMean(id, configured)}`).join(', ')}`);
      }
      const tags = opts.tag ?? [];
      noteUnknownTags(tags, sources.flatMap((s) => s.tags));
      const tagged = sources.filter((s) => hasAnyTag(s.tags, tags));
      await withContext(cmd, async (ctx) => {
        // Only sources whose configuration changed are written: a check with nothing due stays cheap.
        await syncChangedSources(ctx.db, sources, ctx.clock.now(), (s) => nextRunAfter(s.schedule, s.timezone, ctx.clock.now()), { disableMissing: false });
        const results = await runCheckPass(ctx, tagged, { only: ids, all: opts.all });
        if (opts.json) {
          printJson(
            results.map((r) => ({
              source: r.sourceId,
              outcome: r.outcome,
              url: r.finalUrl,
              version: r.stored?.seq ?? null,
              changeId: r.stored?.changeId ?? null,
              error: r.error ? { code: r.error.code, message: r.error.message, retryable: r.error.retryable } : null,
            })),
          );
        } else {
          if (results.length === 0) printLine(`No source${tags.length ? ' with these tags' : ''} is due. Use --all or name sources to check them now.`);
          const color = shouldUseColor(process.stdout, process.env);
          await forEachReport(ctx.db, results, (r) => r.stored?.changeId ?? null, (r, loaded) => {
            printLine(`${r.sourceId}: ${r.outcome}${r.error ? ` (${r.error.message})` : ''}`);
            if (loaded) printReport(renderText(loaded.row.change, loaded.meta, { color }));
          });
        }
        if (results.some((r) => r.error)) process.exitCode = 1;
        // A cron user's only process: it sends what the pass queued (and what earlier runs left
        // due), as `watch` does after each round — with --tag, of the tagged sources only. Claims
        // are leased, so a `watch` running beside it never sends the same notification twice.
        if (opts.deliver) {
          const channels = await ctx.channels(config.channels ?? {});
          const sent = await deliverDue({ ...ctx, channels, publicUrl: config.serve?.publicUrl ?? null, rules: alertRulesOf(config) }, { tags });
          if (sent.delivered + sent.retrying + sent.dead + sent.skipped + sent.held > 0) {
            const line = `notifications: ${sent.delivered} sent, ${sent.retrying} to retry, ${sent.dead} failed for good${ruled(sent)} (factwatch deliveries)`;
            // stdout holds only the JSON document with --json.
            if (opts.json) process.stderr.write(`${line}\n`);
            else printLine(line);
          }
          if (sent.dead > 0) process.exitCode = 1;
        }
      });
    });
}
