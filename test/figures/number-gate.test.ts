/**
 * The orchestrator reads a sentence for figures only when it holds a digit, a number word or an
 * ordinal word of the vocabulary (src/extract/figures/index.ts, `numbersOf`), and without a
 * digit it runs only the rank and count recognisers. Two things make that safe, and both are
 * checked here: every recogniser finds nothing in a sentence that has neither (on every sentence
 * of the corpus), and the word-only figures are still found (constructed sentences, one rule
 * each).
 */
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../eval/corpus.ts';
import { extractFigures, splitSentences } from '../../src/extract/figures/index.ts';
import { recognizeCount } from '../../src/extract/figures/recognize-count.ts';
import { recognizeDates } from '../../src/extract/figures/recognize-dates.ts';
import { recognizeMeasure } from '../../src/extract/figures/recognize-measure.ts';
import { recognizeMoney } from '../../src/extract/figures/recognize-money.ts';
import { recognizePercent } from '../../src/extract/figures/recognize-percent.ts';
import { recognizeRank } from '../../src/extract/figures/recognize-rank.ts';
import { recognizeYears } from '../../src/extract/figures/recognize-years.ts';
import { COLLECTIVE_NUMBERS, NUMBER_WORDS, ORDINAL_WORDS, pickLanguage, REPETITION_WORDS } from '../../src/model/figure-vocabulary.ts';

/** The words of `table` as a lower-case substring test, the gate's own rule written again. */
function holdsWordOf(sentence: string, table: Record<string, number>): boolean {
  const lower = sentence.toLowerCase().replace(/\u00A0/g, ' ');
  return Object.keys(table).some((word) => lower.includes(word.toLowerCase()));
}

describe('the number gate', () => {
  const sentences = readCorpus().flatMap((series) =>
    series.revisions.flatMap((rev) =>
      rev.text
        .split(/\n/)
        .map((line) => line.replace(/^[#\-•*|\s]+/, '').trim())
        .filter((line) => line !== '')
        .flatMap((line) => splitSentences(line, series.language).map((s) => ({ text: s.text, language: series.language }))),
    ),
  );

  it('lets through every sentence in which any recogniser finds something (every sentence of the corpus)', () => {
    expect(sentences.length).toBeGreaterThan(500);
    const leaks: string[] = [];
    let withoutDigits = 0;
    for (const { text, language } of sentences) {
      const found = [
        ...recognizeDates(text, language, new Date(Date.UTC(2020, 0, 1))),
        ...recognizeMoney(text, language),
        ...recognizePercent(text, language),
        ...recognizeMeasure(text, language, true),
        ...recognizeRank(text, language),
        ...recognizeYears(text, language),
        ...recognizeCount(text, language),
      ];
      if (/\d/.test(text)) continue;
      withoutDigits++;
      const lang = pickLanguage(language);
      const ordinal = holdsWordOf(text, ORDINAL_WORDS[lang]);
      const numberWord = holdsWordOf(text, { ...NUMBER_WORDS[lang], ...COLLECTIVE_NUMBERS[lang], ...REPETITION_WORDS[lang] });
      // Without a digit only ranks (ordinal words, or a number word of a top group: "among the
      // three leading") and counts or word measures (number and repetition words) exist; a date
      // needs a year stated before it, which this test gives none.
      for (const c of found) {
        const allowed = (c.kind === 'rank' && (ordinal || numberWord)) || ((c.kind === 'count' || c.kind === 'measure') && numberWord);
        if (!allowed) leaks.push(`${c.kind} "${text.slice(c.start, c.end)}" in: ${text}`);
      }
    }
    expect(withoutDigits).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
  });

  it.each([
    ['en', 'France is the third-largest partner of the country.', 'rank', 3],
    ['en', 'Two French NGOs work there.', 'count', 2],
    ['fr', 'Une centaine de projets sont en cours.', 'count', 100],
    ['de', 'Frankreich ist der drittgrößte Handelspartner.', 'rank', 3],
    ['en', 'The programme lasted two\u00A0years.', 'measure', 2],
    ['en', 'The minister came to Lagos twice.', 'count', 2],
    ['fr', 'Le pays compte six consulats : cinq à Lyon, une à Nice.', 'count', 1],
    ['en', 'France is among the five leading investors in the country.', 'rank', 5],
    ['en', 'The office opened in 2014. A second one followed in June of the same year.', 'date', '2014-06'],
  ])('still reads a figure written in words only (%s: "%s")', (language, text, kind, value) => {
    const figures = extractFigures([{ heading: 'Section', level: 2, blocks: [text], text }], language);
    expect(figures.map((f) => [f.kind, f.value])).toContainEqual([kind, value]);
  });

  it('reads nothing from a sentence with no number in it', () => {
    const text = 'France does not have diplomatic relations with the DPRK.';
    expect(extractFigures([{ heading: 'Section', level: 2, blocks: [text], text }], 'en')).toEqual([]);
  });
});
