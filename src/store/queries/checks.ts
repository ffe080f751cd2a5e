/**
 * Reading check records. They are written in one place only: run-length encoded in batches by the
 * settle (record-check-runs.ts), or with the version a check found, in that version's statement
 * (store-version.ts).
 */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { checks } from '../schema.ts';
import type { CheckRow } from '../types.ts';

export type { CheckRow, NewCheck } from '../types.ts';

/** The most recent checks of a source, newest first. */
export async function listChecks(db: Db, sourceId: string, limit: number): Promise<CheckRow[]> {
  return db
    .select()
    .from(checks)
    .where(eq(checks.sourceId, sourceId))
    .orderBy(desc(checks.checkedAt), desc(checks.id))
    .limit(limit);
}
