/** Number reading by language: the page's language decides the separators, never the number. */
import { describe, expect, it } from 'vitest';
import { readNumber, scaleNumber } from '../../src/extract/figures/read-number.ts';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

const TABLE: Array<[language: string, text: string, expected: number | null]> = [
  ['en', '8.2', 8.2],
  ['en', '300,000', 300_000],
  ['en', '3,513', 3513],
  ['en', '1,234,567.89', 1_234_567.89],
  ['en', '0.004', 0.004],
  ['en', '1,16', null], // not English notation
  ['en', '120 500', null],
  ['fr', '25,3', 25.3],
  ['fr', '120 500', 120_500],
  ['fr', `120${NBSP}500`, 120_500],
  ['fr', `1${NNBSP}234${NNBSP}567,5`, 1_234_567.5],
  ['fr', '31.9', 31.9], // the site's French pages write "31.9 Mds $"
  ['fr', '300,000', 300], // a French comma is a decimal mark: "300,000" is 300
  ['fr', '1,234', 1.234],
  ['de', '1.234', 1234],
  ['de', '1.234.567', 1_234_567],
  ['de', '1,16', 1.16],
  ['de', '1.234,5', 1234.5],
  ['de', `120${NBSP}500`, 120_500],
  ['de', '8.2', null], // a German dot groups thousands: "8.2" is no German number
  ['fr-FR', '16,9', 16.9],
  ['de-AT', '1.000', 1000],
  ['xx', '300,000', 300_000], // unknown languages read as English
  ['en', 'abc', null],
  ['en', '', null],
];

describe('readNumber', () => {
  it.each(TABLE)('%s "%s" → %s', (language, text, expected) => {
    expect(readNumber(text, language)).toBe(expected);
  });

  it('the same digits read differently by language', () => {
    expect(readNumber('1.234', 'de')).toBe(1234);
    expect(readNumber('1.234', 'en')).toBe(1.234);
    expect(readNumber('1,234', 'en')).toBe(1234);
    expect(readNumber('1,234', 'fr')).toBe(1.234);
  });
});

describe('scaleNumber', () => {
  it.each([
    [8.2, 1e6, 8_200_000],
    [135.3, 1e6, 135_300_000],
    [1.16, 1e9, 1_160_000_000],
    [0.1, 3, 0.3],
  ])('%d × %d = %d without floating-point noise', (value, factor, expected) => {
    expect(scaleNumber(value, factor)).toBe(expected);
  });
});
