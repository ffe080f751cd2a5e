import type { Command } from 'commander';
import { UsageError } from '../../app/errors.ts';
import { DELIVERY_STATES, type DeliveryState } from '../../store/schema.ts';
import { listDeliveries, requeueDelivery } from '../../store/queries/deliveries.ts';
import { formatTable, isoSeconds, printJson, printLine } from '../output.ts';
import { withContext } from '../with-context.ts';

/** `factwatch deliveries` lists the outbox; `deliveries retry <id>` re-queues one (e.g. a dead one). */
export function registerDeliveriesCommands(program: Command): void {
  const deliveries = program
    .command('deliveries')
    .description('list notification deliveries (pending, delivered, dead, skipped by an alert rule), newest first')
    .option('--state <state>', `only ${DELIVERY_STATES.join(', ')}`)
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print as JSON')
    .action(async (opts: { state?: string; limit: string; json?: boolean }, cmd: Command) => {
      if (opts.state !== undefined && !(DELIVERY_STATES as readonly string[]).includes(opts.state)) {
        throw new UsageError(`unknown state "${opts.state}" (use ${DELIVERY_STATES.join(', ')})`);
      }
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, not "${opts.limit}"`);
      await withContext(cmd, async (ctx) => {
        const rows = await listDeliveries(ctx.db, { state: opts.state as DeliveryState | undefined, limit });
        if (opts.json) {
          return printJson(
            rows.map((d) => ({
              id: d.id,
              kind: d.subject,
              changeId: d.kind === 'change' ? d.refId : null,
              eventId: d.kind === 'event' ? d.refId : null,
              source: d.source,
              channel: d.channel,
              state: d.state,
              attempts: d.attempts,
              nextAttemptAt: d.state === 'pending' ? d.nextAttemptAt.toISOString() : null,
              deliveredAt: d.deliveredAt?.toISOString() ?? null,
              lastError: d.lastError,
              ruleNote: d.ruleNote,
            })),
          );
        }
        if (!rows.length) return printLine('No deliveries.');
        printLine(
          formatTable([
            ['id', 'what', 'source', 'channel', 'state', 'attempts', 'next / delivered', 'last error / rule'],
            ...rows.map((d) => [
              String(d.id),
              d.kind === 'change' ? `change #${d.refId}` : d.subject,
              d.source,
              d.channel,
              d.state,
              String(d.attempts),
              d.state === 'delivered' ? isoSeconds(d.deliveredAt) : d.state === 'pending' ? isoSeconds(d.nextAttemptAt) : '-',
              d.lastError ?? d.ruleNote ?? '',
            ]),
          ]),
        );
      });
    });

  deliveries
    .command('retry')
    .description('re-queue a delivery now with a fresh attempt budget (after fixing the receiver)')
    .argument('<id>', 'delivery id (see `factwatch deliveries`)')
    .action(async (idText: string, _opts: unknown, cmd: Command) => {
      const id = Number(idText);
      if (!Number.isInteger(id) || id < 1) throw new UsageError(`delivery id must be a positive whole number, not "${idText}"`);
      await withContext(cmd, async (ctx) => {
        if (!(await requeueDelivery(ctx.db, id, ctx.clock.now()))) throw new UsageError(`no delivery with id ${id}`);
        printLine(`delivery ${id} re-queued; a running \`factwatch watch\` sends it on its next tick`);
      });
    });
  deliveries.commands.forEach((c) => c.exitOverride());
}
