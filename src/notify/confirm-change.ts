/**
 * Confirmation against flapping (`when.confirm: N`): a change is notified once N consecutive
 * checks saw its content — the check that stored it and N − 1 later ones that found the same.
 * Pure: the state read by `confirmationState` (src/store/queries/confirmations.ts) in, the
 * decision out.
 *
 * A page that alternates between two contents stores a version at every check, so no version is
 * ever seen twice and every change is superseded before it confirms: nothing is sent. A change
 * that confirms but whose content is what the channel was last told (A → B → A) is nothing new
 * for that reader, and is skipped too.
 */
import type { ConfirmationState } from '../store/queries/confirmations.ts';

export type Confirmation = { kind: 'send' | 'hold' | 'skip'; note: string };

export function confirmDecision(state: ConfirmationState, confirm: number): Confirmation {
  const seen = `${state.agreeing} of ${confirm} checks agree`;
  if (state.agreeing >= confirm) {
    // Confirmed, even if superseded since: it held as long as the rule asked (a sender that ran late).
    if (state.notifiedHash !== null && state.notifiedHash === state.contentHash) {
      return { kind: 'skip', note: `confirmed, but back to the content this channel was last notified of (${seen})` };
    }
    return { kind: 'send', note: `confirmed by ${state.agreeing} consecutive checks` };
  }
  if (!state.isHead) return { kind: 'skip', note: `superseded before ${confirm} checks agreed (${seen})` };
  return { kind: 'hold', note: `held until ${confirm} checks agree (${seen})` };
}
