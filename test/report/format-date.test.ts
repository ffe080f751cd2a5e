import { describe, expect, it } from 'vitest';
import { formatCapturedAt, formatStamp } from '../../src/report/format-date.ts';

describe('formatStamp', () => {
  it.each([
    ['2017-07-05', '5 July 2017'],
    ['2017-10-26', '26 October 2017'],
    ['2020-05', 'May 2020'],
    ['2011', '2011'],
    [null, 'none'],
    ['2017-13', '2017-13'],
    ['soon', 'soon'],
  ])('%s → %s', (stamp, expected) => {
    expect(formatStamp(stamp)).toBe(expected);
  });
});

describe('formatCapturedAt', () => {
  it('shows UTC to the minute, whatever the host timezone', () => {
    expect(formatCapturedAt(new Date('2017-10-27T23:59:59+02:00'))).toBe('2017-10-27 21:59 UTC');
    expect(formatCapturedAt(null)).toBe('—');
  });
});
