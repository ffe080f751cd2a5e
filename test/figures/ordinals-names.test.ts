/**
 * Issue 19: ordinals written in words, fused or superscript, and the numbers that are part of a
 * name (centuries, "P5+1", "2+2"). Every sentence is constructed for the rule it tests.
 */
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/extract/figures/index.ts';
import type { Figure } from '../../src/model/index.ts';

function figuresOf(text: string, language: string): Figure[] {
  return extractFigures([{ heading: 'S', level: 2, blocks: [text], text }], language);
}

const ranks = (text: string, language: string) => figuresOf(text, language).filter((f) => f.kind === 'rank').map((f) => [f.value, f.raw]);

describe('ordinals as ranks', () => {
  it.each([
    ['en', 'The country conducted its third nuclear test in 2013.', 3, 'third nuclear test'],
    ['en', 'The city celebrated its sixtieth anniversary.', 60, 'sixtieth anniversary'],
    ['en', 'It hosted the twenty-first summit of the forum.', 21, 'twenty-first summit'],
    ['en', 'The 60ᵗʰ anniversary was marked in Paris.', 60, '60ᵗʰ anniversary'],
    ['en', 'France is ranking second among its suppliers.', 2, 'ranking second'],
    ['en', 'Spain is fourth in the world for tourism.', 4, 'fourth'],
    ['fr', 'Le huitième sommet s’est tenu à Rome.', 8, 'huitième sommet'],
    ['fr', 'Le soixantième anniversaire du traité a été célébré.', 60, 'soixantième anniversaire'],
    ['fr', 'Le pays est le 2ᵉ partenaire de la France.', 2, '2ᵉ partenaire'],
    ['fr', 'L’UE est le second contributeur du fonds.', 2, 'second contributeur'],
    ['de', 'Die Schweiz ist der zwölftgrößte Kunde Frankreichs.', 12, 'zwölftgrößte'],
    ['de', 'Österreich ist der 15.-größte Lieferant.', 15, '15.-größte'],
    ['de', 'Es war der dritte Staatsbesuch eines Präsidenten.', 3, 'dritte Staatsbesuch'],
    ['de', 'Der Besuch war der erste seit 1987.', 1, 'erste'],
    ['de', 'Die zwölfte Konferenz fand in Wien statt.', 12, 'zwölfte Konferenz'],
  ])('%s "%s"', (language, text, value, raw) => {
    expect(ranks(text, language)).toEqual([[value, raw]]);
  });

  it('does not read an ordinal word without a ranking word or ranked noun (negatives)', () => {
    expect(ranks('For the first time, the second delegation arrived.', 'en')).toEqual([]);
    expect(ranks('Le Premier ministre a reçu la seconde délégation.', 'fr')).toEqual([]);
    expect(ranks('Zum ersten Mal kam die dritte Delegation.', 'de')).toEqual([]);
    expect(ranks('He made his first visit to Accra.', 'en')).toEqual([]);
    // A compound takes a unit ordinal only.
    expect(ranks('the twenty-tenth summit', 'en')).toEqual([]);
  });
});

describe('numbers in names are not figures', () => {
  it.each([
    // A session's or a revision's number names the meeting or the text (the development
    // corpus's readers list none of them as figures).
    ['en', 'The second session of the political dialogue took place in Accra.'],
    ['en', 'It was amended by the 3rd revision of the agreement and the 12th session of the council.'],
    ['fr', 'La sixième session de la commission mixte a eu lieu ; la 4e session suivra.'],
    ['de', 'Die dritte Sitzung des Ausschusses und die 5. Tagung fanden in Graz statt.'],
    ['en', 'It is a 21st century challenge for the P5+1 and the 2+2 dialogue.'],
    ['en', 'The G20 and the EU+3 met in the 20th century.'],
    ['fr', 'Au 20e siècle, le format P5+1 a été créé.'],
    ['fr', 'Le dialogue 2+2 est né au XXIe siècle.'],
    ['de', 'Im 21. Jahrhundert begann der 2+2-Dialog der P5+1.'],
    // A file size in a link's text is chrome.
    ['en', 'Read the joint statement pdf - 120 KB [120 KB] and the annex (PDF, 2.4 MB).'],
    ['fr', 'Télécharger le communiqué (PDF, 1,2 Mo) et la note (85 Ko).'],
    ['de', 'Die Erklärung (PDF, 340 kB) steht zum Herunterladen bereit.'],
  ])('%s "%s"', (language, text) => {
    expect(figuresOf(text, language).map((f) => [f.kind, f.raw])).toEqual([]);
  });

  it('a rank right next to a name is still a rank', () => {
    expect(ranks('The 21st summit of the P5+1 countries.', 'en')).toEqual([[21, '21st summit']]);
  });
});
