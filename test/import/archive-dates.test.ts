import { describe, expect, it } from 'vitest';
import { refuseCaptureDate } from '../../src/import/capture-date-window.ts';
import { parseCdxTimestamp, parseWarcDate, utcInstant } from '../../src/import/parse-archive-date.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('archive dates are read exactly', () => {
  it('keeps years below 100 as they are (no 1900/2000 guess)', () => {
    expect(iso(utcInstant(1, 2, 3, 4, 5, 6))).toBe('0001-02-03T04:05:06.000Z');
    expect(iso(utcInstant(99, 12, 31))).toBe('0099-12-31T00:00:00.000Z');
    expect(utcInstant(1, 2, 3)!.getUTCFullYear()).toBe(1);
    // The trap this avoids:
    expect(new Date(Date.UTC(1, 1, 3)).getUTCFullYear()).toBe(1901);
  });

  it('refuses calendar fields that name no instant', () => {
    for (const f of [
      [2017, 2, 29],
      [2017, 4, 31],
      [2017, 13, 1],
      [2017, 0, 1],
      [2017, 1, 0],
      [2017, 1, 1, 24],
      [2017, 1, 1, 23, 60],
      [2017, 1, 1, 23, 59, 60],
      [2017.5, 1, 1],
    ] as const) {
      expect(utcInstant(...(f as unknown as [number, number, number])), f.join('-')).toBeNull();
    }
    expect(iso(utcInstant(2016, 2, 29))).toBe('2016-02-29T00:00:00.000Z');
  });

  it('reads WARC-Date in the forms WARC writers use, the year 0001 included', () => {
    expect(iso(parseWarcDate('2017-03-06T04:02:06Z'))).toBe('2017-03-06T04:02:06.000Z');
    expect(iso(parseWarcDate('0001-02-03T04:05:06Z'))).toBe('0001-02-03T04:05:06.000Z');
    expect(parseWarcDate('0001-02-03T04:05:06Z')!.getUTCFullYear()).toBe(1);
    expect(iso(parseWarcDate('2017-03-06T04:02:06.123456789Z'))).toBe('2017-03-06T04:02:06.123Z');
    expect(iso(parseWarcDate('2017-03-06T04:02:06.5Z'))).toBe('2017-03-06T04:02:06.500Z');
    expect(iso(parseWarcDate('2017-03-06T04:02Z'))).toBe('2017-03-06T04:02:00.000Z');
    expect(iso(parseWarcDate('2017-03-06'))).toBe('2017-03-06T00:00:00.000Z');
    expect(iso(parseWarcDate('2017-03-06T06:02:06+02:00'))).toBe('2017-03-06T04:02:06.000Z');
    expect(iso(parseWarcDate('0001-01-01T00:30:00-01:00'))).toBe('0001-01-01T01:30:00.000Z');
  });

  it('reads nothing else, where Date would guess (0001 → 2001, "0001-02-03 04:05:06Z" → 2 January 2003)', () => {
    expect(new Date('Sat, 03 Feb 0001 04:05:06 GMT').getUTCFullYear()).toBe(2001);
    for (const text of [
      'Sat, 03 Feb 0001 04:05:06 GMT',
      '0001-02-03 04:05:06Z',
      '1-2-3',
      '01-02-03T04:05:06Z',
      '2017-03-06T04:02:06',
      '2017-02-30T00:00:00Z',
      '2017-03-06T04:02:06+15:00',
      '20170306040206',
      '',
      null,
    ]) {
      expect(parseWarcDate(text), String(text)).toBeNull();
    }
  });

  it('reads CDX timestamps exactly, the year 0001 included', () => {
    expect(iso(parseCdxTimestamp('00010203040506'))).toBe('0001-02-03T04:05:06.000Z');
    expect(iso(parseCdxTimestamp('29991231235959'))).toBe('2999-12-31T23:59:59.000Z');
    expect(parseCdxTimestamp('20170230000000')).toBeNull();
  });
});

describe('which capture dates are believed', () => {
  const now = new Date('2025-01-01T00:00:00Z');
  it('refuses the future beyond a day of clock skew, and anything before 1990', () => {
    expect(refuseCaptureDate(new Date('2024-12-31T00:00:00Z'), now)).toBeNull();
    expect(refuseCaptureDate(new Date('2025-01-02T00:00:00Z'), now)).toBeNull();
    expect(refuseCaptureDate(new Date('2025-01-02T00:00:01Z'), now)).toMatch(/in the future/);
    expect(refuseCaptureDate(new Date('2999-12-31T23:59:59Z'), now)).toBe('dated 2999-12-31T23:59:59Z, in the future (now 2025-01-01T00:00:00Z)');
    expect(refuseCaptureDate(new Date('1990-01-01T00:00:00Z'), now)).toBeNull();
    expect(refuseCaptureDate(new Date('1989-12-31T23:59:59Z'), now)).toMatch(/before 1990/);
    expect(refuseCaptureDate(utcInstant(1, 1, 1)!, now)).toBe('dated 0001-01-01T00:00:00Z, before 1990: not a web capture');
  });
});
