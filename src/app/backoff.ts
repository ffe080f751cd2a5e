/**
 * How long to wait before trying again after `attempt` consecutive failures. One formula for
 * every retry in factwatch — a fetch or an archive request, the next check of a failing source,
 * a notification delivery — so they cannot drift apart, and each caller states only its numbers.
 */
export interface BackoffOptions {
  /** The number of the attempt that just failed, from 1 (a failure streak); 0 or less: no wait. */
  attempt: number;
  /** The delay after the first failure; it doubles with each further one. */
  baseMs: number;
  /** The longest delay, however long the streak (jitter only shortens it). */
  maxMs: number;
  /**
   * `equal`: half the delay fixed, half random. The fixed half keeps a server or receiver that is
   * down from being hammered; the random half keeps many requests that failed together (one host
   * down, one pass) from all retrying at the same instant. `none`: exactly the doubled delay, for
   * a caller whose result must be deterministic — the scheduler snaps the wait to a slot of the
   * source's own schedule anyway, so jitter there would only be lost.
   */
  jitter: 'equal' | 'none';
  /** Uniform in [0, 1): injected so tests can pin the jitter (default `Math.random`). */
  random?: (() => number) | undefined;
}

/**
 * `min(maxMs, baseMs · 2^(attempt − 1))`, with jitter as asked, in whole milliseconds.
 * Pure apart from `random`. The exponent is bounded so that a streak of thousands gives `maxMs`
 * rather than `Infinity` (or `NaN` for a zero base); below 2^1023 the doubling is exact.
 */
export function backoff({ attempt, baseMs, maxMs, jitter, random = Math.random }: BackoffOptions): number {
  if (!(attempt >= 1)) return 0;
  const full = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, MAX_EXPONENT));
  if (jitter === 'none') return Math.round(full);
  return Math.round(full / 2 + (full / 2) * random());
}

/** 2^1023 is the largest finite power of two; a larger exponent would overflow to Infinity. */
const MAX_EXPONENT = 1023;
