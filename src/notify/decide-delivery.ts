/**
 * What to do with one claimed delivery: send it, skip it (settled for good, with the reason) or
 * hold it until more checks agree. The edge around the pure rule (match-rule.ts), the pure
 * confirmation (confirm-change.ts) and the pure net change (net-change.ts): it reads only what
 * confirmation needs, and only for a rule that asks for it.
 *
 * Under `confirm` the change is confirmed first and the rule judged after, on the net change: a
 * change that alone passes no filter (B → C, +2 %) may complete one that does (A → C, +15 %) once
 * it holds, and the rule is about what the reader is told.
 */
import type { Db } from '../store/db.ts';
import type { ClaimedDelivery } from '../store/queries/deliveries.ts';
import { confirmationState, heldRun } from '../store/queries/confirmations.ts';
import { versionDocuments } from '../store/queries/versions.ts';
import type { AppliedRule } from './alert-rules.ts';
import type { DeliverySubject, RuleFired } from './build-notification.ts';
import { confirmDecision } from './confirm-change.ts';
import { describeMatch, matchRule, type RuleSubject } from './match-rule.ts';
import { describeNetRun, netChangeOf, type NetRun } from './net-change.ts';

export type DeliveryDecision =
  /**
   * `subject` as notified (narrowed by the rule's figure filter; the net change of a held run);
   * `note` for the outbox row (null: no rule); `net` the held run it stands for, if any.
   */
  | { kind: 'send'; subject: DeliverySubject; fired: RuleFired | null; note: string | null; net: NetRun | null }
  | { kind: 'skip'; note: string }
  /** `sourceCheckedAt`: the source's last check; the delivery is looked at again after a later one. */
  | { kind: 'hold'; note: string; sourceCheckedAt: Date };

export async function decideDelivery(db: Db, d: ClaimedDelivery, loaded: DeliverySubject, applied: AppliedRule | null, now: Date): Promise<DeliveryDecision> {
  const prefix = applied?.origin === 'source' ? 'source rule: ' : '';
  const confirm = applied?.when.confirm ?? 1;
  let subject = loaded;
  let confirmed: string | null = null;
  let net: NetRun | null = null;
  if (subject.kind === 'change' && confirm > 1) {
    const state = await confirmationState(db, { changeId: d.refId, channel: d.channel, deliveryId: d.id });
    if (!state) return { kind: 'skip', note: 'the change no longer exists' };
    const c = confirmDecision(state, confirm, now);
    // Never checked (cannot be: a check stored it) is the epoch: any check after it re-examines the row.
    if (c.kind === 'hold') return { kind: 'hold', note: `${prefix}${c.note}`, sourceCheckedAt: state.lastCheckedAt ?? new Date(0) };
    if (c.kind === 'skip') return { kind: 'skip', note: `${prefix}${c.note}` };
    confirmed = c.note;
    const run = await heldRun(db, { changeId: d.refId, channel: d.channel, confirm });
    if (run.changeIds.length > 1 && run.baseVersionId !== null) {
      const toId = subject.report.row.toVersionId;
      const docs = await versionDocuments(db, [run.baseVersionId, toId]);
      const base = docs.get(run.baseVersionId);
      const to = docs.get(toId);
      if (!base || !to) return { kind: 'skip', note: 'the change no longer exists' };
      const n = netChangeOf(subject.report, base, to, run.changeIds);
      if (n.kind === 'none') return { kind: 'skip', note: `${prefix}${n.note}` };
      subject = { kind: 'change', report: n.report };
      net = n.run;
    }
  }

  const asked: RuleSubject = subject.kind === 'change' ? { kind: 'change', change: subject.report.row.change } : { kind: 'event', event: subject.event.kind };
  const netNote = net ? `; ${describeNetRun(net)}` : '';
  // Run without a rule too: an empty change is never an alert.
  const m = matchRule(asked, applied?.when);
  if (!m.matched) return { kind: 'skip', note: `${prefix}${m.reason}${confirmed ? `; ${confirmed}` : ''}${netNote}` };
  if (!applied) return { kind: 'send', subject, fired: null, note: null, net: null };

  const note = `${describeMatch(applied.when, m)}${confirmed ? `; ${confirmed}` : ''}${netNote}`;
  const fired: RuleFired = { applied, events: m.events, figures: m.figures, note, net };
  const sent: DeliverySubject =
    subject.kind === 'change' ? { kind: 'change', report: { ...subject.report, row: { ...subject.report.row, change: m.change } } } : subject;
  return { kind: 'send', subject: sent, fired, note: `${prefix}${note}`, net };
}
