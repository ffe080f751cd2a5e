import { backoff } from '../app/backoff.ts';
import type { FetchError } from '../app/errors.ts';
import { MAX_BACKOFF_MS } from './fetch-settings.ts';

/**
 * When to try a failed request again and how long to wait, for both HTTP clients (the page
 * fetcher and the archive client). Pure functions: the client supplies the clock (for
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
 * The wait before repeating a request that failed with `error` on attempt number `attempt`, or
 * null when it must not be repeated in process: the failure is not retryable ("never", not "not
 * now"), or the server asked for a longer pause than `maxRetryAfterMs` — too long to hold a
 * worker, so the error goes back to the caller with its `retryAfterMs` for the scheduler. A
 * Retry-After within the cap is honoured as sent; without one, `backoff()` with equal jitter
 * from `baseMs`, capped at `MAX_BACKOFF_MS`.
 */
export function retryDelayFor(
  error: FetchError,
  attempt: number,
  opts: { baseMs: number; maxRetryAfterMs: number; random?: (() => number) | undefined },
): number | null {
  if (!error.retryable) return null;
  if (error.retryAfterMs !== null && error.retryAfterMs > opts.maxRetryAfterMs) return null;
  return error.retryAfterMs ?? backoff({ attempt, baseMs: opts.baseMs, maxMs: MAX_BACKOFF_MS, jitter: 'equal', random: opts.random });
}
