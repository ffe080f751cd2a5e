/**
 * One retry loop for everything that tries again in process: the page fetcher, the archive
 * client, a query sent again after the embedded store changed owners, a process waiting for the
 * embedded store's owner to answer, an editor waiting for the configuration's lock. The loop is the part that must not differ — count the attempts, give up
 * with the judged error, wait, try again; what differs is stated by the caller: how to read what
 * was thrown, how long to wait (or not to), what to log. Waiting goes through the injected
 * `sleep`, so tests never wait out a backoff.
 */
export interface RetryOptions<E> {
  /** Attempts after the first one (0: try once). */
  retries: number;
  /** What was thrown, as the error the caller judges and, on giving up, throws. */
  classify: (thrown: unknown) => E;
  /**
   * The wait before the next attempt after `error` ended attempt number `attempt` (from 1), or
   * null to give up now. Asked only while retries remain, so a jittered delay draws its random
   * number only for a retry that happens.
   */
  delayFor: (error: E, attempt: number) => number | null;
  sleep: (ms: number) => Promise<void>;
  /** Told before each wait (to log it). */
  onRetry?: (error: E, attempt: number, delayMs: number) => void;
}

/** Runs `attempt` until it succeeds, `delayFor` says to give up, or the retries are spent. */
export async function retry<T, E>(attempt: () => Promise<T>, opts: RetryOptions<E>): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (thrown) {
      const error = opts.classify(thrown);
      const delayMs = n > opts.retries ? null : opts.delayFor(error, n);
      if (delayMs === null) throw error;
      opts.onRetry?.(error, n, delayMs);
      await opts.sleep(delayMs);
    }
  }
}
