/**
 * Issue 19: approximate figures ("more than 1.8 million Canadians", "près de 10 %", "rund
 * 36.000"), counts with a scale or a collective word, counts after an article, and currency —
 * the publisher's dollar, currency words, a currency carried along a list. Every sentence here
 * is constructed for the rule it tests (none is quoted from the development corpus).
 */
import { describe, expect, it } from 'vitest';
import { dollarCurrencyOf, extractFigures } from '../../src/extract/figures/index.ts';
import type { Figure } from '../../src/model/index.ts';

function figuresOf(text: string, language: string, dollarCurrency?: string): Figure[] {
  return extractFigures([{ heading: 'S', level: 2, blocks: [text], text }], language, dollarCurrency ? { dollarCurrency } : {});
}

function summary(figures: Figure[]): Array<[string, number | string, string | null, string]> {
  return figures.filter((f) => f.kind !== 'year').map((f) => [f.kind, f.value, f.unit, f.raw]);
}

describe('approximations are part of the figure', () => {
  it.each([
    ['en', 'Exports grew to more than 4.2 million tonnes.', 'measure', 4_200_000, 't', 'more than 4.2 million tonnes'],
    ['en', 'The fund reached close to €3 million.', 'money', 3_000_000, 'EUR', 'close to €3 million'],
    ['en', 'Nearly 12% of the budget went to schools.', 'percent', 12, '%', 'Nearly 12%'],
    ['fr', 'Le programme touche environ 2 000 agriculteurs.', 'count', 2000, null, 'environ 2 000 agriculteurs'],
    ['fr', 'Les ventes représentent près de 10 % du total.', 'percent', 10, '%', 'près de 10 %'],
    ['fr', 'Le projet coûte plus de 7 millions d’euros.', 'money', 7_000_000, 'EUR', 'plus de 7 millions d’euros'],
    ['de', 'Es pendeln rund 36.000 Menschen täglich.', 'count', 36_000, null, 'rund 36.000 Menschen täglich'],
    ['de', 'Der Anteil liegt bei über 40 Prozent.', 'percent', 40, '%', 'über 40 Prozent'],
    ['de', 'Der Anteil lag bei knapp über 30 %.', 'percent', 30, '%', 'knapp über 30 %'],
  ])('%s "%s"', (language, text, kind, value, unit, raw) => {
    expect(summary(figuresOf(text, language))).toEqual([[kind, value, unit, raw]]);
  });

  it('keeps the approximation out of the key: "près de 3 000" → "plus de 5 000" keeps its key', () => {
    const before = figuresOf('La communauté compte près de 3 000 étudiants.', 'fr');
    const after = figuresOf('La communauté compte plus de 5 000 étudiants.', 'fr');
    expect(before.map((f) => f.key)).toEqual(after.map((f) => f.key));
    const en = [figuresOf('About 40 projects were funded.', 'en'), figuresOf('Over 55 projects were funded.', 'en')];
    expect(en[0]!.map((f) => f.key)).toEqual(en[1]!.map((f) => f.key));
  });

  it('does not take a word that only looks like one (negatives)', () => {
    // "Gut" as an adjective before a noun, "over" as a preposition before a name, no number.
    expect(summary(figuresOf('The talks went over Christmas.', 'en'))).toEqual([]);
    // "plus" alone is no approximation; "de plus" is not "plus de".
    expect(summary(figuresOf('De plus, 12 % des élèves réussissent.', 'fr'))).toEqual([['percent', 12, '%', '12 %']]);
    // An approximation never reaches over the figure before it.
    expect(summary(figuresOf('Es waren 12 % und rund 15 % der Fälle.', 'de'))).toEqual([
      ['percent', 12, '%', '12 %'],
      ['percent', 15, '%', 'rund 15 %'],
    ]);
  });
});

describe('counts with a scale, a collective word or an article', () => {
  it.each([
    ['en', 'The country welcomed 1.8 million visitors.', 1_800_000, '1.8 million visitors'],
    ['en', 'The five permanent members met in New York.', 5, 'five permanent members'],
    ['fr', 'La diaspora compte 1,3 million de personnes.', 1_300_000, '1,3 million de personnes'],
    ['fr', 'Une centaine de projets ont été financés.', 100, 'Une centaine de projets'],
    ['fr', 'Les trois pays baltes ont signé.', 3, 'trois pays baltes'],
    ['de', 'Die vier Siegermächte unterzeichneten den Vertrag.', 4, 'vier Siegermächte unterzeichneten'],
    ['de', 'Dort leben 2,4 Millionen Menschen.', 2_400_000, '2,4 Millionen Menschen'],
  ])('%s "%s"', (language, text, value, raw) => {
    expect(summary(figuresOf(text, language))).toEqual([['count', value, null, raw]]);
  });

  it('a scaled number with no noun stays a measure; "the two countries" points back', () => {
    expect(summary(figuresOf('Its population is 25 million.', 'en'))).toEqual([['measure', 25_000_000, 'inhabitants', '25 million']]);
    expect(summary(figuresOf('Relations between the two countries are good.', 'en'))).toEqual([]);
    expect(summary(figuresOf('Die beiden Länder und die zwei Regierungen arbeiten zusammen.', 'de'))).toEqual([]);
    expect(summary(figuresOf('Il y a 3 de ces projets.', 'fr'))).toEqual([]);
  });
});

describe('currency', () => {
  it.each([
    ['https://www.international.gc.ca/country-pays/india-inde/relations.aspx', 'CAD'],
    ['https://www.canada.ca/en/news.html', 'CAD'],
    ['https://www.dfat.gov.au/geo/india', 'AUD'],
    ['https://www.mfat.govt.nz/en/countries', 'NZD'],
    ['https://www.eda.admin.ch/eda/en/home.html', 'CHF'],
    ['https://www.state.gov/countries/india', 'USD'],
    ['https://www.diplomatie.gouv.fr/en/country-files/', 'USD'],
    ['not a url', 'USD'],
  ])('a bare dollar on %s is %s', (url, currency) => {
    expect(dollarCurrencyOf(url)).toBe(currency);
  });

  it('reads a bare "$" or "dollars" as the publisher\'s dollar', () => {
    expect(summary(figuresOf('Trade reached $30.9 billion in 2024.', 'en', 'CAD'))).toEqual([['money', 30_900_000_000, 'CAD', '$30.9 billion']]);
    expect(summary(figuresOf('Le commerce a atteint 15 millions de dollars.', 'fr', 'CAD'))).toEqual([['money', 15_000_000, 'CAD', '15 millions de dollars']]);
    expect(summary(figuresOf('Der Handel erreichte 3 Mrd. Dollar.', 'de', 'AUD'))).toEqual([['money', 3_000_000_000, 'AUD', '3 Mrd. Dollar']]);
    // Without a clue, and whatever the page, a named dollar keeps its name.
    expect(summary(figuresOf('Trade reached $30.9 billion.', 'en'))).toEqual([['money', 30_900_000_000, 'USD', '$30.9 billion']]);
    expect(summary(figuresOf('Aid totalled US$4 million.', 'en', 'CAD'))).toEqual([['money', 4_000_000, 'USD', 'US$4 million']]);
  });

  it.each([
    ['fr', 'La contribution est de 12 millions de francs suisses.', 12_000_000, 'CHF'],
    ['fr', 'Les échanges atteignent 4,5 milliards de dollars australiens.', 4_500_000_000, 'AUD'],
    ['fr', 'Le fonds dispose de 300 millions de livres sterling.', 300_000_000, 'GBP'],
    ['fr', 'Le prêt est de 80 milliards de yens.', 80_000_000_000, 'JPY'],
    ['de', 'Der Handel betrug 5,8 Mrd. US-Dollar.', 5_800_000_000, 'USD'],
    ['de', 'Die Schweiz zahlt 45 Millionen Schweizer Franken.', 45_000_000, 'CHF'],
    ['en', 'The grant is worth 20 million Swiss francs.', 20_000_000, 'CHF'],
    ['en', 'Investment reached 2 billion Australian dollars.', 2_000_000_000, 'AUD'],
  ])('%s "%s"', (language, text, value, unit) => {
    expect(figuresOf(text, language).filter((f) => f.kind === 'money').map((f) => [f.value, f.unit])).toEqual([[value, unit]]);
  });

  it.each([
    ['fr', 'Les exportations sont passées de 0,6 Md EUR en 2015 à 1,7 Md en 2016, puis 1,9 Md EUR en 2017.', [600_000_000, 1_700_000_000, 1_900_000_000]],
    ['en', 'Exports rose from €2.1 billion to 2.6 billion.', [2_100_000_000, 2_600_000_000]],
    ['de', 'Die Ausfuhren stiegen von 4,2 Mrd. auf 5,1 Mrd. Euro.', [4_200_000_000, 5_100_000_000]],
  ])('carries a currency given once to its unit-less neighbours (%s)', (language, text, values) => {
    const money = figuresOf(text, language).filter((f) => f.kind === 'money');
    expect(money.map((f) => f.value)).toEqual(values);
    expect(new Set(money.map((f) => f.unit))).toEqual(new Set(['EUR']));
  });

  it('does not carry a currency to another sentence, or when the sentence names two', () => {
    expect(figuresOf('Exports reached €2 billion. Imports reached 3 billion.', 'en').map((f) => f.kind)).toEqual(['money', 'measure']);
    const mixed = figuresOf('Aid was €2 million and $3 million, and 4 million more.', 'en');
    expect(mixed.map((f) => [f.kind, f.unit])).toEqual([['money', 'EUR'], ['money', 'USD'], ['measure', null]]);
  });
});
