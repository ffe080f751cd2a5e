/**
 * The page's language from its text (issue 19): franc-min on a bounded sample of the content
 * text plus our number conventions, overruling a declaration only when conclusive.
 */
import { describe, expect, it } from 'vitest';
import { chooseLanguage, detectLanguage, detectTextLanguage, DECIDE_GAP, OVERRIDE_GAP, SAMPLE_CHARS } from '../../src/extract/detect-language.ts';
import { countLanguageCues } from '../../src/extract/language-cues.ts';
import { extractDocument } from '../../src/extract/index.ts';
import type { Figure } from '../../src/model/index.ts';

const DE =
  'Die Beziehungen zwischen Deutschland und Korea sind eng und vielfältig. Rund 40.000 Koreaner leben heute in Deutschland, viele von ihnen seit den sechziger Jahren. ' +
  'Am 11.07.1951 nahmen die beiden Staaten erste Kontakte auf; seitdem ist der Handel auf 30,3 Milliarden Euro gewachsen.';
const FR =
  'La France entretient avec le Maroc une relation étroite et ancienne. Environ 12 000 Français sont installés dans le pays, où les entreprises françaises sont présentes dans tous les secteurs. ' +
  'L’Agence française de développement y a engagé 1,7 Md€ depuis sa création, soit près de 17 % de ses engagements dans la région.';
const EN =
  'Canada and the Philippines have enjoyed close relations for more than seventy years. Bilateral trade reached $2.1 billion in 2023, and some 960,000 Canadians are of Filipino descent. ' +
  'The two countries work together on trade, security and development through the ASEAN partnership.';

const page = (body: string, lang: string | null) =>
  `<!doctype html><html${lang === null ? '' : ` lang="${lang}"`}><head><meta charset="utf-8"><title>Relations</title></head><body><main><h2>Relations bilatérales</h2><p>${body}</p></main></body></html>`;

/** The figure whose raw text holds `raw` (an approximation word before it is part of its raw: "Environ 12 000 Français"). */
function find(figures: Figure[], raw: string): Figure {
  const figure = figures.find((f) => f.raw.includes(raw));
  expect(figure, `no figure "${raw}" in ${figures.map((f) => `${f.kind}:${f.raw}`).join(' | ')}`).toBeDefined();
  return figure!;
}

describe('language from the text', () => {
  it.each([
    ['de', DE],
    ['fr', FR],
    ['en', EN],
  ])('reads a %s paragraph without lang', (language, text) => {
    const choice = chooseLanguage(null, [], [text]);
    expect(choice).toMatchObject({ language, by: 'text' });
    expect(choice.text!.gap).toBeGreaterThanOrEqual(OVERRIDE_GAP);
    expect(extractDocument(page(text, null), { extractFigures: false }).language).toBe(language);
  });

  it('overrules a wrong declaration when the text is conclusive: a French page declared lang="en"', () => {
    expect(chooseLanguage('en', [], [FR])).toMatchObject({ language: 'fr', by: 'text' });
    const doc = extractDocument(page(FR, 'en'), { url: 'https://mirror.example/en/maroc' });
    expect(doc.language).toBe('fr');
    expect(find(doc.figures, '12 000 Français')).toMatchObject({ kind: 'count', value: 12_000 });
    expect(find(doc.figures, '1,7 Md€')).toMatchObject({ kind: 'money', value: 1.7e9, unit: 'EUR' });
  });

  it('overrules a wrong URL segment the same way', () => {
    expect(chooseLanguage(null, ['https://archive.example/fr/korea'], [DE])).toMatchObject({ language: 'de', by: 'text' });
  });

  it('reads an undeclared German page the German way: "40.000 Koreaner", "11.07.1951"', () => {
    const doc = extractDocument(page(DE, null), {});
    expect(doc.language).toBe('de');
    expect(doc.figures.find((f) => f.raw.includes('40.000 Koreaner'))).toMatchObject({ kind: 'count', value: 40_000 });
    expect(doc.figures.find((f) => f.kind === 'date' && f.raw.includes('11.07.1951'))).toMatchObject({ value: '1951-07-11' });
    expect(find(doc.figures, '30,3 Milliarden Euro')).toMatchObject({ kind: 'money', value: 30.3e9, unit: 'EUR' });
  });

  it('falls back to the declaration when the text is short or ambiguous', () => {
    // "12 000 Français" alone: franc guesses English; too little to overrule "fr" (or anything).
    for (const text of ['12 000 Français', 'Population : 25,3 millions', 'ASEAN, OTAN, G7', '']) {
      expect(chooseLanguage('fr', [], [text])).toMatchObject({ language: 'fr', by: 'declared' });
      expect(chooseLanguage('de', [], [text])).toMatchObject({ language: 'de', by: 'declared' });
    }
    // A sentence of one language is not enough to overrule another's declaration...
    const short = 'Le partenariat est ancien.';
    expect(detectTextLanguage([short])?.gap ?? 0).toBeLessThan(OVERRIDE_GAP);
    expect(chooseLanguage('en', [], [short]).language).toBe('en');
  });

  it('falls back to the URL, then English, when nothing conclusive is written', () => {
    expect(chooseLanguage(null, ['https://www.diplomatie.gouv.fr/de/x/'], ['2019: 12'])).toMatchObject({ language: 'de', by: 'url' });
    expect(chooseLanguage(null, [], ['2019: 12'])).toMatchObject({ language: 'en', by: 'default' });
    expect(chooseLanguage('und', [], ['2019: 12'])).toMatchObject({ language: 'en', by: 'default' });
    expect(detectLanguage(null, [])).toBe('en');
  });

  it('keeps a declared language it has no tables for', () => {
    expect(chooseLanguage('es', [], [FR])).toMatchObject({ language: 'es', by: 'declared' });
  });

  it('agrees with a right declaration', () => {
    expect(chooseLanguage('de-AT', [], [DE])).toMatchObject({ language: 'de', by: 'declared' });
  });

  it('reads a bounded sample whatever the page size', () => {
    const consumed: string[] = [];
    function* blocks() {
      for (let i = 0; i < 100_000; i++) {
        consumed.push(FR);
        yield FR;
      }
    }
    const verdict = detectTextLanguage(blocks());
    expect(verdict).toMatchObject({ language: 'fr' });
    expect(verdict!.read).toBeLessThanOrEqual(SAMPLE_CHARS);
    expect(consumed.length).toBe(Math.ceil(SAMPLE_CHARS / (FR.length + 1)));
    // A 10 MB block is sliced, not read.
    expect(detectTextLanguage([DE.repeat(30_000)])!.read).toBeLessThanOrEqual(SAMPLE_CHARS);
  });

  it('lets number conventions tip a text too short for the words alone', () => {
    // The same words with numbers every language writes alike are too little to decide; the
    // German dot groups, dotted date and decimal comma are enough.
    const plain = 'Ausfuhren nach Korea (Stand 2019): 40 Tonnen Stahl, 1 Stück, 2 Euro';
    const german = 'Ausfuhren nach Korea (Stand 11.07.2019): 40.000 Tonnen Stahl, 1.250.000 Stück, 2,5 Mrd. Euro';
    expect(detectTextLanguage([plain])!.gap).toBeLessThan(DECIDE_GAP);
    expect(chooseLanguage(null, [], [plain])).toMatchObject({ language: 'en', by: 'default' });
    expect(detectTextLanguage([german])!.gap).toBeGreaterThanOrEqual(DECIDE_GAP);
    expect(chooseLanguage(null, [], [german])).toMatchObject({ language: 'de', by: 'text' });
  });
});

describe('number conventions as evidence', () => {
  it.each([
    ['40.000 Koreaner', { de: 1 }],
    ['am 11.07.1951', { de: 1 }],
    ['30,3', { fr: 1, de: 1 }],
    ['12\u00A0000 habitants', { fr: 1 }],
    ['1 200 km²', { fr: 1 }],
    ['17 %', { fr: 1, de: 1 }],
    ['1,234,567', { en: 1 }],
    ['30 Milliarden', { de: 1 }],
    ['2 milliards', { fr: 1 }],
    ['10 octobre 2011', { fr: 1 }],
    ['March 2011', { en: 1 }],
    ['22. Januar 1963', { de: 1 }],
    ['6 April', { en: 1, de: 1 }],
  ])('%s', (text, expected) => {
    expect(countLanguageCues(text)).toEqual({ en: 0, fr: 0, de: 0, ...expected });
  });

  it('sees no convention in what every language writes', () => {
    expect(countLanguageCues('0.004% in 2016, 300 people, G7, Covid-19, 2015-2020')).toEqual({ en: 0, fr: 0, de: 0 });
  });

  it('counts a convention at most three times', () => {
    expect(countLanguageCues('1.000, 2.000, 3.000, 4.000, 5.000').de).toBe(3);
  });
});
