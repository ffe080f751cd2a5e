/**
 * French and German pages of the corpus. Every expected figure below was checked by reading the
 * text. Sources:
 * - fr_c2011_TRUNCATED.txt: http://www.diplomatie.gouv.fr/fr/spip.php?page=rubrique_imprim&id_rubrique=20508
 * - fr_c2015_presentation_TRUNCATED.txt: http://www.diplomatie.gouv.fr/fr/dossiers-pays/coree-du-nord/presentation-de-la-coree-du-nord/
 * - de_c2021_TRUNCATED.txt: https://www.diplomatie.gouv.fr/de/landerinformationen/europa/deutschland/frankreich-und-deutschland/
 */
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/extract/figures/index.ts';
import type { Figure } from '../../src/model/index.ts';
import { buildSections, readCorpus } from './corpus-sections.ts';

function find(figures: Figure[], raw: string): Figure {
  const figure = figures.find((f) => f.raw === raw);
  expect(figure, `no figure "${raw}" in ${figures.map((f) => f.raw).join(' | ')}`).toBeDefined();
  return figure!;
}

describe('French, c. 2011 (prose)', () => {
  const sections = buildSections(readCorpus('diplomatie/north-korea/fr_c2011_TRUNCATED.txt'), [
    'Relations politiques', 'Relations économiques', 'Coopération culturelle, scientifique et technique',
  ]);
  const figures = extractFigures(sections, 'fr');

  it('reads money in French notation with its period', () => {
    expect(find(figures, '7 millions d’euros')).toMatchObject({ kind: 'money', value: 7_000_000, unit: 'EUR', period: '2010', section: 'Relations économiques' });
    expect(find(figures, 'environ 400 millions d’euros')).toMatchObject({ kind: 'money', value: 400_000_000, unit: 'EUR' });
  });

  it('reads dates and counts written in words', () => {
    expect(find(figures, '10 octobre 2011')).toMatchObject({ kind: 'date', value: '2011-10-10' });
    expect(find(figures, 'Trois grands secteurs')).toMatchObject({ kind: 'count', value: 3 });
  });
});

describe('French, c. 2015 fact sheet ("label : value" rows)', () => {
  const sections = buildSections(readCorpus('diplomatie/north-korea/fr_c2015_presentation_TRUNCATED.txt'), [
    'Présentation de la Corée du Nord', 'Présentation', 'Données générales', 'Données géographiques',
    'Données démographiques', 'Données économiques',
  ]);
  const figures = extractFigures(sections, 'fr');

  it('reads measures with spaced thousands and decimal commas, the label in the key', () => {
    const area = find(figures, '120 500 km²');
    expect(area).toMatchObject({ kind: 'measure', value: 120_500, unit: 'km²' });
    expect(area.key).toContain('superficie');
    expect(find(figures, '25,3 millions')).toMatchObject({ kind: 'measure', value: 25_300_000, period: '2014' });
    expect(find(figures, '66 ans')).toMatchObject({ kind: 'measure', value: 66, unit: 'years' });
    expect(find(figures, '72 ans')).toMatchObject({ kind: 'measure', value: 72, period: '2012' });
  });

  it('reads percentages, ranks and money in several notations', () => {
    expect(find(figures, '16,9%')).toMatchObject({ kind: 'percent', value: 16.9, unit: '%', period: '2010' });
    expect(find(figures, '99 %')).toMatchObject({ kind: 'percent', value: 99, period: '2008' });
    expect(find(figures, '1er rang mondial')).toMatchObject({ kind: 'rank', value: 1 });
    expect(find(figures, '31.9 Mds $')).toMatchObject({ kind: 'money', value: 31_900_000_000, unit: 'USD', period: '2013' });
    expect(find(figures, '9,9 milliards dollars US')).toMatchObject({ kind: 'money', value: 9_900_000_000, unit: 'USD', period: '2014' });
    expect(find(figures, '+34,8%')).toMatchObject({ kind: 'percent', value: 34.8, direction: 'up' });
    expect(find(figures, '1800 dollars')).toMatchObject({ kind: 'money', value: 1800, unit: 'USD', period: '2012' });
  });

  it('reads numeric dates and leaves a yearless national day honest', () => {
    expect(find(figures, '08.07.1994')).toMatchObject({ kind: 'date', value: '1994-07-08' });
    expect(find(figures, '9 septembre')).toMatchObject({ kind: 'date', value: '--09-09' });
  });

  it('gives the rows distinct keys from their labels', () => {
    const keys = figures.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(find(figures, '1%')).toMatchObject({ kind: 'percent', value: 1, period: '2014' });
    expect(find(figures, '1%').key).toContain('taux-croissance');
    expect(find(figures, '99 %').key).toContain('taux-alphabetisation');
  });
});

describe('German, c. 2021', () => {
  const text = readCorpus('diplomatie/germany/de_c2021_TRUNCATED.txt');
  const figures = extractFigures(buildSections(text, ['1. Politische Beziehungen']), 'de');

  it('reads German dates through chrono and counts', () => {
    expect(find(figures, '22. Januar 1963')).toMatchObject({ kind: 'date', value: '1963-01-22', section: '1. Politische Beziehungen' });
    expect(find(figures, '16. Oktober 2019')).toMatchObject({ kind: 'date', value: '2019-10-16' });
    expect(find(figures, '15 prioritärer Vorhaben')).toMatchObject({ kind: 'count', value: 15 });
    expect(figures.filter((f) => f.raw === '31. Mai 2021' && f.value === '2021-05-31')).toHaveLength(2);
  });

  it('does not split sentences at German ordinals', () => {
    expect(find(figures, '22. Januar 1963').sentence).toMatch(/^Der am 22\. Januar 1963 vom damaligen Bundeskanzler/u);
  });

  it('takes no figure from a heading numbering, even when the heading reaches us as a block', () => {
    expect(figures.some((f) => f.value === 1)).toBe(false);
    const asBlocks = extractFigures(buildSections(text, []), 'de');
    expect(asBlocks.some((f) => f.sentence.startsWith('1. Politische'))).toBe(false);
    expect(asBlocks.map((f) => f.raw)).toEqual(figures.map((f) => f.raw));
  });
});
