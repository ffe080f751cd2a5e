/**
 * What a change or a source event can be, in the words of an alert rule (`when.events` in the
 * configuration, docs/monitoring.md): one list, read by the config's validation, the rule
 * evaluation and the words a report uses for a rule.
 *
 * `first_capture` is not in issue 17's list: a first capture has no change to classify, and a
 * rule that names events must be able to say whether it wants one.
 */
export const ALERT_EVENTS = [
  'figure_changed',
  'figure_added',
  'figure_removed',
  'section_added',
  'section_removed',
  'section_renamed',
  'text_changed',
  'stamp_changed',
  'moved',
  'gone',
  'recovered',
  'first_capture',
] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** The events a figure filter narrows. */
export const FIGURE_EVENTS: readonly AlertEvent[] = ['figure_changed', 'figure_added', 'figure_removed'];

export function isAlertEvent(s: string): s is AlertEvent {
  return (ALERT_EVENTS as readonly string[]).includes(s);
}
