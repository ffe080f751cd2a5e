import { describe, expect, it } from 'vitest';
import { FetchError } from '../../src/app/errors.ts';
import { MAX_BACKOFF_MS } from '../../src/fetch/fetch-settings.ts';
import { isRetryableStatus, parseRetryAfter, retryDelayFor } from '../../src/fetch/retry-policy.ts';

describe('isRetryableStatus', () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [410, false],
    [301, false],
    [200, false],
  ])('%i → %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-03-01T12:00:00Z');
  it.each([
    ['1', 1000],
    ['0', 0],
    [' 120 ', 120_000],
    ['Fri, 01 Mar 2024 12:00:30 GMT', 30_000],
    ['Fri, 01 Mar 2024 11:00:00 GMT', 0], // in the past: retry now
    ['soon', null],
    ['-5', null],
    ['1.5', null],
    ['', null],
    [null, null],
  ])('%j → %j', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('retryDelayFor', () => {
  const opts = { baseMs: 500, maxRetryAfterMs: 60_000, random: () => 0 };
  const failure = (retryable: boolean, retryAfterMs: number | null = null) =>
    new FetchError('http_status', 'https://example.org/', 'HTTP 503', { status: 503, retryable, retryAfterMs });

  it('backs off with equal jitter from the base when the server names no delay, capped', () => {
    expect([1, 2, 3].map((attempt) => retryDelayFor(failure(true), attempt, opts))).toEqual([250, 500, 1000]);
    expect(retryDelayFor(failure(true), 30, { ...opts, random: () => 1 })).toBe(MAX_BACKOFF_MS);
  });

  it('honours a Retry-After up to the cap as sent, and gives up beyond it', () => {
    expect(retryDelayFor(failure(true, 45_000), 1, opts)).toBe(45_000);
    expect(retryDelayFor(failure(true, 60_000), 1, opts)).toBe(60_000);
    expect(retryDelayFor(failure(true, 60_001), 1, opts)).toBeNull();
  });

  it('never repeats what is not retryable', () => {
    expect(retryDelayFor(failure(false), 1, opts)).toBeNull();
  });
});
