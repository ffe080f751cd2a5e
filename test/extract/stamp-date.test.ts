import { describe, expect, it } from 'vitest';
import { numericDateOrder, parseStampDate } from '../../src/extract/stamp-date.ts';

describe('stamp dates', () => {
  it.each([
    ['26 October 2017', 'en', '2017-10-26'],
    ['July 22, 2024', 'en', '2024-07-22'],
    ['May 2020', 'en', '2020-05'],
    ['September 2016', 'de', '2016-09'],
    ['12 mars 2021', 'fr', '2021-03-12'],
    ['1er mars 2011', 'fr', '2011-03-01'],
    ['15. März 2011', 'de', '2011-03-15'],
    ['März 2011', 'de', '2011-03'],
  ])('%s (%s) → %s', (text, language, expected) => {
    expect(parseStampDate(text, language)).toBe(expected);
  });

  it('reads numeric dates day first on European pages, whatever chrono.en would say', () => {
    // chrono.en reads "11/05/2016" as 5 November.
    expect(parseStampDate('11/05/2016', 'en', 'dmy-or-mdy')).toBe('2016-05-11');
    expect(parseStampDate('11.07.1951', 'de', 'dmy')).toBe('1951-07-11');
    expect(parseStampDate('23/10/2017', 'fr', 'dmy')).toBe('2017-10-23');
    expect(parseStampDate('22.11.2019', 'de')).toBe('2019-11-22');
    expect(parseStampDate('05-03-2020', 'en', 'dmy-or-mdy')).toBe('2020-03-05');
  });

  it('reads month first only on a US page, or when day first is impossible on an English one', () => {
    expect(parseStampDate('07/05/2024', 'en', 'mdy')).toBe('2024-07-05');
    expect(parseStampDate('07/22/2024', 'en', 'mdy')).toBe('2024-07-22');
    expect(parseStampDate('10/23/2017', 'en', 'dmy-or-mdy')).toBe('2017-10-23');
    // French and German pages write day first, so a month-first date there is no date at all.
    expect(parseStampDate('10/23/2017', 'fr', 'dmy')).toBeNull();
    expect(parseStampDate('23/10/2017', 'en', 'mdy')).toBeNull();
  });

  it('reads a year-first date as year-month-day and never swaps it', () => {
    expect(parseStampDate('2016-05-11', 'fr', 'dmy')).toBe('2016-05-11');
    expect(parseStampDate('2016/05/11', 'en', 'mdy')).toBe('2016-05-11');
    expect(parseStampDate('2017-23-10', 'en', 'dmy-or-mdy')).toBeNull();
    expect(parseStampDate('2016-09', 'de')).toBe('2016-09');
    expect(parseStampDate('09/2016', 'fr')).toBe('2016-09');
  });

  it('keeps month precision and refuses guessed years, invalid days and two-digit years', () => {
    expect(parseStampDate('6 April', 'en')).toBeNull();
    expect(parseStampDate('31 février 2011', 'fr')).toBeNull();
    expect(parseStampDate('31.02.2011', 'de')).toBeNull();
    expect(parseStampDate('11/05/16', 'en', 'dmy-or-mdy')).toBeNull();
    expect(parseStampDate('11/05', 'en')).toBeNull();
  });

  it('knows a US page from its html lang or its host, and nothing else', () => {
    expect(numericDateOrder('en', 'en-US', null)).toBe('mdy');
    expect(numericDateOrder('en', null, 'https://www.state.gov/countries-areas/ghana/')).toBe('mdy');
    expect(numericDateOrder('en', null, 'https://travel.state.gov.')).toBe('mdy');
    expect(numericDateOrder('en', 'en', 'https://www.gov.uk/world/ghana')).toBe('dmy-or-mdy');
    expect(numericDateOrder('en', 'en-GB', 'https://eeas.europa.eu/delegations/ghana/1247/ghana-and-eu_en')).toBe('dmy-or-mdy');
    expect(numericDateOrder('en', null, 'https://example.org/?next=https://x.gov/')).toBe('dmy-or-mdy');
    expect(numericDateOrder('fr', 'fr-US', 'https://fr.usembassy.gov/')).toBe('dmy');
    expect(numericDateOrder('de', null, null)).toBe('dmy');
  });
});
