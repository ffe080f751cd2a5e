import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/app/errors.ts';
import { parseAt } from '../../src/cli/commands/history.ts';

/**
 * `--at` and `--since` as users type them (issue 17: "yesterday" was read as 1969-12-31 and
 * "1 mars 2018" was refused). A day without a time is the end of that day in UTC; relative days
 * are counted from "now" in the user's zone; anything not read whole is refused.
 */
const iso = (d: Date) => d.toISOString();
const NOW = new Date('2026-12-02T10:30:00Z');

describe('parseAt', () => {
  it('reads ISO dates strictly', () => {
    expect(iso(parseAt('2018-01-01'))).toBe('2018-01-01T23:59:59.999Z');
    expect(iso(parseAt('2018-01-01T12:00Z'))).toBe('2018-01-01T12:00:00.000Z');
    expect(() => parseAt('2017-02-30')).toThrow(UsageError);
  });

  it('reads English, French and German dates', () => {
    for (const text of ['1 March 2018', 'March 1, 2018', '1 mars 2018', '1er mars 2018', '1. März 2018', '1 März 2018']) {
      expect(iso(parseAt(text, NOW)), text).toBe('2018-03-01T23:59:59.999Z');
    }
  });

  it('reads relative days against now, in the user’s zone', () => {
    for (const text of ['yesterday', 'hier', 'gestern']) expect(iso(parseAt(text, NOW, 0)), text).toBe('2026-12-01T23:59:59.999Z');
    expect(iso(parseAt('today', NOW, 0))).toBe('2026-12-02T23:59:59.999Z');
    // 10:30 UTC is already 3 December at UTC+14 (Kiritimati) and still 1 December at UTC−11.
    expect(iso(parseAt('yesterday', NOW, 14 * 60))).toBe('2026-12-02T23:59:59.999Z');
    expect(iso(parseAt('today', NOW, -11 * 60))).toBe('2026-12-01T23:59:59.999Z');
    expect(iso(parseAt('yesterday 14:00', NOW, 60))).toBe('2026-12-01T13:00:00.000Z');
  });

  it('refuses what it cannot read whole', () => {
    for (const text of ['blah', '1 mars 2018 foo', 'next blursday', '']) {
      expect(() => parseAt(text, NOW), text).toThrow(/cannot read/);
    }
  });
});
