import { describe, expect, it } from 'vitest';
import { parseStamp } from '../../src/extract/parse-stamp.ts';

const en = { language: 'en', order: 'dmy-or-mdy' } as const;
const us = { language: 'en', order: 'mdy' } as const;
const fr = { language: 'fr', order: 'dmy' } as const;
const de = { language: 'de', order: 'dmy' } as const;

describe('labelled revision stamps', () => {
  it.each([
    // France Diplomatie, as before.
    ['Updated: 26 October 2017', en, '2017-10-26'],
    ['Updated: 5 July 2017', en, '2017-07-05'],
    ['Updated: May 2020', en, '2020-05'],
    ['Mis à jour le 12 mars 2011', fr, '2011-03-12'],
    ['Mis à jour le 1er mars 2011', fr, '2011-03-01'],
    ['Mis à jour le : mars 2011', fr, '2011-03'],
    ['Date de mise à jour le\u00a0: 15 septembre 2026', fr, '2026-09-15'],
    // Other publishers.
    ['Last updated 22 July 2024', en, '2024-07-22'],
    ['Last updated: 22 July 2024', en, '2024-07-22'],
    ['Last updated on July 22, 2024', us, '2024-07-22'],
    ['Page last updated: 3 May 2019', en, '2019-05-03'],
    ['Updated 3 May 2019', en, '2019-05-03'],
    ['Last updated: 04/07/2024', us, '2024-04-07'],
    ['Last updated: 04/07/2024', en, '2024-07-04'],
    ['Dernière mise à jour le 12 mars 2021', fr, '2021-03-12'],
    ['Dernière mise à jour le 12 mars 2021 à 10h30', fr, '2021-03-12'],
    ['Dernière modification : 23/10/2017', fr, '2017-10-23'],
    ['Mise à jour : 05/03/2020', fr, '2020-03-05'],
    ['Stand: September 2016', de, '2016-09'],
    ['Stand: März 2011', de, '2011-03'],
    ['Stand: 15. März 2011', de, '2011-03-15'],
    ['Stand: 15.03.2011', de, '2011-03-15'],
    ['Stand 01.02.2020', de, '2020-02-01'],
    ['Aktualisiert am 3. März 2020', de, '2020-03-03'],
    ['Zuletzt aktualisiert: 11.07.2021, 10:00 Uhr', de, '2021-07-11'],
    ['Letzte Aktualisierung: 22.11.2019', de, '2019-11-22'],
  ])('%s → %s', (line, ctx, expected) => {
    expect(parseStamp(line, ctx)).toEqual({ updated: expected, labelled: true });
  });

  it('reads the date in the label’s language: a French stamp on an English page is day first', () => {
    // gh.ambafrance.org prints its stamp in French on English pages.
    expect(parseStamp('Dernière modification : 10/11/2017', us)).toEqual({ updated: '2017-11-10', labelled: true });
    expect(parseStamp('Stand: 04.07.2024', { language: 'en', order: 'mdy' })).toEqual({ updated: '2024-07-04', labelled: true });
  });

  it('keeps a stamp line whose date is missing when its label is unmistakable', () => {
    // diplomatie.belgium.be: the date did not survive in the stored copy.
    expect(parseStamp('Dernière mise à jour le', fr)).toEqual({ updated: null, labelled: true });
    expect(parseStamp('Last updated', en)).toEqual({ updated: null, labelled: true });
    expect(parseStamp('Zuletzt aktualisiert:', de)).toEqual({ updated: null, labelled: true });
    // A lone word is a heading or a button, not a stamp.
    expect(parseStamp('Updated', en)).toBeUndefined();
    expect(parseStamp('Stand', de)).toBeUndefined();
    expect(parseStamp('Mise à jour', fr)).toBeUndefined();
  });

  it.each([
    ['Updated figures show that trade fell in May 2016.', en],
    ['We updated our travel advice on 3 May 2019.', en],
    ['Updated our travel advice for Ghana', en],
    ['Updatedness: 3 May 2019', en],
    ['Last updated travel advice: see the FCDO page', en],
    ['Stand der Verhandlungen', de],
    ['Stand der Beziehungen: 2016 wurde ein Abkommen unterzeichnet.', de],
    ['Aktualisiert wurde das Abkommen am 3. März 2020.', de],
    ['Mis à jour le site présente les relations bilatérales', fr],
    ['La dernière mise à jour du traité date du 12 mars 2021.', fr],
    ['Dernière modification du traité : 23/10/2017', fr],
    ['Trade between France and North Korea is virtually zero.', en],
    ['Ghana gained its independence on 6 March 1957.', en],
  ])('is not fooled by prose: %s', (line, ctx) => {
    expect(parseStamp(line, ctx)).toBeUndefined();
    expect(parseStamp(line, ctx, { bare: true })).toBeUndefined();
  });

  it('refuses a long block that starts like a stamp', () => {
    expect(parseStamp(`Updated: 26 October 2017 ${'and more '.repeat(12)}`, en)).toBeUndefined();
  });
});

describe('bare date lines', () => {
  it.each([
    ['11/05/2016 - 17:24', en, '2016-05-11'],
    ['22.11.2019 - Artikel', de, '2019-11-22'],
    ['July 22, 2024', us, '2024-07-22'],
    ['22 July 2024', en, '2024-07-22'],
    ['12 mars 2021', fr, '2021-03-12'],
    ['05/03/2020', fr, '2020-03-05'],
  ])('%s → %s when the caller allows it', (line, ctx, expected) => {
    expect(parseStamp(line, ctx, { bare: true })).toEqual({ updated: expected, labelled: false });
    expect(parseStamp(line, ctx)).toBeUndefined();
  });

  it('is a date and nothing else', () => {
    expect(parseStamp('22.11.2019 - Artikel über die Wahlen', de, { bare: true })).toBeUndefined();
    expect(parseStamp('On 6 March 1957', en, { bare: true })).toBeUndefined();
    expect(parseStamp('1957', en, { bare: true })).toBeUndefined();
    expect(parseStamp('€135.3 million', en, { bare: true })).toBeUndefined();
  });
});
