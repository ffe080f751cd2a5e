/**
 * Whether to try again and how long the server asked us to wait. Pure functions: the client
 * supplies the clock (for Retry-After dates), so tests can pin it. The backoff itself, when the
 * server names no delay, is `backoff()` in `src/app/backoff.ts`.
 */

/** HTTP statuses worth repeating: the server said "not now", not "never". */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * Parses Retry-After: delay-seconds or an HTTP date (relative to `nowMs`, wall time from the
 * injected clock). Returns milliseconds ≥ 0, or null when absent or unparseable.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date always names its month; without this, V8's lenient Date.parse would read
  // "-5" or "1.5" as dates.
  if (!/[a-z]{3}/i.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}
