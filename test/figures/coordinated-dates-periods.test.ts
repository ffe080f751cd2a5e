/**
 * Issue 19: coordinated dates and ranges give two dates ("les 4 et 5 décembre 2014", "in July
 * and November 2017"), and a year before the figure it dates is its period ("Handelsvolumen 2018
 * von 30,3 Milliarden"). Every sentence is constructed for the rule it tests.
 */
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/extract/figures/index.ts';
import type { Figure } from '../../src/model/index.ts';

function figuresOf(text: string, language: string): Figure[] {
  return extractFigures([{ heading: 'S', level: 2, blocks: [text], text }], language);
}

const dates = (text: string, language: string) => figuresOf(text, language).filter((f) => f.kind === 'date').map((f) => [f.value, f.raw]);

describe('coordinated dates', () => {
  it.each([
    ['en', 'The ministers met on 3 and 4 June 2019 in Rome.', [['2019-06-03', '3'], ['2019-06-04', '4 June 2019']]],
    ['en', 'Elections were held in July and November 2017.', [['2017-07', 'July'], ['2017-11', 'November 2017']]],
    ['en', 'The fair ran from 9 to 12 March 2020.', [['2020-03-09', '9'], ['2020-03-12', '12 March 2020']]],
    ['fr', 'Le président s’est rendu à Hanoï les 4 et 5 décembre 2014.', [['2014-12-04', '4'], ['2014-12-05', '5 décembre 2014']]],
    ['fr', 'Le salon a eu lieu du 13 au 16 octobre 2018.', [['2018-10-13', '13'], ['2018-10-16', '16 octobre 2018']]],
    ['fr', 'Des combats ont eu lieu en juillet et décembre 2025.', [['2025-07', 'juillet'], ['2025-12', 'décembre 2025']]],
    ['de', 'Der Besuch fand am 15. und 16. April 2015 statt.', [['2015-04-15', '15.'], ['2015-04-16', '16. April 2015']]],
    ['de', 'Die Tagung dauerte vom 2. bis zum 4. Mai 2016.', [['2016-05-02', '2.'], ['2016-05-04', '4. Mai 2016']]],
    ['de', 'Wahlen fanden im Juli und November 2017 statt.', [['2017-07', 'Juli'], ['2017-11', 'November 2017']]],
  ])('%s "%s"', (language, text, expected) => {
    expect(dates(text, language)).toEqual(expected);
  });

  it('a range across months splits at its separator', () => {
    expect(dates('She visited from 28 January to 2 February 2021.', 'en')).toEqual([['2021-01-28', '28 January'], ['2021-02-02', '2 February 2021']]);
  });

  it('a pair of days never becomes two bare numbers, even in a label row', () => {
    expect(figuresOf('Visite : 6 to 8 May 2019', 'en').map((f) => f.kind)).toEqual(['date', 'date']);
    expect(figuresOf('Besuch: 6. und 8. Mai 2019', 'de').map((f) => f.kind)).toEqual(['date', 'date']);
  });

  it('does not pair numbers that are no days (negatives)', () => {
    expect(dates('Between 40 and 45 May delegates came.', 'en')).toEqual([]);
    expect(dates('Il a rencontré 3 et 4 ministres en mai.', 'fr')).toEqual([]);
  });
});

describe('a year before the figure it dates', () => {
  it.each([
    ['de', 'Das Handelsvolumen 2018 von 30,3 Milliarden Euro war ein Rekord.', '2018'],
    ['de', 'Die Ausfuhren beliefen sich im Jahre 2017 auf 2,1 Mrd. Euro.', '2017'],
    ['en', 'Trade in 2019 reached €4 billion.', '2019'],
    ['fr', 'Les échanges en 2019 ont atteint 1,2 Md€.', '2019'],
    ['fr', 'En 2019, les exportations ont atteint 1,2 Md€.', '2019'],
  ])('%s "%s"', (language, text, period) => {
    const figures = figuresOf(text, language);
    expect(figures.map((f) => [f.kind, f.period])).toEqual([['money', period]]);
  });

  it('a year that starts a span or stands in another clause stays a year (negatives)', () => {
    expect(figuresOf('Since 2001 France has given €3 million.', 'en').map((f) => [f.kind, f.period])).toEqual([['year', '2001'], ['money', null]]);
    expect(figuresOf('Depuis 2006, la France a versé 4 millions d’euros.', 'fr').map((f) => [f.kind, f.period])).toEqual([['year', '2006'], ['money', null]]);
    expect(figuresOf('Seit 2010 flossen 5 Mio. Euro.', 'de').map((f) => [f.kind, f.period])).toEqual([['year', '2010'], ['money', null]]);
    expect(figuresOf('The treaty of 1995 was signed; aid reached €2 million.', 'en').map((f) => [f.kind, f.period])).toEqual([['year', '1995'], ['money', null]]);
  });
});
