import { describe, expect, it } from 'vitest';
import { HostLimiter } from '../../src/fetch/host-limiter.ts';

/** A limiter on fake monotonic time: `sleep` records the wait; time moves only by `advance`. */
function fakeTimeLimiter() {
  let now = 1000;
  const sleeps: number[] = [];
  const limiter = new HostLimiter({
    now: () => now,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { limiter, sleeps, advance: (ms: number) => (now += ms) };
}

/** Lets pending promise callbacks run. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('HostLimiter', () => {
  it('runs at most `concurrency` holders per host and hands slots over in arrival order', async () => {
    const { limiter } = fakeTimeLimiter();
    const limits = { concurrency: 2, minDelayMs: 0 };
    const order: string[] = [];
    const take = (name: string) => limiter.acquire('example.org', limits).then((release) => (order.push(name), release));

    const a = take('a');
    const b = take('b');
    const c = take('c');
    const d = take('d');
    await flush();
    expect(order).toEqual(['a', 'b']);
    expect(limiter.activeCount('example.org')).toBe(2);

    (await b)();
    await flush();
    expect(order).toEqual(['a', 'b', 'c']);
    expect(limiter.activeCount('example.org')).toBe(2);

    (await a)();
    await flush();
    expect(order).toEqual(['a', 'b', 'c', 'd']);

    (await c)();
    (await d)();
    expect(limiter.activeCount('example.org')).toBe(0);
  });

  it('keeps hosts independent', async () => {
    const { limiter } = fakeTimeLimiter();
    const limits = { concurrency: 1, minDelayMs: 0 };
    await limiter.acquire('a.example', limits);
    let second = false;
    void limiter.acquire('b.example', limits).then(() => (second = true));
    await flush();
    expect(second).toBe(true);
  });

  it('spaces request starts to one host by minDelayMs, even when they arrive together', async () => {
    const { limiter, sleeps } = fakeTimeLimiter();
    const limits = { concurrency: 5, minDelayMs: 100 };
    await Promise.all([1, 2, 3].map(() => limiter.acquire('example.org', limits)));
    expect(sleeps).toEqual([100, 200]);
  });

  it('does not wait once the spacing has already elapsed', async () => {
    const { limiter, sleeps, advance } = fakeTimeLimiter();
    const limits = { concurrency: 1, minDelayMs: 100 };
    (await limiter.acquire('example.org', limits))();
    advance(60);
    (await limiter.acquire('example.org', limits))();
    advance(150);
    (await limiter.acquire('example.org', limits))();
    expect(sleeps).toEqual([40]);
  });

  it('ignores a second release of the same slot', async () => {
    const { limiter } = fakeTimeLimiter();
    const limits = { concurrency: 1, minDelayMs: 0 };
    const release = await limiter.acquire('example.org', limits);
    const other = limiter.acquire('example.org', limits);
    release();
    release();
    await other;
    expect(limiter.activeCount('example.org')).toBe(1);
  });
});
