/**
 * Politeness per host: a watcher that checks many pages of one site must not hammer it. At most
 * `concurrency` requests run at once per host, and request starts are spaced by at least
 * `minDelayMs`. In memory, per process: a fleet of workers shares nothing here, which is fine at
 * our scale (a few requests per host per pass).
 */
export interface HostLimits {
  concurrency: number;
  minDelayMs: number;
}

export interface HostLimiterDeps {
  /** Monotonic milliseconds (default `performance.now`). */
  now?: () => number;
  /** Waits the given time (default a real timer). */
  sleep?: (ms: number) => Promise<void>;
}

interface HostState {
  active: number;
  /** Callers waiting for a slot, first come first served; a released slot is handed over. */
  waiters: Array<() => void>;
  /** Earliest monotonic time the next request to this host may start. */
  nextStartAt: number;
}

/** Frees the slot taken by `acquire`; calling it twice is harmless. */
export type Release = () => void;

export class HostLimiter {
  readonly #hosts = new Map<string, HostState>();
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(deps: HostLimiterDeps = {}) {
    this.#now = deps.now ?? (() => performance.now());
    this.#sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Waits for a slot for `host` and for its start time, then returns the release function. The
   * slot is taken before the delay is waited out, so spacing and concurrency hold together.
   */
  async acquire(host: string, limits: HostLimits): Promise<Release> {
    const concurrency = Math.max(1, Math.floor(limits.concurrency));
    let state = this.#hosts.get(host);
    if (!state) {
      state = { active: 0, waiters: [], nextStartAt: -Infinity };
      this.#hosts.set(host, state);
    }
    if (state.active < concurrency) state.active += 1;
    else await new Promise<void>((resolve) => state.waiters.push(resolve)); // slot handed over by release

    const now = this.#now();
    const startAt = Math.max(now, state.nextStartAt);
    state.nextStartAt = startAt + Math.max(0, limits.minDelayMs);
    if (startAt > now) await this.#sleep(startAt - now);

    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#release(host, state);
    };
  }

  /** Requests running now for `host` (for tests and metrics). */
  activeCount(host: string): number {
    return this.#hosts.get(host)?.active ?? 0;
  }

  #release(host: string, state: HostState): void {
    const next = state.waiters.shift();
    if (next) {
      next(); // the slot passes to the next waiter; `active` stays the same
      return;
    }
    state.active -= 1;
    // Forget idle hosts once their spacing has elapsed, so the map does not grow without bound.
    if (state.active === 0 && state.nextStartAt <= this.#now()) this.#hosts.delete(host);
  }
}
