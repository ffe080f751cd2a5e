import { describe, expect, it } from 'vitest';
import { labelFigure } from '../../src/describe/label-figure.ts';
import type { Figure } from '../../src/model/index.ts';
import { figure } from '../diff/make-document.ts';

/**
 * Issue 19, "Labels a reader can quote": a label is the noun phrase the number quantifies, in the
 * page's own words. The sentences are written for these tests (en / fr / de), one per class.
 */
const label = (kind: Figure['kind'], raw: string, sentence: string, extra: Partial<Figure> = {}) =>
  labelFigure(figure({ key: `${kind}/k`, kind, raw, sentence, ...extra }));

describe('the noun right after the number', () => {
  it.each([
    ['count', '289 résidents', 'La communauté compte 289 résidents inscrits au consulat.', 'résidents inscrits au consulat'],
    ['count', 'ca. 2.500 österreichischen Niederlassungen', 'Man zählt ca. 2.500 österreichischen Niederlassungen in Bayern.', 'österreichischen Niederlassungen in Bayern'],
    ['count', '130 projects', 'The fund has financed 130 projects in Ghana.', 'projects in Ghana'],
    ['count', 'more than 1.8 million Canadians', 'There are more than 1.8 million Canadians of Indian origin.', 'Canadians of Indian origin'],
    ['money', '3,9 Mds€', 'Le pays est un partenaire clé, avec 3,9 Mds€ d’échanges commerciaux en 2017.', 'échanges commerciaux'],
    ['percent', '3,1%', 'Die Schweiz steht für 3,1% der gesamten französischen Exporte.', 'gesamten französischen Exporte'],
    ['measure', 'over 75 years', 'Both countries share over 75 years of diplomatic relations.', 'diplomatic relations'],
  ] as const)('%s %s', (kind, raw, sentence, expected) => {
    expect(label(kind, raw, sentence)).toBe(expected);
  });
});

describe('the subject the figure is attached to', () => {
  it('through a verb: "Bilateral trade reached €8.2 million"', () => {
    expect(label('money', '€8.2 million', 'Bilateral trade reached €8.2 million in 2016.')).toBe('Bilateral trade');
  });
  it('when its own clause has none: "les échanges … pour atteindre 1,06 Md€"', () => {
    expect(label('money', '1,06 Md€', 'Les échanges ont continué de progresser en 2018 (+ 3 %) pour atteindre 1,06 Md€.')).toBe('échanges');
  });
  it('in German, where the noun phrase ends at a lower-case verb: "Anteil … lag bei 30 %"', () => {
    const s = 'Der Anteil Bayerns am deutschen Export, der insgesamt EUR 12 Mrd. betrug, lag bei 30 %.';
    expect(label('percent', '30 %', s)).toBe('Anteil Bayerns am deutschen Export');
  });
  it('a change says what rose or fell: "Exports fell by 3.3%"', () => {
    expect(label('percent', '3.3%', 'Exports fell by 3.3% in 2015.')).toBe('Exports');
  });
  it('a list of figures shares its subject, past the other figures', () => {
    const s = 'The volume of trade, after a rise in 2010 (+12.5%), fell in 2011 (+2.1%) and 2012 (€4.2 billion).';
    expect(label('money', '€4.2 billion', s)).toBe('volume of trade');
  });
});

describe('never a neighbour’s noun across a coordination', () => {
  const s = 'Japan is Australia’s fourth-largest trading partner and sixth-largest export market.';
  it('the rank after "and" is the export market', () => {
    expect(label('rank', 'sixth-largest', s)).toBe('export market');
  });
  it('the rank before "and" is the trading partner', () => {
    expect(label('rank', 'fourth-largest', s)).toBe('rank as Australia’s trading partner');
  });
  it('in French: "… et deuxième fournisseur"', () => {
    const fr = 'Le Japon est le troisième client de la France et deuxième fournisseur en Asie.';
    expect(label('rank', 'deuxième', fr)).toBe('fournisseur en Asie');
  });
  it('in German: "9. Kunde und 5. Lieferant"', () => {
    expect(label('rank', '5.', 'Im Jahr 2013 war die Schweiz Frankreichs 9. Kunde und 5. Lieferant.')).toBe('Lieferant');
  });
});

describe('never cut inside a number, never a number in a label', () => {
  it('a figure after a grouped number', () => {
    const s = 'Environ 12 000 Français sont établis au Japon, dont 40 % à Tokyo.';
    const got = label('percent', '40 %', s);
    expect(got).not.toMatch(/\d/u);
    expect(got).not.toMatch(/^000/u);
  });
  it('a date after another date names no date', () => {
    const s = 'Die Außenminister waren im März 2020 in Paris und am 24. August 2018 in Bern.';
    expect(label('date', '24. August 2018', s)).not.toMatch(/\d|März/u);
  });
});

describe('the page’s own words, never a key slug', () => {
  it('keeps accents and never reads the key', () => {
    const s = 'Le Secrétaire d’État aux affaires étrangères s’est rendu à Astana.';
    const got = labelFigure(figure({ key: 'date/secretaire-etat-affaires', kind: 'date', raw: 'Astana', sentence: 'nothing here' }));
    expect(got).toBe('date');
    expect(label('count', 'deux', s.replace('à Astana', 'deux fois à Astana'))).not.toBe('secretaire etat affaires');
  });
  it('never a bare function word: "bis zum", "belief sich", "pour atteindre"', () => {
    const s = 'Der Gesamtbestand der Direktinvestitionen belief sich zum 31.12.2014 auf EUR 40,5 Mrd.';
    expect(label('money', 'EUR 40,5 Mrd.', s)).toBe('Gesamtbestand der Direktinvestitionen');
  });
});

describe('the event a date dates', () => {
  it.each([
    ['date', 'avril 2019', 'La visite du ministre en avril 2019 a ouvert un nouveau chapitre.', 'visite du ministre'],
    ['date', '15. Mai 2019', 'Der Staatsbesuch am 15. Mai 2019 fand in Bern statt.', 'Staatsbesuch'],
    ['date', 'June 2018', 'The summit of June 2018 was held in Brussels.', 'summit'],
    ['date', '3 March 2017', 'On 3 March 2017, a visit to Lagos and Abuja began.', 'visit to Lagos'],
  ] as const)('%s %s', (kind, raw, sentence, expected) => {
    expect(label(kind, raw, sentence)).toBe(expected);
  });
});

describe('rows and honest fallbacks', () => {
  it('a fact-sheet row is named by its label', () => {
    const s = 'Communauté française : 289 résidents (2019) Consulat : Almaty';
    expect(label('count', '289 résidents', s, { name: 'Communauté française' })).toBe('Communauté française');
  });
  it('a table cell with no words says what it is, not the section', () => {
    expect(label('money', '€6.4 million', '€6.4 million', { section: 'Trade' })).toBe('amount');
    expect(label('date', '10 October 2011', '10 October 2011', { section: 'Visits' })).toBe('date');
  });
});
