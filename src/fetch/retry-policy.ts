import { MAX_BACKOFF_MS } from './fetch-settings.ts';

/**
 * When to try again and how long to wait. Pure functions: the client supplies the clock (for
 * Retry-After dates) and the random source (for jitter), so tests can pin both.
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

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of
 * many sources that failed together spread out while none retries immediately. `attempt` is the
 * number of the attempt that just failed, from 1.
 */
export function computeBackoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exp = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}
