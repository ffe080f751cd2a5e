/**
 * What happened to a source itself, besides its content changing: notified like a change. One
 * list: the store's check constraint, the scheduler's plan and the notifications read it.
 */
export const SOURCE_EVENT_KINDS = ['gone', 'recovered'] as const;
export type SourceEventKind = (typeof SOURCE_EVENT_KINDS)[number];
