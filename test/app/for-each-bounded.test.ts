import { describe, expect, it } from 'vitest';
import { forEachBounded } from '../../src/app/for-each-bounded.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('forEachBounded', () => {
  it('never runs more than the concurrency at once and visits every item once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick();
      seen.push(n);
      inFlight--;
    });
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('starts nothing after a failure, waits for the calls in flight, and throws the first error', async () => {
    const started: number[] = [];
    let finished = 0;
    const run = forEachBounded([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('two');
      await tick();
      finished++;
    });
    await expect(run).rejects.toThrow('two');
    expect(started).toEqual([1, 2]);
    expect(finished).toBe(1);
  });

  it('stops taking items when the signal aborts and resolves', async () => {
    const ac = new AbortController();
    const started: number[] = [];
    await forEachBounded([1, 2, 3, 4], 1, async (n) => {
      started.push(n);
      if (n === 2) ac.abort();
      await tick();
    }, ac.signal);
    expect(started).toEqual([1, 2]);
  });
});
