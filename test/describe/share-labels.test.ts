import { describe, expect, it } from 'vitest';
import { labelFigure } from '../../src/describe/label-figure.ts';
import { extractFigures } from '../../src/extract/figures/index.ts';
import { section } from '../diff/make-document.ts';

/**
 * Issue 19, "Labels a reader can quote": the shares of a whole printed in parentheses. The
 * figures are the extractor's (a range "45-50%" is two figures, "45" and "50%"); the sentences
 * are written for these tests (en / fr / de), one per class and language.
 */
const labelsOf = (lang: string, sentence: string) =>
  extractFigures([section('Relations', sentence)], lang)
    .filter((f) => f.kind !== 'year')
    .map((f) => [f.raw, labelFigure(f)]);

describe('a share of a distribution in a parenthesis after its total: what the total counts, and where', () => {
  it('fr: "six visites présidentielles bilatérales ont eu lieu (quatre à Paris, deux à Astana)"', () => {
    expect(labelsOf('fr', 'Depuis 2009, six visites présidentielles bilatérales ont eu lieu (quatre à Paris, deux à Astana), ainsi que des contacts.')).toEqual([
      ['six visites présidentielles', 'visites présidentielles bilatérales'],
      ['quatre à Paris', 'visites présidentielles bilatérales à Paris'],
      ['deux à Astana', 'visites présidentielles bilatérales à Astana'],
    ]);
  });
  it('fr: the last share of a list joined by "et"', () => {
    expect(labelsOf('fr', 'Depuis 2012, trois visites ministérielles ont eu lieu (deux à Paris et une à Hanoï).')).toEqual([
      ['trois visites ministérielles', 'visites ministérielles'],
      ['deux à Paris', 'visites ministérielles à Paris'],
      ['une à Hanoï', 'visites ministérielles à Hanoï'],
    ]);
  });
  it('en: "five ministerial visits (three in London, two in Rome)"', () => {
    expect(labelsOf('en', 'Since 2010 there have been five ministerial visits (three in London, two in Rome).')).toEqual([
      ['five ministerial visits', 'ministerial visits'],
      ['three in London', 'ministerial visits in London'],
      ['two in Rome', 'ministerial visits in Rome'],
    ]);
  });
  it('en: the total names what it counts without its verb', () => {
    expect(labelsOf('en', 'Since 2010, five ministerial visits have taken place (three in London, two in Rome).')).toEqual([
      ['five ministerial visits', 'ministerial visits'],
      ['three in London', 'ministerial visits in London'],
      ['two in Rome', 'ministerial visits in Rome'],
    ]);
  });
  it('de: "fünf Ministerbesuche (drei in Berlin, zwei in Wien) sowie …"', () => {
    expect(labelsOf('de', 'Seit 2010 gab es fünf Ministerbesuche (drei in Berlin, zwei in Wien) sowie viele Kontakte.')).toEqual([
      ['fünf Ministerbesuche', 'Ministerbesuche'],
      ['drei in Berlin', 'Ministerbesuche in Berlin'],
      ['zwei in Wien', 'Ministerbesuche in Wien'],
    ]);
  });
  it('de: the total’s noun phrase ends before its verb ("… Besuche der Minister stattgefunden (…)")', () => {
    expect(labelsOf('de', 'Seit 2010 haben fünf bilaterale Besuche der Minister stattgefunden (drei in Berlin, zwei in Wien).')).toEqual([
      ['drei in Berlin', 'bilaterale Besuche der Minister in Berlin'],
      ['zwei in Wien', 'bilaterale Besuche der Minister in Wien'],
    ]);
  });
});

describe('a share in a parenthesis after a noun phrase, "of the Y": the noun phrase, and what it is a share of', () => {
  it('fr: coordinated noun phrases are kept whole; both ends of a range get one label', () => {
    const s = "Les secteurs sont l'éducation (45-50% de l'enveloppe), l'agriculture (20% de l'enveloppe) ainsi que la gouvernance et les droits de l'Homme (5-10% de l'enveloppe).";
    expect(labelsOf('fr', s)).toEqual([
      ['45', "éducation (part de l'enveloppe)"],
      ['50%', "éducation (part de l'enveloppe)"],
      ['20%', "agriculture (part de l'enveloppe)"],
      ['5', "gouvernance et droits de l'Homme (part de l'enveloppe)"],
      ['10%', "gouvernance et droits de l'Homme (part de l'enveloppe)"],
    ]);
  });
  it('en: "health (30% of the budget) and to water and sanitation (10% of the budget)"', () => {
    expect(labelsOf('en', 'Funding goes to health (30% of the budget) and to water and sanitation (10% of the budget).')).toEqual([
      ['30%', 'health (share of the budget)'],
      ['10%', 'water and sanitation (share of the budget)'],
    ]);
  });
  it('de: "die Bildung (45-50 % des Budgets), die Landwirtschaft und die Ernährung (20 % des Budgets) sowie …"', () => {
    const s = 'Die Mittel gehen an die Bildung (45-50 % des Budgets), die Landwirtschaft und die Ernährung (20 % des Budgets) sowie die Gesundheit (5-10 % der Mittel).';
    expect(labelsOf('de', s)).toEqual([
      ['45', 'Bildung (Anteil des Budgets)'],
      ['50 %', 'Bildung (Anteil des Budgets)'],
      ['20 %', 'Landwirtschaft und Ernährung (Anteil des Budgets)'],
      ['5', 'Gesundheit (Anteil der Mittel)'],
      ['10 %', 'Gesundheit (Anteil der Mittel)'],
    ]);
  });
  it('a share printed twice in its sentence cannot say which noun phrase is its own: both ends name the whole only', () => {
    expect(labelsOf('fr', 'Les secteurs sont l’éducation (45-50% de l’enveloppe) et l’agriculture (45-50% de l’enveloppe).').map(([, l]) => l)).toEqual(
      Array(4).fill('l’enveloppe'),
    );
  });
  it('de: a parenthesis that goes on after the whole ("… der Lieferungen gingen dorthin") is no share label; both ends still share one', () => {
    expect(labelsOf('de', 'Wichtigster Absatzmarkt ist nach wie vor Bayern (40-45 % der Lieferungen gingen dorthin), gefolgt von Hessen.')).toEqual([
      ['40', 'Lieferungen'],
      ['45 %', 'Lieferungen'],
    ]);
  });
});
