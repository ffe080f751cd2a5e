import { backoff } from '../app/backoff.ts';
import type { Clock } from '../app/clock.ts';
import { forEachBounded } from '../app/for-each-bounded.ts';
import type { Logger } from '../app/log.ts';
import type { Db } from '../store/db.ts';
import { claimDueDeliveries, markDelivered, markFailed, type ClaimedDelivery } from '../store/queries/deliveries.ts';
import { buildNotification } from './build-notification.ts';
import type { Channel } from './channels.ts';
import { DeliveryError } from './delivery-error.ts';
import { defaultDeliveryPolicy, type DeliveryPolicy } from './delivery-policy.ts';

export interface DeliverDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  channels: Map<string, Channel>;
  policy?: DeliveryPolicy;
  random?: () => number;
  /** `serve.publicUrl`: change notifications link to their review page there. */
  publicUrl?: string | null;
}

export interface DeliverySummary {
  delivered: number;
  retrying: number;
  dead: number;
}

/**
 * Sends every due delivery once: claim a batch, send each, record the result; repeat until
 * nothing is due or `signal` aborts. Failures are scheduled again with backoff and jitter; after
 * `maxAttempts` (or a non-retryable failure) the delivery is dead and waits for an operator.
 */
export async function deliverDue(deps: DeliverDeps, opts: { batchSize?: number; concurrency?: number; signal?: AbortSignal } = {}): Promise<DeliverySummary> {
  const policy = deps.policy ?? defaultDeliveryPolicy;
  const summary: DeliverySummary = { delivered: 0, retrying: 0, dead: 0 };
  while (!opts.signal?.aborted) {
    const claimed = await claimDueDeliveries(deps.db, { now: deps.clock.now(), leaseMs: policy.leaseMs, limit: opts.batchSize ?? 50 });
    if (claimed.length === 0) break;
    // Every claimed delivery is sent, even after an abort: its lease would otherwise hide it until it expires.
    await forEachBounded(claimed, Math.min(opts.concurrency ?? 4, claimed.length), (d) => deliverOne(deps, policy, d, summary));
  }
  return summary;
}

async function deliverOne(deps: DeliverDeps, policy: DeliveryPolicy, d: ClaimedDelivery, summary: DeliverySummary): Promise<void> {
  const channel = deps.channels.get(d.channel);
  try {
    if (!channel) throw new DeliveryError(`no channel named "${d.channel}" in the configuration`, { retryable: false });
    const n = await buildNotification(deps.db, d, { publicUrl: deps.publicUrl ?? null });
    if (!n) throw new DeliveryError(`${d.kind} ${d.refId} no longer exists`, { retryable: false });
    await channel.send(n);
    await markDelivered(deps.db, d, deps.clock.now());
    summary.delivered++;
  } catch (err) {
    const retryable = err instanceof DeliveryError ? err.retryable : true;
    const message = err instanceof Error ? err.message : String(err);
    const dead = !retryable || d.attempts >= policy.maxAttempts;
    const retryAt = dead ? null : new Date(deps.clock.now().getTime() + backoff({ attempt: d.attempts, baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs, jitter: 'equal', random: deps.random }));
    await markFailed(deps.db, d, message, retryAt);
    if (dead) summary.dead++;
    else summary.retrying++;
    deps.log.warn({ delivery: d.id, channel: d.channel, attempt: d.attempts, dead, err: message }, 'delivery failed');
  }
}
