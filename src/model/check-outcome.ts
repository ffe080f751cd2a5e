/**
 * What one check of a source can end in (docs/design.md, Data model). One list, so the check, the
 * store's `checks_outcome_check` constraint (built from it in src/store/schema.ts), the status
 * badges and the tests name the same outcomes.
 */
export const CHECK_OUTCOMES = [
  'new',
  'unchanged',
  'not_modified',
  'changed',
  'fetch_error',
  'extraction_failed',
  'gone',
  'blocked',
  /** The page was judged but could not be stored (the database refused it, or the head kept moving). */
  'store_failed',
] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];
