import { html } from 'hono/html';
import type { CheckOutcome } from '../../model/index.ts';
import type { Html } from './layout.ts';

/** The outcomes that are no failure; typed, so a renamed outcome cannot silently turn red. */
const OK_OUTCOMES: ReadonlySet<string> = new Set<CheckOutcome>(['new', 'unchanged', 'not_modified', 'changed']);

/** A check outcome as a coloured badge; failures stand out. */
export function outcomeBadge(outcome: string | null): Html | string {
  if (outcome === null) return '—';
  return html`<span class="badge ${OK_OUTCOMES.has(outcome) ? 'outcome-ok' : 'outcome-bad'}">${outcome.replace('_', ' ')}</span>`;
}

/** A review state as a badge: new (to review), reviewed, dismissed. */
export function stateBadge(state: string): Html {
  return html`<span class="badge state-${state}" data-state="${state}">${state}</span>`;
}
