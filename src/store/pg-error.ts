/**
 * Finds the PostgreSQL error inside whatever a query threw. drizzle wraps driver errors in a
 * `DrizzleQueryError` (the driver's error is its `cause`), and the two drivers name the violated
 * constraint differently (postgres.js `constraint_name`, PGlite `constraint`), so callers that
 * need to react to one SQLSTATE go through here instead of guessing the shape.
 */
export interface PgErrorInfo {
  /** SQLSTATE, e.g. "23505" for unique_violation. */
  code: string;
  constraint: string | null;
  /** The server's message alone (never the statement or its parameters). */
  message: string;
}

/** SQLSTATE of a unique-constraint violation. */
export const UNIQUE_VIOLATION = '23505';

export function findPgError(error: unknown): PgErrorInfo | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown; message?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      const constraint = e.constraint_name ?? e.constraint;
      return { code: e.code, constraint: typeof constraint === 'string' ? constraint : null, message: String(e.message ?? '').slice(0, 500) };
    }
    current = e.cause;
  }
  return null;
}

/**
 * A one-line description of a database failure that is safe to log, print or store: the SQLSTATE
 * and server message, or the driver's connection error code. drizzle's own message ("Failed
 * query: … params: …") is never used, because its parameters hold page bodies and documents.
 */
export function describeDatabaseError(error: unknown): string {
  const pg = findPgError(error);
  if (pg) return `SQLSTATE ${pg.code}: ${pg.message}`;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; cause?: unknown; message?: unknown; name?: unknown };
    if (e.name !== 'DrizzleQueryError' && typeof e.code === 'string') return `${e.code}${typeof e.message === 'string' ? `: ${e.message.slice(0, 300)}` : ''}`;
    current = e.cause;
  }
  const top = error as { name?: unknown; message?: unknown } | null;
  if (top && top.name !== 'DrizzleQueryError' && typeof top.message === 'string') return top.message.slice(0, 300);
  return 'database error';
}

/** Whether an error came from a database query (and so may carry its statement and parameters). */
export function isDatabaseError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const e = current as { name?: unknown; cause?: unknown; code?: unknown };
    if (e.name === 'DrizzleQueryError' || e.name === 'PostgresError') return true;
    if (typeof e.code === 'string' && /^(CONNECTION_|CONNECT_TIMEOUT|ECONNREFUSED|ECONNRESET|EPIPE)/.test(e.code)) return true;
    current = e.cause;
  }
  return false;
}

/** What to log for an error: a database error as its safe description, anything else as it is. */
export function loggable(error: unknown): unknown {
  return isDatabaseError(error) ? describeDatabaseError(error) : error;
}
