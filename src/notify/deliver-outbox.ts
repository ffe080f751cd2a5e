import { backoff } from '../app/backoff.ts';
import type { Clock } from '../app/clock.ts';
import { forEachBounded } from '../app/for-each-bounded.ts';
import type { Logger } from '../app/log.ts';
import type { Db } from '../store/db.ts';
import { claimDueDeliveries, markDelivered, markFailed, markFoldedInto, markHeld, markSkipped, type ClaimedDelivery } from '../store/queries/deliveries.ts';
import type { AlertRules } from './alert-rules.ts';
import { loadDeliverySubject, notificationOf } from './build-notification.ts';
import { MAX_HOLD_MS } from './confirm-change.ts';
import { decideDelivery } from './decide-delivery.ts';
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
  /** The alert rules of the configuration (`alertRulesOf`); without them every channel gets every change. */
  rules?: AlertRules;
}

export interface DeliverySummary {
  delivered: number;
  retrying: number;
  dead: number;
  /** Settled unsent: the alert rule did not match, or a held change was superseded. */
  skipped: number;
  /** Held until more checks agree (`when.confirm`). */
  held: number;
}

/** ", 2 skipped by their alert rule, 1 held for confirmation" — only what happened; for summary lines. */
export function ruled(d: DeliverySummary): string {
  return `${d.skipped ? `, ${d.skipped} skipped by their alert rule` : ''}${d.held ? `, ${d.held} held for confirmation` : ''}`;
}

export interface DeliverOptions {
  batchSize?: number;
  concurrency?: number;
  signal?: AbortSignal;
  /**
   * Only the deliveries of sources carrying any of these tags (`check --tag`, `watch --tag`): the
   * others stay queued for whoever sends them. The claim is the same leased one, so senders with
   * different tags, or none, never send one delivery twice.
   */
  tags?: readonly string[];
}

/**
 * Sends every due delivery once: claim a batch, decide each by its alert rule (decide-delivery.ts:
 * send, skip or hold), send, record the result; repeat until nothing is due or `signal` aborts. Failures are scheduled again with backoff and jitter; after
 * `maxAttempts` (or a non-retryable failure) the delivery is dead and waits for an operator.
 */
export async function deliverDue(deps: DeliverDeps, opts: DeliverOptions = {}): Promise<DeliverySummary> {
  const policy = deps.policy ?? defaultDeliveryPolicy;
  const summary: DeliverySummary = { delivered: 0, retrying: 0, dead: 0, skipped: 0, held: 0 };
  while (!opts.signal?.aborted) {
    const now = deps.clock.now();
    const claimed = await claimDueDeliveries(deps.db, {
      now,
      leaseMs: policy.leaseMs,
      limit: opts.batchSize ?? 50,
      holdExpiredBefore: new Date(now.getTime() - MAX_HOLD_MS),
      ...(opts.tags?.length ? { tags: opts.tags } : {}),
    });
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
    const subject = await loadDeliverySubject(deps.db, d);
    if (!subject) throw new DeliveryError(`${d.kind} ${d.refId} no longer exists`, { retryable: false });
    const decision = await decideDelivery(deps.db, d, subject, deps.rules?.(d.source, d.channel) ?? null, deps.clock.now());
    if (decision.kind === 'skip') {
      await markSkipped(deps.db, d, decision.note);
      summary.skipped++;
      return;
    }
    if (decision.kind === 'hold') {
      await markHeld(deps.db, d, decision.note, decision.sourceCheckedAt, deps.clock.now());
      summary.held++;
      return;
    }
    await channel.send(notificationOf(decision.subject, d, { publicUrl: deps.publicUrl ?? null }, decision.fired));
    await markDelivered(deps.db, d, deps.clock.now(), decision.note);
    summary.delivered++;
    if (decision.net) {
      const held = decision.net.changeIds.filter((id) => id !== d.refId);
      await markFoldedInto(deps.db, d.channel, held, `superseded before it was confirmed; in the alert of change #${d.refId} (net change since version ${decision.net.fromVersion})`);
    }
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
