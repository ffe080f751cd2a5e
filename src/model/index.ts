/**
 * The domain's shapes and vocabularies, defined once: pages, sections, figures, changes, check
 * outcomes, profile names, source events. Every stage reads them from here, so none depends on another stage's
 * code for a type, and every list of names exists once, `as const`, with its union derived.
 */
export type { PageDocument, Section, TableCell } from './page-document.ts';
export {
  FIGURE_KINDS,
  type Figure,
  type FigureDirection,
  type FigureKind,
  type FigurePeriod,
  type FigureValue,
} from './figure.ts';
export { CHECK_OUTCOMES, type CheckOutcome } from './check-outcome.ts';
export { isProfileName, PROFILE_NAMES, type ProfileName } from './profile-names.ts';
export { CURRENCY_CODE, pageReading, type PageReading } from './page-reading.ts';
export { contentRules, hasContentRules, MAX_RULE_LENGTH, MAX_RULES_PER_LIST, type ContentRules } from './content-rules.ts';
export { SOURCE_EVENT_KINDS, type SourceEventKind } from './source-event.ts';
export { ALERT_EVENTS, FIGURE_EVENTS, isAlertEvent, type AlertEvent } from './alert-event.ts';
export type {
  BlockMove,
  Change,
  FigureChange,
  FigureChanges,
  FigureDelta,
  Hunk,
  SectionChange,
  SectionChanges,
  SectionRename,
  ValueChange,
} from './change.ts';
