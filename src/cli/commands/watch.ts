import type { Command } from 'commander';
import { UsageError } from '../../app/errors.ts';
import { alertRulesOf, deliverDue, ruled } from '../../notify/index.ts';
import { runClaimedPass } from '../../schedule/run-claimed-pass.ts';
import { nextRunAfter } from '../../schedule/next-run.ts';
import { startTicker } from '../../schedule/start-ticker.ts';
import { createWatchWorker, type TickSummary } from '../../schedule/watch-worker.ts';
import { defaultWorkerId } from '../../schedule/worker-id.ts';
import { syncChangedSources } from '../../store/queries/sync-changed-sources.ts';
import { printJsonLine, printLine } from '../output.ts';
import { prepareUi } from './serve.ts';
import { collectRepeated, noteUnknownTags, TAG_HELP } from '../tag-option.ts';
import { loadCommandConfig, withContext } from '../with-context.ts';
import { hasAnyTag } from '../../config/tags.ts';

interface WatchOptions {
  tick: string;
  workerId?: string;
  lease: string;
  batch: string;
  concurrency: string;
  once?: boolean;
  json?: boolean;
  serve?: boolean;
  host: string;
  port: string;
  publicUrl?: string;
  tag?: string[];
}

/**
 * `factwatch watch`: a long-running worker. Any number of them may share one PostgreSQL; with
 * the embedded database it is the one worker. SIGINT/SIGTERM stop claiming, let checks in flight
 * finish, give back what was claimed but not started, and return (exit code 0).
 */
export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .description('run a worker: check sources when due and deliver notifications, until stopped')
    .option('--tick <cron>', 'how often to look for due work (node-cron; 6 fields = seconds)', '*/10 * * * * *')
    .option('--worker-id <id>', 'lease owner name shown by `status` (default host:pid:random)')
    .option('--lease <seconds>', 'how long a claimed source is held before another worker may take it', '120')
    .option('--batch <n>', 'sources claimed per round trip', '100')
    .option('--concurrency <n>', 'checks at once in this worker', '8')
    .option('--tag <tag>', `${TAG_HELP}; the others are neither checked nor notified by this worker`, collectRepeated)
    .option('--once', 'do what is due now (checks, then deliveries) and exit')
    .option('--json', 'print one JSON line per round with activity')
    .option('--serve', 'also serve the review UI and API from this process (the simplest way to run factwatch on one machine)')
    .option('--host <host>', 'with --serve: address to listen on; beyond loopback FACTWATCH_TOKEN is required', '127.0.0.1')
    .option('--port <port>', 'with --serve: port to listen on (0: any free port)', '8080')
    .option('--public-url <url>', 'with --serve: the origin users reach the UI by; overrides serve.publicUrl')
    .action(async (opts: WatchOptions, cmd: Command) => {
      if (opts.serve && opts.once) throw new UsageError('--serve and --once do not go together: --once exits when the due work is done');
      const ui = opts.serve ? await prepareUi(opts, cmd) : null;
      const leaseMs = positive(opts.lease, '--lease') * 1000;
      const batchSize = Math.ceil(positive(opts.batch, '--batch'));
      const concurrency = Math.ceil(positive(opts.concurrency, '--concurrency'));
      const { config, sources } = await loadCommandConfig(cmd);
      const tags = opts.tag ?? [];
      noteUnknownTags(tags, sources.flatMap((s) => s.tags));
      // Every source is synced (its tags included: the claim filters on them in the database); only the tagged are worked on.
      const tagged = sources.filter((s) => hasAnyTag(s.tags, tags));
      const owner = opts.workerId ?? defaultWorkerId();
      await withContext(cmd, async (ctx) => {
        const startedAt = performance.now();
        await syncChangedSources(ctx.db, sources, ctx.clock.now(), (s) => nextRunAfter(s.schedule, s.timezone, ctx.clock.now()));
        const channels = await ctx.channels(config.channels ?? {});
        const totals = { checked: 0, changes: 0, failed: 0, delivered: 0, dead: 0, lostLeases: 0 };
        const report = (s: TickSummary) => {
          totals.checked += s.checks.checked;
          totals.changes += s.checks.changes;
          totals.failed += s.checks.failed;
          totals.delivered += s.deliveries.delivered;
          totals.dead += s.deliveries.dead;
          totals.lostLeases += s.checks.lostLeases;
          if (opts.once || (s.checks.checked === 0 && s.deliveries.delivered + s.deliveries.retrying + s.deliveries.dead === 0)) return;
          if (opts.json) printJsonLine({ worker: owner, at: ctx.clock.now().toISOString(), ...s });
          else printLine(describeTick(ctx.clock.now(), s));
        };
        const worker = createWatchWorker(
          {
            checkDue: (signal) => runClaimedPass(ctx, tagged, { owner, leaseMs, batchSize, concurrency, signal, tags }),
            deliverDue: (signal) => deliverDue({ ...ctx, channels, publicUrl: config.serve?.publicUrl ?? null, rules: alertRulesOf(config) }, { signal, tags }),
          },
          ctx.log,
          report,
        );
        {
          if (opts.once) {
            const passStart = performance.now();
            await worker.tick();
            const summary = {
              worker: owner,
              ...totals,
              elapsedMs: Math.round(performance.now() - passStart),
              startupMs: Math.round(passStart - startedAt),
              maxRssKb: process.resourceUsage().maxRSS,
            };
            if (opts.json) printJsonLine(summary);
            else printLine(`${owner}: ${totals.checked} checked, ${totals.changes} changes, ${totals.failed} failed, ${totals.delivered} delivered`);
            return;
          }
          if (opts.json) printJsonLine({ worker: owner, event: 'started', database: ctx.dbKind, sources: tagged.length, ...(tags.length ? { tags } : {}) });
          else {
            const which = tags.length ? ` with the tag${tags.length > 1 ? 's' : ''} ${tags.join(', ')}` : '';
            printLine(`factwatch watch: worker ${owner} on ${ctx.dbKind === 'pglite' ? 'the embedded database' : 'PostgreSQL'}, ${tagged.length} sources${which}; Ctrl-C to stop`);
          }
          const server = ui ? await ui.start(ctx) : null;
          const stopped = waitForStopSignal();
          const ticker = startTicker(
            opts.tick,
            async () => {
              await worker.tick();
            },
            ctx.log,
          );
          void worker.tick(); // do what is due now rather than at the first tick
          await stopped;
          await ticker.stop();
          await worker.shutdown();
          await server?.close();
          if (opts.json) printJsonLine({ worker: owner, event: 'stopped', ...totals, maxRssKb: process.resourceUsage().maxRSS });
          else printLine(`factwatch watch: stopped (${totals.checked} checked, ${totals.delivered} delivered)`);
        }
      });
    });
}

/** Resolves on the first SIGINT or SIGTERM; the handlers are removed again. */
function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

function describeTick(at: Date, s: TickSummary): string {
  const outcomes = Object.entries(s.checks.outcomes)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  const d = s.deliveries;
  const parts = [`${at.toISOString().replace(/\.\d{3}Z$/, 'Z')}: ${s.checks.checked} checked${outcomes ? ` (${outcomes})` : ''}`];
  if (d.delivered + d.retrying + d.dead > 0) parts.push(`${d.delivered} delivered, ${d.retrying} to retry, ${d.dead} dead${ruled(d)}`);
  else if (d.skipped + d.held > 0) parts.push(ruled(d).slice(2));
  return parts.join('; ');
}

function positive(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number, not "${text}"`);
  return n;
}
