/**
 * What to do with one claimed delivery: send it, skip it (settled for good, with the reason) or
 * hold it until more checks agree. The edge around the pure rule (match-rule.ts) and the pure
 * confirmation (confirm-change.ts): it reads only what confirmation needs, and only for a rule
 * that asks for it.
 */
import type { Db } from '../store/db.ts';
import type { ClaimedDelivery } from '../store/queries/deliveries.ts';
import { confirmationState } from '../store/queries/confirmations.ts';
import type { AppliedRule } from './alert-rules.ts';
import type { DeliverySubject, RuleFired } from './build-notification.ts';
import { confirmDecision } from './confirm-change.ts';
import { describeMatch, matchRule, type RuleSubject } from './match-rule.ts';

export type DeliveryDecision =
  /** `subject` as notified (narrowed by the rule's figure filter); `note` for the outbox row (null: no rule). */
  | { kind: 'send'; subject: DeliverySubject; fired: RuleFired | null; note: string | null }
  | { kind: 'skip'; note: string }
  /** `sourceCheckedAt`: the source's last check; the delivery is looked at again after a later one. */
  | { kind: 'hold'; note: string; sourceCheckedAt: Date };

export async function decideDelivery(db: Db, d: ClaimedDelivery, subject: DeliverySubject, applied: AppliedRule | null): Promise<DeliveryDecision> {
  const asked: RuleSubject = subject.kind === 'change' ? { kind: 'change', change: subject.report.row.change } : { kind: 'event', event: subject.event.kind };
  const prefix = applied?.origin === 'source' ? 'source rule: ' : '';
  // Run without a rule too: an empty change is never an alert.
  const m = matchRule(asked, applied?.when);
  if (!m.matched) return { kind: 'skip', note: `${prefix}${m.reason}` };

  const confirm = applied?.when.confirm ?? 1;
  let confirmed: string | null = null;
  if (subject.kind === 'change' && confirm > 1) {
    const state = await confirmationState(db, { changeId: d.refId, channel: d.channel, deliveryId: d.id });
    if (!state) return { kind: 'skip', note: 'the change no longer exists' };
    const c = confirmDecision(state, confirm);
    // Never checked (cannot be: a check stored it) is the epoch: any check after it re-examines the row.
    if (c.kind === 'hold') return { kind: 'hold', note: `${prefix}${c.note}`, sourceCheckedAt: state.lastCheckedAt ?? new Date(0) };
    if (c.kind === 'skip') return { kind: 'skip', note: `${prefix}${c.note}` };
    confirmed = c.note;
  }
  if (!applied) return { kind: 'send', subject, fired: null, note: null };

  const note = `${describeMatch(applied.when, m)}${confirmed ? `; ${confirmed}` : ''}`;
  const fired: RuleFired = { applied, events: m.events, figures: m.figures, note };
  const sent: DeliverySubject =
    subject.kind === 'change' ? { kind: 'change', report: { ...subject.report, row: { ...subject.report.row, change: m.change } } } : subject;
  return { kind: 'send', subject: sent, fired, note: `${prefix}${note}` };
}
