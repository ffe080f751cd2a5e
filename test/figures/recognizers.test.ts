/**
 * Recognisers on sentences. Sentences quoted from the corpus cite their page; the others are
 * constructed to exercise one rule each and say so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/extract/figures/index.ts';
import { MAX_SENTENCE_CHARS, splitSentences } from '../../src/extract/figures/split-sentences.ts';
import type { Figure } from '../../src/model/index.ts';

const EN_PAGE = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/';

function figuresOf(text: string, language: string, referenceDate?: Date): Figure[] {
  return extractFigures([{ heading: 'Section', level: 2, blocks: [text], text }], language, referenceDate ? { referenceDate } : {});
}

function summary(figures: Figure[]): Array<[string, number | string, string | null, string]> {
  return figures.map((f) => [f.kind, f.value, f.unit, f.raw]);
}

describe('dates', () => {
  // From EN_PAGE, 26 October 2017.
  const sanctions = 'They were strengthened in May 2016, on 6 April and 16 October 2017 (sectoral sanctions and individual designations).';
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it(`keeps month precision and takes a missing year from the next date (${EN_PAGE})`, () => {
    const dates = figuresOf(sanctions, 'en').filter((f) => f.kind === 'date');
    expect(dates.map((f) => [f.value, f.raw])).toEqual([
      ['2016-05', 'May 2016'],
      ['2017-04-06', '6 April'],
      ['2017-10-16', '16 October 2017'],
    ]);
  });

  it('does not let a reference date override a neighbour, nor the machine time zone matter', () => {
    const withReference = figuresOf(sanctions, 'en', new Date(Date.UTC(2017, 9, 26)));
    process.env.TZ = 'Pacific/Kiritimati';
    const farEast = figuresOf(sanctions, 'en');
    process.env.TZ = 'Pacific/Pago_Pago';
    const farWest = figuresOf(sanctions, 'en');
    expect(withReference.map((f) => f.value)).toEqual(['2016-05', '2017-04-06', '2017-10-16']);
    expect(farEast).toEqual(withReference);
    expect(farWest).toEqual(withReference);
  });

  it('without a neighbour: the latest such day not after the reference date, else "--MM-DD"', () => {
    // Constructed.
    const text = 'The talks resumed on 6 April.';
    expect(figuresOf(text, 'en', new Date(Date.UTC(2017, 9, 26)))[0]?.value).toBe('2017-04-06');
    expect(figuresOf(text, 'en', new Date(Date.UTC(2017, 2, 1)))[0]?.value).toBe('2016-04-06');
    expect(figuresOf(text, 'en')[0]?.value).toBe('--04-06');
  });

  it('covers month + year where chrono misses it', () => {
    // Constructed: chrono.de finds nothing in "Stand: März 2011"; chrono.fr misses "en octobre 2009".
    expect(summary(figuresOf('Stand: März 2011', 'de'))).toEqual([['date', '2011-03', null, 'März 2011']]);
    expect(summary(figuresOf('La dernière visite a eu lieu en octobre 2009.', 'fr'))).toEqual([['date', '2009-10', null, 'octobre 2009']]);
  });

  it('ignores clock times and a month alone', () => {
    // Constructed.
    expect(figuresOf('The meeting starts at 10:30 in March.', 'en')).toEqual([]);
  });
});

describe('money', () => {
  it.each([
    ['en', 'Trade reached AUD70.9 billion.', 70_900_000_000, 'AUD', 'AUD70.9 billion'],
    ['en', 'It also provided some €300,000 in funds.', 300_000, 'EUR', 'some €300,000'],
    ['en', 'Aid stood at approximately €6 million a year.', 6_000_000, 'EUR', 'approximately €6 million'],
    ['fr', 'Les échanges atteignent 7 millions d’euros.', 7_000_000, 'EUR', '7 millions d’euros'],
    ['fr', 'PIB : 31.9 Mds $', 31_900_000_000, 'USD', '31.9 Mds $'],
    ['fr', 'Le budget est de 5 M€.', 5_000_000, 'EUR', '5 M€'],
    ['de', 'Der Handel erreichte 1,16 Mrd. Euro.', 1_160_000_000, 'EUR', '1,16 Mrd. Euro'],
    ['de', 'Die Hilfe betrug 2,5 Millionen Euro.', 2_500_000, 'EUR', '2,5 Millionen Euro'],
  ])('%s "%s"', (language, text, value, unit, raw) => {
    expect(summary(figuresOf(text, language).filter((f) => f.kind === 'money'))).toEqual([['money', value, unit, raw]]);
  });

  it('does not read the "$" that closes an amount as opening the next number', () => {
    // From the c2015 French fact sheet (see french-german.test.ts).
    const figures = figuresOf('Principaux partenaires commerciaux : Chine (6.5 Mds $ 2013, +10%).', 'fr');
    expect(figures.filter((f) => f.kind === 'money').map((f) => [f.value, f.period])).toEqual([[6_500_000_000, '2013']]);
  });
});

describe('percent', () => {
  it('keeps the printed magnitude and the direction apart', () => {
    // Constructed around the EN_PAGE phrase "down 3.3% versus 2015".
    const figures = figuresOf('Exports were down 3.3% versus 2015, imports up 1.2%, and the share is −0.5% of GDP.', 'en');
    expect(figures.map((f) => [f.value, f.direction, f.raw])).toEqual([
      [3.3, 'down', 'down 3.3%'],
      [1.2, 'up', 'up 1.2%'],
      [-0.5, 'down', '−0.5%'],
    ]);
  });

  it('gives a direction change the same key (the direction word is not in the key)', () => {
    const [down] = figuresOf('EU exports to North Korea fell, down 3.3% versus 2015.', 'en');
    const [up] = figuresOf('EU exports to North Korea fell, up 3.3% versus 2015.', 'en');
    expect(down?.key).toBe(up?.key);
    expect(down?.direction).toBe('down');
    expect(up?.direction).toBe('up');
  });

  it.each([
    ['fr', 'Dépenses militaires : comprises entre 16,9% et 23,1 % du PIB', [16.9, 23.1]],
    ['de', 'Der Anteil liegt bei 17 Prozent.', [17]],
    ['fr', 'Les exportations sont en baisse de 4,5 % par rapport à 2013.', [4.5]],
  ])('%s "%s"', (language, text, values) => {
    expect(figuresOf(text, language).filter((f) => f.kind === 'percent').map((f) => f.value)).toEqual(values);
  });
});

describe('ranks', () => {
  it.each([
    ['en', 'North Korea ranks 200 among France’s customers.', 200, 'ranks 200'],
    ['en', 'North Korea, France’s 153th ranking supplier, accounts for little.', 153, '153th ranking supplier'],
    ['en', 'China is the third-largest trading partner.', 3, 'third-largest'],
    ['en', 'It is the fourth largest investor.', 4, 'fourth largest'],
    ['en', 'He was the 20th President of the Republic.', 20, '20th President'],
    ['fr', 'La Corée du Nord est au 160ème rang.', 160, '160ème rang'],
    ['fr', 'Dépenses militaires (1er rang mondial)', 1, '1er rang mondial'],
    ['de', 'Frankreich ist der drittgrößte Handelspartner.', 3, 'drittgrößte'],
    ['de', 'Deutschland liegt auf Platz 3. Es folgt Italien.', 3, 'Platz 3'],
  ])('%s "%s"', (language, text, value, raw) => {
    expect(figuresOf(text, language).filter((f) => f.kind === 'rank').map((f) => [f.value, f.raw])).toEqual([[value, raw]]);
  });

  it('does not read titles or time spans as ranks', () => {
    expect(figuresOf('Premier ministre : Pak Pong-ju', 'fr')).toEqual([]);
    expect(figuresOf('Germany held the presidency for the first six months of 2017.', 'en').map((f) => f.kind)).toEqual(['year']);
  });
});

describe('counts', () => {
  it.each([
    ['en', 'France is conducting two cooperation programmes in North Korea:', 2, 'two cooperation programmes'],
    ['en', 'Seven of them have embassies in Pyongyang.', 7, 'Seven of them'],
    ['en', 'There are 3,513 French nationals registered.', 3513, '3,513 French nationals'],
    ['en', 'Fewer than ten French nationals live in North Korea.', 10, 'Fewer than ten French nationals'],
    ['fr', 'Trois grands secteurs orientent notre coopération.', 3, 'Trois grands secteurs'],
    ['fr', 'La stratégie compte cinq priorités.', 5, 'cinq priorités'],
    ['de', 'Eine Liste 15 prioritärer Vorhaben wurde erstellt.', 15, '15 prioritärer Vorhaben'],
  ])('%s "%s"', (language, text, value, raw) => {
    expect(figuresOf(text, language).filter((f) => f.kind === 'count').map((f) => [f.value, f.raw])).toEqual([[value, raw]]);
  });

  it('skips anaphoric number words and non-nouns', () => {
    expect(figuresOf('Relations between the two countries improved.', 'en')).toEqual([]);
    expect(figuresOf('Les relations entre les deux pays sont bonnes.', 'fr')).toEqual([]);
  });
});

describe('measures', () => {
  it.each([
    ['fr', 'Superficie : 120 500 km²', 120_500, 'km²'],
    ['fr', 'Espérance de vie : 70 ans', 70, 'years'],
    ['de', 'Die Fläche beträgt 357.000 km2.', 357_000, 'km²'],
    ['fr', 'Population : 25,3 millions (2014, Banque Mondiale)', 25_300_000, 'inhabitants'],
    ['en', 'North Korea has a population of about 25 million.', 25_000_000, 'inhabitants'],
    ['de', 'Einwohner: 83,2 Millionen', 83_200_000, 'inhabitants'],
  ])('%s "%s"', (language, text, value, unit) => {
    expect(figuresOf(text, language).filter((f) => f.kind === 'measure').map((f) => [f.value, f.unit])).toEqual([[value, unit]]);
  });
});

describe('numbers that are not figures', () => {
  it.each([
    ['fr', 'Contact : +33 1 43 17 53 53'],
    ['fr', 'Adresse : 37 quai d’Orsay, 75007 Paris'],
    ['de', 'Die Botschaft liegt am Pariser Platz 5 in Berlin.'],
    ['en', 'UN Resolution 2397 targets the G7 and Covid-19 responses of the A380 fleet.'],
    ['de', '2. Wirtschaftliche Beziehungen'],
  ])('%s "%s"', (language, text) => {
    expect(figuresOf(text, language)).toEqual([]);
  });
});

describe('periods and years', () => {
  it('ranges stay ranges; a year that is a period is no figure', () => {
    // From EN_PAGE.
    const figures = figuresOf('EU humanitarian aid totalled €135.3 million for 130 projects for the period 1995-2015.', 'en');
    expect(figures.map((f) => [f.kind, f.value, f.period])).toEqual([
      ['money', 135_300_000, '1995-2015'],
      ['count', 130, '1995-2015'],
    ]);
  });

  it('a year standing alone is a year figure; a range keeps its range', () => {
    const figures = figuresOf('The European Union has maintained diplomatic relations with North Korea since 2001, from 1998 to 2011 and (918-1392).', 'en');
    expect(figures.map((f) => [f.kind, f.value, f.period])).toEqual([
      ['year', 2001, '2001'],
      ['year', 1998, '1998-2011'],
      ['year', 918, '918-1392'],
    ]);
  });
});

describe('splitSentences', () => {
  it.each([
    ['en', 'Trade is limited (€8.2 million in 2016). There are no French companies.', 2],
    ['en', 'Mr. Smith met Dr. Jones. They agreed.', 2],
    ['de', 'Der am 22. Januar 1963 unterzeichnete Vertrag. Er gilt.', 2],
    ['de', 'Das Volumen betrug 1,16 Mrd. Euro im Jahr 2010.', 1],
    ['fr', 'Le PIB atteint 31.9 Mds $. La croissance est de 1%.', 2],
  ])('%s "%s" → %d', (language, text, count) => {
    const sentences = splitSentences(text, language);
    expect(sentences).toHaveLength(count);
    for (const s of sentences) expect(text.slice(s.start, s.start + s.text.length)).toBe(s.text);
  });
});

describe('splitSentences on a sentence no reader writes', () => {
  it('cuts a sentence longer than MAX_SENTENCE_CHARS into pieces at spaces, losing no word', () => {
    const text = 'Trade reached €1 million '.repeat(400) + 'in 2016.';
    const pieces = splitSentences(text, 'en');
    expect(pieces.length).toBeGreaterThan(text.length / MAX_SENTENCE_CHARS);
    for (const p of pieces) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text);
      // Cut between words: a space (or the block's end) on either side of every piece.
      expect(text[p.start - 1] ?? ' ').toBe(' ');
      expect(text[p.start + p.text.length] ?? ' ').toBe(' ');
    }
    expect(pieces.map((p) => p.text).join(' ')).toBe(text);
  });

  it('cuts a single word longer than the bound where it must', () => {
    const text = `Word ${'x'.repeat(2500)} end.`;
    const pieces = splitSentences(text, 'en');
    for (const p of pieces) expect(p.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(pieces.length).toBe(3);
    expect(pieces.map((p) => p.text).join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  });
});
