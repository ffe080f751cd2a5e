/**
 * Raw SQL through `db.execute` returns different shapes per driver — postgres.js an array of
 * rows, PGlite a `{ rows }` result — and the shared `Db` type cannot tell which. Any code that
 * runs raw SQL reads its rows through this, so it works on both backends.
 */
import type { SQL } from 'drizzle-orm';
import type { Db } from './db.ts';

/** Runs a raw query and returns its rows, whichever driver is behind `db`. */
export async function executeRows<T extends Record<string, unknown>>(
  db: Pick<Db, 'execute'>,
  query: SQL,
): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown } | null)?.rows;
  if (Array.isArray(rows)) return rows as T[];
  throw new TypeError('db.execute returned neither an array nor { rows }');
}
