import { describe, expect, it } from 'vitest';
import { retry } from '../../src/app/retry.ts';

class Judged extends Error {
  constructor(readonly from: unknown) {
    super(`judged: ${String(from)}`);
  }
}

/** An attempt that fails `failures` times (throwing "fail 1", "fail 2" …), then returns "ok". */
function flaky(failures: number) {
  let calls = 0;
  return {
    attempt: async () => {
      calls += 1;
      if (calls <= failures) throw `fail ${calls}`;
      return 'ok';
    },
    calls: () => calls,
  };
}

function recorder() {
  const slept: number[] = [];
  const retried: Array<[string, number, number]> = [];
  return {
    slept,
    retried,
    sleep: async (ms: number) => void slept.push(ms),
    onRetry: (error: Judged, attempt: number, delayMs: number) => void retried.push([String(error.from), attempt, delayMs]),
  };
}

describe('retry', () => {
  it('retries until the attempt succeeds, waiting what delayFor says and telling onRetry first', async () => {
    const f = flaky(2);
    const r = recorder();
    const delays: Array<[string, number]> = [];
    const result = await retry(f.attempt, {
      retries: 3,
      classify: (thrown) => new Judged(thrown),
      delayFor: (error, attempt) => (delays.push([String(error.from), attempt]), attempt * 100),
      sleep: r.sleep,
      onRetry: r.onRetry,
    });
    expect(result).toBe('ok');
    expect(f.calls()).toBe(3);
    expect(delays).toEqual([['fail 1', 1], ['fail 2', 2]]);
    expect(r.slept).toEqual([100, 200]);
    expect(r.retried).toEqual([['fail 1', 1, 100], ['fail 2', 2, 200]]);
  });

  it('throws the classified error once the retries are spent, without asking delayFor about the last failure', async () => {
    const f = flaky(10);
    const r = recorder();
    let asked = 0;
    const run = retry(f.attempt, { retries: 2, classify: (thrown) => new Judged(thrown), delayFor: () => (asked++, 5), sleep: r.sleep });
    await expect(run).rejects.toMatchObject({ from: 'fail 3' });
    await expect(run).rejects.toBeInstanceOf(Judged);
    expect(f.calls()).toBe(3);
    expect(asked).toBe(2);
    expect(r.slept).toEqual([5, 5]);
  });

  it('gives up at once when delayFor says null', async () => {
    const f = flaky(10);
    const r = recorder();
    const run = retry(f.attempt, { retries: 5, classify: (thrown) => new Judged(thrown), delayFor: (_, attempt) => (attempt === 2 ? null : 0), sleep: r.sleep });
    await expect(run).rejects.toMatchObject({ from: 'fail 2' });
    expect(f.calls()).toBe(2);
    expect(r.slept).toEqual([0]);
  });

  it('with no retries, tries once', async () => {
    const f = flaky(1);
    const r = recorder();
    await expect(retry(f.attempt, { retries: 0, classify: (thrown) => new Judged(thrown), delayFor: () => 1, sleep: r.sleep })).rejects.toMatchObject({ from: 'fail 1' });
    expect(f.calls()).toBe(1);
    expect(r.slept).toEqual([]);
  });
});
