import type { DeliveryState } from '../store/schema.ts';

/** What the outbox did with one channel's delivery of a change (a row of `deliveries`). */
export interface DeliveryOutcome {
  channel: string;
  state: DeliveryState;
  /** What the alert rule decided (null: the channel has no rule, or nothing was decided yet). */
  ruleNote: string | null;
  lastError: string | null;
}

/**
 * One line per channel for a change report (CLI `report`, the change page): which rule fired
 * and why, or why nothing was sent — "Notified team: figure changed, ≥ 10% (bilateral trade
 * +28.1%)", "Not sent to mail: no event the rule names (…)".
 */
export function notificationLine(d: DeliveryOutcome): string {
  switch (d.state) {
    case 'delivered':
      return `Notified ${d.channel}: ${d.ruleNote ?? 'every change (no alert rule)'}`;
    case 'skipped':
      return `Not sent to ${d.channel}: ${d.ruleNote ?? 'skipped'}`;
    case 'dead':
      return `Failed for ${d.channel}: ${d.lastError ?? 'gave up'}`;
    case 'pending':
      return d.ruleNote ? `Waiting for ${d.channel}: ${d.ruleNote}` : `Queued for ${d.channel}${d.lastError ? ` (last attempt: ${d.lastError})` : ''}`;
  }
}
