/**
 * Alignment of figures across revisions, on the page
 * https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/ :
 * - the real 5 July → 26 October 2017 pair (only a section added);
 * - a constructed revision (test/fixtures/figures/nk_en_trade-revised.txt) of the 26 October
 *   2017 text where only trade figures change, one of them in a reworded sentence.
 */
import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/diff-documents.ts';
import { documentOf, JULY_FILE, NORTH_KOREA_EN_HEADINGS, readCorpus, readFixture, SEED_FILE } from './corpus-sections.ts';

const october = documentOf(readCorpus(SEED_FILE), NORTH_KOREA_EN_HEADINGS, 'en', '2017-10-26');

describe('figure alignment across revisions', () => {
  it('5 July → 26 October 2017: one added section, its figures added, no figure changed or removed', () => {
    const july = documentOf(readCorpus(JULY_FILE), NORTH_KOREA_EN_HEADINGS, 'en', '2017-07-05');
    const change = diffDocuments(july, october);
    expect(change.sections.added).toEqual(['Relations with the European Union']);
    expect(change.sections.removed).toEqual([]);
    expect(change.figures.changed).toEqual([]);
    expect(change.figures.removed).toEqual([]);
    expect(change.figures.added.length).toBeGreaterThan(5);
    for (const figure of change.figures.added) expect(figure.section).toBe('Relations with the European Union');
  });

  describe('a revision where only trade figures change', () => {
    const revised = documentOf(readFixture('nk_en_trade-revised.txt'), NORTH_KOREA_EN_HEADINGS, 'en');
    const change = diffDocuments(october, revised);
    // [raw before, raw after, value before, value after, period before, period after]
    const expected: Array<[string, string, number, number, string | null, string | null]> = [
      ['€8.2 million', '€5.1 million', 8_200_000, 5_100_000, '2016', '2017'],
      ['€2 million', '€1.4 million', 2_000_000, 1_400_000, null, null],
      ['0.002%', '0.001%', 0.002, 0.001, null, null],
      ['€10 million', '€3.7 million', 10_000_000, 3_700_000, null, null],
      ['€27 million', '€20.5 million', 27_000_000, 20_500_000, '2016', '2017'],
      ['€6 million', '€4.5 million', 6_000_000, 4_500_000, '2016', '2017'],
      ['€22 million', '€16 million', 22_000_000, 16_000_000, '2016', '2017'],
      ['down 3.3%', 'down 27.3%', 3.3, 27.3, '2016', '2017'],
    ];

    it('yields only changed figures: nothing added, nothing removed', () => {
      expect(change.figures.added).toEqual([]);
      expect(change.figures.removed).toEqual([]);
      expect(change.figures.changed.map((c) => [c.from.raw, c.to.raw])).toEqual(expected.map(([a, b]) => [a, b]));
    });

    it('gives each changed figure its values, periods and deltas (absolute and relative)', () => {
      change.figures.changed.forEach((entry, i) => {
        const [, , from, to, fromPeriod, toPeriod] = expected[i]!;
        expect(entry.from).toMatchObject({ value: from, period: fromPeriod });
        expect(entry.to).toMatchObject({ value: to, period: toPeriod });
        expect(entry.delta?.absolute).toBeCloseTo(to - from, 9);
        expect(entry.delta?.relative).toBeCloseTo((to - from) / from, 9);
        expect(entry.key).toBe(entry.to.key);
      });
    });

    it('pairs the figure of the reworded sentence by its context, the others by key', () => {
      const reworded = change.figures.changed.find((c) => c.from.raw === '€8.2 million')!;
      expect(reworded.from.key).not.toBe(reworded.to.key);
      expect(reworded.matchedBy).toBe('context');
      expect(change.figures.changed.filter((c) => c.matchedBy === 'context')).toHaveLength(1);
    });
  });
});
