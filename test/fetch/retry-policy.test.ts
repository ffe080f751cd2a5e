import { describe, expect, it } from 'vitest';
import { isRetryableStatus, parseRetryAfter } from '../../src/fetch/retry-policy.ts';

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
