import { describe, expect, it } from 'vitest';
import { parseStamp, parseStampDate } from '../../src/extract/parse-stamp.ts';

describe('revision stamps', () => {
  it.each([
    ['Updated: 26 October 2017', 'en', '2017-10-26'],
    ['Updated: 5 July 2017', 'en', '2017-07-05'],
    ['Updated: May 2020', 'en', '2020-05'],
    ['Mis à jour le 12 mars 2011', 'fr', '2011-03-12'],
    ['Mis à jour le 1er mars 2011', 'fr', '2011-03-01'],
    ['Mis à jour le : mars 2011', 'fr', '2011-03'],
    ['Date de mise à jour le\u00a0: 15 septembre 2026', 'fr', '2026-09-15'],
    ['Stand: März 2011', 'de', '2011-03'],
    ['Stand: 15. März 2011', 'de', '2011-03-15'],
    ['Stand: 15.03.2011', 'de', '2011-03-15'],
  ])('%s (%s) → %s', (line, language, expected) => {
    expect(parseStamp(line, language)).toEqual({ updated: expected });
  });

  it('is not fooled by prose that starts like a stamp', () => {
    expect(parseStamp('Updated figures show that trade fell in May 2016.', 'en')).toEqual({ updated: null });
    expect(parseStamp('Trade between France and North Korea is virtually zero.', 'en')).toBeUndefined();
  });

  it('keeps month precision and refuses guessed years', () => {
    expect(parseStampDate('May 2016', 'en')).toBe('2016-05');
    expect(parseStampDate('6 April', 'en')).toBeNull();
    expect(parseStampDate('31 février 2011', 'fr')).toBeNull();
  });
});
