/**
 * The page decides an ambiguous French "300,000" (detect-notation.ts), and the gaps the first
 * version left: a year before its figure, a population's unit, a label row's name and source.
 * Sentences are constructed to exercise one rule each unless they name a source page.
 */
import { describe, expect, it } from 'vitest';
import { detectNotation } from '../../src/extract/figures/detect-notation.ts';
import { extractFigures } from '../../src/extract/figures/index.ts';
import type { Figure } from '../../src/model/index.ts';
import { buildSections, readCorpus } from './corpus-sections.ts';

function figuresOf(blocks: string[], language: string): Figure[] {
  return extractFigures([{ heading: 'Section', level: 2, blocks, text: blocks.join('\n\n') }], language);
}

function money(figures: Figure[]): Array<[number | string, string]> {
  return figures.filter((f) => f.kind === 'money').map((f) => [f.value, f.raw]);
}

describe('French "300,000": decided by the page, not the number', () => {
  it.each([
    // [page blocks, notation, value of "300,000 euros"]
    [['La France a versé 300,000 euros.'], 'fr', 300],
    [['La France a versé 300,000 euros.', 'La population est de 25,3 millions.'], 'fr', 300],
    [['La France a versé 300,000 euros.', 'Le PIB atteint 2.5 millions de dollars.'], 'fr-comma-groups', 300_000],
    [['La France a versé 300,000 euros.', 'Le budget est de 1,234,567 euros.'], 'fr-comma-groups', 300_000],
    // A decimal comma anywhere keeps the French reading, even beside English grouping.
    [['La France a versé 300,000 euros.', 'Le budget est de 1,234,567 euros.', 'Taux : 16,9%'], 'fr', 300],
  ] as const)('%j → %s', (blocks, notation, value) => {
    expect(detectNotation(blocks, 'fr')).toBe(notation);
    expect(money(figuresOf([...blocks], 'fr'))[0]).toEqual([value, '300,000 euros']);
  });

  it('reads English grouping with several groups on an English-notation French page', () => {
    const figures = figuresOf(['Le budget est de 1,234,567 euros.', 'Le PIB atteint 2.5 millions de dollars.'], 'fr');
    expect(money(figures)).toEqual([[1_234_567, '1,234,567 euros'], [2_500_000, '2.5 millions de dollars']]);
  });

  it('does not take dates or list commas as evidence', () => {
    expect(detectNotation(['Décédé le 08.07.1994.', 'Les points 1, 2 et 3.'], 'fr')).toBe('fr');
  });

  it('keeps the French reading on the real French pages (they write decimal commas)', () => {
    const sheet = buildSections(readCorpus('diplomatie/north-korea/fr_c2015_presentation_TRUNCATED.txt'), []);
    expect(detectNotation(sheet.flatMap((s) => s.blocks), 'fr')).toBe('fr');
  });

  it('leaves English and German pages in their own notation', () => {
    expect(detectNotation(['It cost 2.5 million and 300,000 more.'], 'en')).toBe('en');
    expect(detectNotation(['Es kostete 1.234 Euro und 2,5 Millionen.'], 'de')).toBe('de');
  });
});

describe('a year before its figures is their period', () => {
  it.each([
    ['en', 'In 2016, trade between France and North Korea was €8.2 million.', '2016'],
    ['fr', 'En 2010, les échanges commerciaux ont atteint 7 millions d’euros.', '2010'],
    ['de', 'Im Jahr 2020 betrug der Handel 1,16 Mrd. Euro.', '2020'],
  ])('%s "%s"', (language, text, period) => {
    const figures = figuresOf([text], language);
    expect(figures.map((f) => [f.kind, f.period])).toEqual([['money', period]]);
  });

  it('gives the year to every figure of the clause, not to a later year\u2019s figures', () => {
    const figures = figuresOf(['In 2016, exports were €2 million and imports €10 million; in 2017 they fell.'], 'en');
    expect(figures.map((f) => [f.raw, f.period])).toEqual([
      ['€2 million', '2016'],
      ['€10 million', '2016'],
      ['2017', '2017'],
    ]);
  });

  it('keeps a leading year with no figure after it as a year (from the seed page)', () => {
    // https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/
    const figures = figuresOf(['In 2006, the EU began implementing autonomous sanctions measures.'], 'en');
    expect(figures.map((f) => [f.kind, f.value])).toEqual([['year', 2006]]);
  });

  it('does not read "since 2001, …" as a period', () => {
    const figures = figuresOf(['Since 2001, the EU has given €135.3 million.'], 'en');
    expect(figures.find((f) => f.kind === 'money')?.period).toBeNull();
  });
});

describe('label rows: name and source', () => {
  it('names a figure by its label and reads the source from the parentheses after it', () => {
    const [figure] = figuresOf(['Population : 25,3 millions (2014, Banque Mondiale)'], 'fr');
    expect(figure).toMatchObject({ kind: 'measure', value: 25_300_000, unit: 'inhabitants', period: '2014', name: 'Population', source: 'Banque Mondiale' });
  });

  it('skips a qualifier for the source that follows it, and leaves prose figures without name', () => {
    const [row] = figuresOf(['PIB par habitant (2012) : 1800 dollars (PPA) (Banque de Corée du Sud)'], 'fr');
    expect(row).toMatchObject({ name: 'PIB par habitant', source: 'Banque de Corée du Sud', period: '2012' });
    const [prose] = figuresOf(['Trade is limited (€8.2 million in 2016).'], 'en');
    expect(prose?.name).toBeUndefined();
    expect(prose?.source).toBeUndefined();
  });
});
