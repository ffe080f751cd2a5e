/**
 * Issue 19, second pass: forms of figures the development corpus showed missed or misread —
 * thousands written with a dot on a French page, ranges of percentages, a four-digit count of
 * people, a month in parentheses as a row's period, counts in a distribution ("quatre à
 * Paris, deux à …"). Every sentence here is constructed for the
 * rule it tests (none is quoted from the development corpus).
 */
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/extract/figures/index.ts';
import type { Figure } from '../../src/model/index.ts';

function figuresOf(text: string, language: string): Figure[] {
  return extractFigures([{ heading: 'S', level: 2, blocks: [text], text }], language);
}

function summary(figures: Figure[]): Array<[string, number | string, string | null, string]> {
  return figures.filter((f) => f.kind !== 'year').map((f) => [f.kind, f.value, f.unit, f.raw]);
}

describe('a dot before exactly three digits groups thousands on a French page', () => {
  it.each([
    ['Chaque été, la région accueille près de 180.000 touristes.', 'count', 180_000, null, 'près de 180.000 touristes'],
    ['La province compte 1.250.000 habitants.', 'measure', 1_250_000, 'inhabitants', '1.250.000 habitants'],
    ['Le PIB atteint 31.9 Mds $.', 'money', 31_900_000_000, 'USD', '31.9 Mds $'],
  ])('"%s"', (text, kind, value, unit, raw) => {
    expect(summary(figuresOf(text, 'fr'))).toEqual([[kind, value, unit, raw]]);
  });

  it('keeps a dot decimal on a French page written the English way', () => {
    // "2.5" and English grouping, no decimal comma: the page writes numbers the English way.
    const figures = figuresOf('Le pays a 1,234,567 habitants et un taux de 2.5 %, soit 3.125 %.', 'fr');
    expect(summary(figures)).toContainEqual(['percent', 3.125, '%', '3.125 %']);
  });
});

describe('a range of percentages gives both ends', () => {
  it.each([
    ['en', 'Renewables should supply 30-35% of demand.', [['percent', 30, '%', '30'], ['percent', 35, '%', '35%']]],
    ['fr', 'La santé reçoit 10–15 % du budget.', [['percent', 10, '%', '10'], ['percent', 15, '%', '15 %']]],
    ['de', 'Der Anteil liegt bei 20 - 25 Prozent.', [['percent', 20, '%', '20'], ['percent', 25, '%', '25 Prozent']]],
  ])('%s "%s"', (language, text, expected) => {
    expect(summary(figuresOf(text, language))).toEqual(expected);
  });

  it('reads no range from a year span or a falling pair', () => {
    expect(summary(figuresOf('Sur 2015-2018, 12 % des fonds.', 'fr'))).toEqual([['percent', 12, '%', '12 %']]);
    expect(summary(figuresOf('A drop of 50-20% makes no range.', 'en')).map((f) => f[1])).not.toContain(50);
  });

  it('keys the two ends apart', () => {
    const keys = figuresOf('Education takes 40-45% of the envelope.', 'en').map((f) => f.key);
    expect(new Set(keys).size).toBe(2);
  });
});

describe('a four-digit number before a noun of people is a count, not a year', () => {
  it.each([
    ['fr', 'Communauté belge au Chili : 1850 personnes', 'count', 1850, '1850 personnes'],
    ['de', 'Die Werke beschäftigen rund 1975 Mitarbeiter.', 'count', 1975, 'rund 1975 Mitarbeiter'],
    ['en', 'Last year the programme trained 2010 students.', 'count', 2010, '2010 students'],
  ])('%s "%s"', (language, text, kind, value, raw) => {
    expect(summary(figuresOf(text, language))).toEqual([[kind, value, null, raw]]);
  });

  it('keeps a year before any other word a year', () => {
    const figures = figuresOf('The 2016 elections were peaceful.', 'en');
    expect(figures.map((f) => [f.kind, f.value])).toEqual([['year', 2016]]);
  });

  it('keeps an English year after a determiner a year, even before people ("the 2019 students")', () => {
    const figures = figuresOf('Grants went to the 2019 students of the programme.', 'en');
    expect(figures.map((f) => [f.kind, f.value])).toEqual([['year', 2019]]);
  });
});

describe('a month in parentheses after a row\'s value is its period', () => {
  it('"label : value (mois année)"', () => {
    const figures = figuresOf('Ressortissants inscrits au Pérou : 3150 personnes (mars 2024)', 'fr');
    expect(figures.map((f) => [f.kind, f.value, f.period])).toEqual([['count', 3150, '2024-03']]);
  });

  it('in prose the month stays a date of its own', () => {
    const figures = figuresOf('Il y a eu deux visites officielles (mars 2024) à Lima.', 'fr');
    expect(figures.map((f) => [f.kind, f.value])).toEqual([['count', 2], ['date', '2024-03']]);
  });
});

describe('counts in a distribution: a number word and a place, the noun named before', () => {
  it.each([
    ['fr', 'Depuis 2012, cinq sommets ont eu lieu (trois à Bruxelles, deux à Tokyo).', [['count', 5, null, 'cinq sommets'], ['count', 3, null, 'trois à Bruxelles'], ['count', 2, null, 'deux à Tokyo']]],
    ['fr', 'Les ministres se sont vus trois fois : deux à Rome et une à Lisbonne.', [['count', 3, null, 'trois fois'], ['count', 2, null, 'deux à Rome'], ['count', 1, null, 'une à Lisbonne']]],
    ['en', 'Seven rounds of talks were held, four in Geneva and three in New York.', [['count', 7, null, 'Seven rounds'], ['count', 4, null, 'four in Geneva'], ['count', 3, null, 'three in New York']]],
    ['de', 'Es gab sechs Treffen, vier in Wien und zwei in Paris.', [['count', 6, null, 'sechs Treffen'], ['count', 4, null, 'vier in Wien'], ['count', 2, null, 'zwei in Paris']]],
  ])('%s "%s"', (language, text, expected) => {
    expect(summary(figuresOf(text, language))).toEqual(expected);
  });

  it('gives each share its place, and the total none', () => {
    const places = figuresOf('Seven rounds of talks were held, four in Geneva and three in New York.', 'en').map((f) => [f.raw, f.place]);
    expect(places).toEqual([['Seven rounds', undefined], ['four in Geneva', 'in Geneva'], ['three in New York', 'in New York']]);
  });

  it('reads no share outside a list of two or more', () => {
    expect(summary(figuresOf('Elle a passé une semaine à Paris et une à Rome.', 'fr'))).toEqual([]);
    expect(summary(figuresOf('Only one in Paris was opened.', 'en'))).toEqual([]);
    expect(summary(figuresOf('Il a habité deux ans à Paris.', 'fr'))).toEqual([['measure', 2, 'years', 'deux ans']]);
  });
});

describe('a minus glued to an amount makes it negative', () => {
  it.each([
    ['fr', 'Le solde commercial est passé à -450 M EUR en 2019.', -450_000_000, 'EUR', '-450 M EUR'],
    ['en', 'The balance stood at −2.5 billion euros (a deficit).', -2_500_000_000, 'EUR', '−2.5 billion euros'],
  ])('%s "%s"', (language, text, value, unit, raw) => {
    expect(summary(figuresOf(text, language))).toEqual([['money', value, unit, raw]]);
  });

  it('reads no sign from a span of years', () => {
    expect(summary(figuresOf('Sur 2012-300 M EUR.', 'fr')).map((f) => f[1])).not.toContain(-300_000_000);
  });
});

describe('a date without a year takes the year its block stated last', () => {
  it.each([
    ['de', 'Österreich war 2019 Gastland beim Fest am 3. Oktober in Berlin.', '2019-10-03', '3. Oktober'],
    ['en', 'In March 2018 the minister travelled to Accra. She met the President on 21 March.', '2018-03-21', '21 March'],
    ['fr', 'La commission s’est réunie en 2016 à Rabat. Sa session suivante a eu lieu le 9 novembre.', '2016-11-09', '9 novembre'],
  ])('%s "%s"', (language, text, value, raw) => {
    expect(figuresOf(text, language).filter((f) => f.kind === 'date').map((f) => [f.value, f.raw])).toContainEqual([value, raw]);
  });

  it('takes no year from a span, nor from another block', () => {
    const span = figuresOf('De 2014 à 2016, il a présidé le forum ; il l’a ouvert le 3 mai.', 'fr');
    expect(span.filter((f) => f.kind === 'date').map((f) => f.value)).toEqual(['--05-03']);
    const blocks = extractFigures([{ heading: 'S', level: 2, blocks: ['The office opened in 2012.', 'A reception is held on 14 July.'], text: '' }], 'en');
    expect(blocks.filter((f) => f.kind === 'date').map((f) => f.value)).toEqual(['--07-14']);
  });
});

describe('adverbs of repetition count events', () => {
  it.each([
    ['en', 'The minister went to Lagos twice in 2019.', [['count', 2, null, 'twice']]],
    ['en', 'The council has met thrice since its creation.', [['count', 3, null, 'thrice']]],
    ['de', 'Die Kommission tagte dreimal in Bern.', [['count', 3, null, 'dreimal']]],
  ])('%s "%s"', (language, text, expected) => {
    expect(summary(figuresOf(text, language))).toEqual(expected);
  });

  it('not before a comparison or a rate', () => {
    expect(summary(figuresOf('Exports are twice as high as imports.', 'en'))).toEqual([]);
    expect(summary(figuresOf('The committee meets twice a year.', 'en'))).toEqual([]);
    expect(summary(figuresOf('Der Handel ist zweimal so groß.', 'de'))).toEqual([]);
  });
});

describe('scales and units in words', () => {
  it.each([
    ['en', 'The park welcomed some 412-thousand visitors.', 'count', 412_000, null, 'some 412-thousand visitors'],
    ['en', 'The reserve covers about 12-thousand square kilometres.', 'measure', 12_000, 'km²', 'about 12-thousand square kilometres'],
    ['en', 'The island covers 2,512 square kilometres.', 'measure', 2512, 'km²', '2,512 square kilometres'],
    ['fr', 'Le parc s’étend sur 1 250 kilomètres carrés.', 'measure', 1250, 'km²', '1 250 kilomètres carrés'],
    ['de', 'Die Fläche beträgt 160 Quadratkilometer.', 'measure', 160, 'km²', '160 Quadratkilometer'],
  ])('%s "%s"', (language, text, kind, value, unit, raw) => {
    expect(summary(figuresOf(text, language))).toEqual([[kind, value, unit, raw]]);
  });

  it('reads no count from a hyphenated scale after an indefinite article ("a 5-million project")', () => {
    expect(summary(figuresOf('They signed a 20-million loan.', 'en'))).toEqual([]);
  });

  it('reads no count from a scale word cut off at the end of a truncated copy', () => {
    expect(summary(figuresOf('The region has a population of about 52 milli', 'en'))).toEqual([]);
    // A real noun in that place is still counted.
    expect(summary(figuresOf('The fund helped about 52 millers', 'en'))).toEqual([['count', 52, null, 'about 52 millers']]);
  });
});

describe('a place among the first N is a rank', () => {
  it.each([
    ['en', 'Japan is among the five largest investors in the region.', 5, 'five largest investors'],
    ['fr', 'L’Allemagne figure parmi les trois premiers clients du pays.', 3, 'trois premiers clients'],
    ['de', 'Italien gehört zu den sieben wichtigsten Lieferanten.', 7, 'sieben wichtigsten Lieferanten'],
  ])('%s "%s"', (language, text, value, raw) => {
    expect(summary(figuresOf(text, language))).toEqual([['rank', value, null, raw]]);
  });

  it('negated, the number is the size of the group: a count', () => {
    expect(summary(figuresOf('Canada is no longer among the ten largest buyers.', 'en'))).toEqual([['count', 10, null, 'ten largest buyers']]);
    expect(summary(figuresOf('Das Land zählt nicht mehr zu den fünf größten Kunden.', 'de'))).toEqual([['count', 5, null, 'fünf größten Kunden']]);
  });
});

describe('the length of a list a block opens with is no figure', () => {
  it('"Top 10 …:" at the start of a block', () => {
    expect(summary(figuresOf('Top 10 agricultural exports to Chile:', 'en'))).toEqual([]);
    // Elsewhere the number is read as before.
    expect(summary(figuresOf('The list names 10 agricultural exports.', 'en'))).toEqual([['count', 10, null, '10 agricultural exports']]);
  });
});

describe('an approximated number ending its clause counts what the clause named', () => {
  it.each([
    ['en', 'The number of French teachers in Ghana is about 450, a record.', 'count', 450, 'about 450'],
    ['fr', 'Le nombre de Belges inscrits est estimé à 12 000, selon le consulat.', 'count', 12_000, 'estimé à 12 000'],
    ['fr', 'Nos ressortissants au Népal (environ 320) vivent surtout à Katmandou.', 'count', 320, 'environ 320'],
    ['de', 'Die Zahl der Studierenden liegt bei rund 2500.', 'count', 2500, 'rund 2500'],
  ])('%s "%s"', (language, text, kind, value, raw) => {
    expect(summary(figuresOf(text, language))).toEqual([[kind, value, null, raw]]);
  });

  it('reads no number of a list as such a count ("about 5, 6 or 7 points")', () => {
    expect(summary(figuresOf('Tariffs fell by about 5, 6 or 7 points.', 'en')).map((f) => f[3])).not.toContain('about 5');
  });

  it('reads no bare number without an approximation, nor one the clause goes on after', () => {
    expect(summary(figuresOf('The number of teachers is 450, a record.', 'en'))).toEqual([]);
    expect(summary(figuresOf('About 450 were trained last year.', 'en'))).toEqual([]);
  });
});

describe('a month "of the same year" takes the year stated before it', () => {
  it.each([
    ['de', 'Der Minister kam im März 2016 nach Graz und im Oktober desselben Jahres nach Linz, dann im Mai 2017.', ['2016-03', '2016-10', '2017-05']],
    ['en', 'The embassy opened in 2012. The consulate followed in June of the same year.', ['2012-06']],
    ['fr', 'Il s’est rendu à Lima en avril 2018, puis en juillet de la même année.', ['2018-04', '2018-07']],
  ])('%s "%s"', (language, text, values) => {
    expect(figuresOf(text, language).filter((f) => f.kind === 'date').map((f) => f.value)).toEqual(values);
  });

  it('is no date when no year was stated before', () => {
    expect(figuresOf('Im Juni des gleichen Jahres folgte der Gegenbesuch.', 'de')).toEqual([]);
  });
});
