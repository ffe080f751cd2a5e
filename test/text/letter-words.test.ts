import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachLetterWord } from '../../src/text/letter-words.ts';

/** The regular expression `forEachLetterWord` replaces (figure-similarity.ts used it until issue 16). */
const reference = (text: string) => [...text.matchAll(/(?<![\p{L}\d])\p{L}[\p{L}’']*/gu)].map((m) => m[0]);
const words = (text: string) => {
  const out: string[] = [];
  forEachLetterWord(text, (w) => out.push(w));
  return out;
};

describe('forEachLetterWord', () => {
  it('reads words as the regular expression does', () => {
    for (const text of ['Bilateral trade: €8.2 million in 2016.', 'l’Etat d’euros, France’s', "2016er 1ab'cd x2y", 'Straße ÉCONOMIE Ωmega 𝒜bc', "'quoted' ’’a", '']) {
      expect(words(text), text).toEqual(reference(text));
    }
  });

  it('agrees with it on random text of letters, digits, apostrophes, accents, astral letters and marks', () => {
    const piece = fc.constantFrom('a', 'Z', 'é', 'ß', 'Ω', '𝒜', '𝟙', '1', '0', "'", '’', ' ', '-', '.', '\u0301', '\u00a0', 'ǅ', 'ª', '٣', '中', '\ud835', '\udc9c');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((p) => p.join('')), (text) => {
        expect(words(text)).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });
});
