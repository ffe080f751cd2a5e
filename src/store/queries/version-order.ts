import { asc, desc, type SQL } from 'drizzle-orm';
import { versions } from '../schema.ts';

/**
 * The order that decides which version of a source is current: latest captured, ties broken by
 * seq. Every "latest" and "in force at" read uses it, and so does `storeVersion` when it links a
 * new change, so they can never disagree about which version a change starts from.
 */
export function newestFirst(): SQL[] {
  return [desc(versions.capturedAt), desc(versions.seq)];
}

/** The same order, oldest first: a source's history as it happened. */
export function oldestFirst(): SQL[] {
  return [asc(versions.capturedAt), asc(versions.seq)];
}
