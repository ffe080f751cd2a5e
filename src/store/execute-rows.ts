/**
 * Raw SQL through `db.execute` returns different shapes per driver — postgres.js an array of
 * rows, PGlite a `{ rows }` result — and the shared `Db` type cannot tell which. Any code that
 * runs raw SQL reads its rows through this, so it works on both backends.
 */
import type { SQL } from 'drizzle-orm';
import type { Db } from './db.ts';

export interface ExecuteOptions {
  /**
   * Run as a named statement that each connection prepares once and then reuses: one round trip
   * instead of two (drizzle sends every query unnamed, so postgres.js first asks the server to
   * describe it, then binds), and no new parse and analysis by the server. Only for a statement
   * whose text is one of a few fixed ones (its values are parameters): each distinct text stays
   * prepared on every connection. Ignored where the client prepares nothing (the embedded pool:
   * PGlite is one session for all its clients).
   */
  prepare?: boolean;
}

/** What `executeRows` needs of a drizzle database on postgres.js to run a statement itself. */
interface PostgresJsDb {
  $client: { unsafe(query: string, params: unknown[], options: { prepare: boolean }): Promise<unknown> };
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
}

function isPostgresJs(db: unknown): db is PostgresJsDb {
  const d = db as Partial<PostgresJsDb> | null;
  return typeof d?.$client?.unsafe === 'function' && typeof d.dialect?.sqlToQuery === 'function';
}

/** Runs a raw query and returns its rows, whichever driver is behind `db`. */
export async function executeRows<T extends Record<string, unknown>>(db: Pick<Db, 'execute'>, query: SQL, opts: ExecuteOptions = {}): Promise<T[]> {
  // The same call drizzle's `execute` makes (client.unsafe with the dialect's text and parameters), named.
  const result: unknown =
    opts.prepare === true && isPostgresJs(db)
      ? await (({ sql, params }) => db.$client.unsafe(sql, params, { prepare: true }))(db.dialect.sqlToQuery(query))
      : await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown } | null)?.rows;
  if (Array.isArray(rows)) return rows as T[];
  throw new TypeError('db.execute returned neither an array nor { rows }');
}
