/**
 * Confirmation against flapping (`when.confirm: N`): a change is notified once N consecutive
 * checks saw its content — the check that stored it and N − 1 later ones that found the same.
 * Pure: the state read by `confirmationState` (src/store/queries/confirmations.ts) in, the
 * decision out.
 *
 * A page that alternates between two contents stores a version at every check, so no version is
 * ever seen twice and every change is superseded before it confirms: nothing is sent. A change
 * that confirms but whose content is what the channel was last told (A → B → A) is nothing new
 * for that reader, and is skipped too. What a confirmed change's alert describes — the net change
 * since the channel's baseline, over the held changes it supersedes — is net-change.ts.
 *
 * A hold must end: a change waits for later checks, so a source that is no longer checked
 * (disabled, or removed from the configuration of a `watch`, which disables it) can never confirm
 * it, and one whose checks keep failing may not for a long time. The first is skipped when it is
 * next looked at; anything held `MAX_HOLD_MS` after the change was stored is skipped as
 * unconfirmed. A change that did confirm is sent however late its sender comes.
 */
import type { ConfirmationState } from '../store/queries/confirmations.ts';

export type Confirmation = { kind: 'send' | 'hold' | 'skip'; note: string };

/** How long a change may wait for confirmation, from when it was stored: 30 days. */
export const MAX_HOLD_MS = 30 * 24 * 3_600_000;

export function confirmDecision(state: ConfirmationState, confirm: number, now: Date): Confirmation {
  const seen = `${state.agreeing} of ${confirm} checks agree`;
  if (state.agreeing >= confirm) {
    // Confirmed, even if superseded since: it held as long as the rule asked (a sender that ran late).
    if (state.notifiedHash !== null && state.notifiedHash === state.contentHash) {
      return { kind: 'skip', note: `confirmed, but back to the content this channel was last notified of (${seen})` };
    }
    return { kind: 'send', note: `confirmed by ${state.agreeing} consecutive checks` };
  }
  if (!state.isHead) return { kind: 'skip', note: `superseded before ${confirm} checks agreed (${seen})` };
  if (!state.sourceEnabled) return { kind: 'skip', note: `source no longer checked (disabled or removed from the configuration) before ${confirm} checks agreed (${seen})` };
  if (now.getTime() - state.detectedAt.getTime() >= MAX_HOLD_MS) {
    return { kind: 'skip', note: `not confirmed within ${MAX_HOLD_MS / 86_400_000} days of the change (${seen})` };
  }
  return { kind: 'hold', note: `held until ${confirm} checks agree (${seen})` };
}
