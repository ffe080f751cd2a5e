import { describe, expect, it } from 'vitest';
import { backoff } from '../../src/app/backoff.ts';
import { MAX_BACKOFF_MS } from '../../src/fetch/fetch-settings.ts';

const fetchRetry = { baseMs: 500, maxMs: MAX_BACKOFF_MS, jitter: 'equal' } as const;

describe('backoff', () => {
  it('equal jitter: doubles per attempt, between half and all of base·2^(attempt-1)', () => {
    expect([1, 2, 3, 4].map((attempt) => backoff({ attempt, ...fetchRetry, random: () => 0 }))).toEqual([250, 500, 1000, 2000]);
    expect([1, 2, 3, 4].map((attempt) => backoff({ attempt, ...fetchRetry, random: () => 1 }))).toEqual([500, 1000, 2000, 4000]);
    expect(backoff({ attempt: 3, ...fetchRetry, random: () => 0.5 })).toBe(1500);
  });

  it('is capped, however long the streak', () => {
    expect(backoff({ attempt: 30, ...fetchRetry, random: () => 1 })).toBe(MAX_BACKOFF_MS);
    expect(backoff({ attempt: 5000, ...fetchRetry, random: () => 1 })).toBe(MAX_BACKOFF_MS);
    expect(backoff({ attempt: 5000, baseMs: 0, maxMs: 1000, jitter: 'none' })).toBe(0);
  });

  it('without jitter: exactly the doubled delay, and never reads the random source', () => {
    const random = () => {
      throw new Error('no jitter was asked for');
    };
    expect([1, 2, 3, 7, 8, 50].map((attempt) => backoff({ attempt, baseMs: 60_000, maxMs: 3_600_000, jitter: 'none', random }))).toEqual([
      60_000, 120_000, 240_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
  });

  it('no failure yet, no wait', () => {
    expect(backoff({ attempt: 0, baseMs: 60_000, maxMs: 3_600_000, jitter: 'none' })).toBe(0);
    expect(backoff({ attempt: 0, ...fetchRetry, random: () => 1 })).toBe(0);
  });
});
