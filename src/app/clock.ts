/**
 * Time comes from here and nowhere else: stages take a `Clock` so tests and the demo can drive
 * time (step through revisions, expire leases) without sleeping or patching globals.
 */
export interface Clock {
  now(): Date;
}

/** The wall clock, for production. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: for tests and the demo's replay of past revisions. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | string | number) {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(to: Date | string | number): void {
    this.#ms = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}
