import type { Command } from 'commander';
import { listSourceStatus, type SourceStatus } from '../../store/queries/source-status.ts';
import { formatTable, isoSeconds, printJson, printLine } from '../output.ts';
import { withContext } from '../with-context.ts';

/** `factwatch status`: per source, last check and outcome, last change, next due, streak, lease. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('show each source: last check, outcome, last change, next due, failure streak, lease holder')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const now = ctx.clock.now();
        const rows = await listSourceStatus(ctx.db);
        if (opts.json) return printJson(rows.map((r) => toJson(r, now)));
        if (!rows.length) return printLine('No sources yet. Run `factwatch check` or `factwatch watch` with a configuration.');
        printLine(
          formatTable([
            ['source', 'last check', 'outcome', 'last change', 'next due', 'failures', 'lease'],
            ...rows.map((r) => [
              r.enabled ? r.id : `${r.id} (disabled)`,
              isoSeconds(r.lastCheckedAt) || '-',
              r.goneAt ? `${r.lastOutcome ?? '-'} (gone since ${isoSeconds(r.goneAt)})` : (r.lastOutcome ?? '-'),
              isoSeconds(r.lastChangeAt) || '-',
              isoSeconds(r.nextCheckAt) || 'now',
              String(r.failureStreak),
              leaseHolder(r, now) ?? '-',
            ]),
          ]),
        );
      });
    });
}

/** The current holder; an expired lease is nobody's (any worker may take the source). */
function leaseHolder(r: SourceStatus, now: Date): string | null {
  return r.leaseOwner && r.leaseUntil && r.leaseUntil.getTime() > now.getTime() ? r.leaseOwner : null;
}

function toJson(r: SourceStatus, now: Date) {
  const holder = leaseHolder(r, now);
  return {
    source: r.id,
    enabled: r.enabled,
    schedule: r.schedule,
    timezone: r.timezone,
    lastCheckAt: r.lastCheckedAt?.toISOString() ?? null,
    lastOutcome: r.lastOutcome,
    lastChangeAt: r.lastChangeAt?.toISOString() ?? null,
    nextDueAt: r.nextCheckAt?.toISOString() ?? null,
    failureStreak: r.failureStreak,
    gone: r.goneAt !== null,
    goneSince: r.goneAt?.toISOString() ?? null,
    leaseHolder: holder,
    leaseUntil: holder ? (r.leaseUntil?.toISOString() ?? null) : null,
  };
}
