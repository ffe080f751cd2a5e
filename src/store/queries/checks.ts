/** Check records: one narrow row per fetch attempt, written in batches. */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../open-database.ts';
import { checks } from '../schema.ts';
import type { CheckRow, NewCheck } from '../types.ts';

export type { CheckRow, NewCheck } from '../types.ts';

/** Rows per INSERT: 8 parameters a row keeps a batch under PostgreSQL's 65,535 limit. */
const CHECK_BATCH = 5000;

/**
 * Records many checks in one round trip (per 5,000). An unchanged pass over thousands of
 * sources must not pay one INSERT per page.
 */
export async function recordChecks(db: Db, batch: NewCheck[]): Promise<void> {
  if (batch.length === 0) return;
  const rows = batch.map(checkValues);
  if (rows.length <= CHECK_BATCH) {
    await db.insert(checks).values(rows);
    return;
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += CHECK_BATCH) {
      await tx.insert(checks).values(rows.slice(i, i + CHECK_BATCH));
    }
  });
}

/** The most recent checks of a source, newest first. */
export async function listChecks(db: Db, sourceId: string, limit: number): Promise<CheckRow[]> {
  return db
    .select()
    .from(checks)
    .where(eq(checks.sourceId, sourceId))
    .orderBy(desc(checks.checkedAt), desc(checks.id))
    .limit(limit);
}

/** A `NewCheck` as column values, optional fields defaulting to null. */
export function checkValues(c: NewCheck): typeof checks.$inferInsert {
  return {
    sourceId: c.sourceId,
    checkedAt: c.checkedAt,
    outcome: c.outcome,
    httpStatus: c.httpStatus ?? null,
    bytes: c.bytes ?? null,
    durationMs: c.durationMs ?? null,
    versionId: c.versionId ?? null,
    error: c.error ?? null,
    dueAt: c.dueAt ?? null,
  };
}
