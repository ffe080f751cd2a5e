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
}

/** SQLSTATE of a unique-constraint violation. */
export const UNIQUE_VIOLATION = '23505';

export function findPgError(error: unknown): PgErrorInfo | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      const constraint = e.constraint_name ?? e.constraint;
      return { code: e.code, constraint: typeof constraint === 'string' ? constraint : null };
    }
    current = e.cause;
  }
  return null;
}
