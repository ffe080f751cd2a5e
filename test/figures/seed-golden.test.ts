/**
 * Recall and precision of figure extraction on the seed page against the golden list
 * (snapshots/corpus/golden/nk_en_2017-10-26.json), for the page
 * https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/
 * as of 26 October 2017.
 *
 * A golden figure is matched by kind + value (+ unit when the golden gives one) + raw
 * containment: one raw text contains the other, after whitespace normalisation and without the
 * golden's explanatory parentheses ("6 April (2017)" → "6 April"). Years and year ranges are
 * left out of both measures, as the golden file says.
 */
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/extract/figures/index.ts';
import { matchesGolden, type GoldenFigure } from '../../eval/golden-match.ts';
import { buildSections, NORTH_KOREA_EN_HEADINGS, readCorpus, SEED_FILE } from './corpus-sections.ts';


const golden = JSON.parse(readCorpus('golden/nk_en_2017-10-26.json')) as { figures: GoldenFigure[] };



describe('figures of the seed page against the golden list', () => {
  const sections = buildSections(readCorpus(SEED_FILE), NORTH_KOREA_EN_HEADINGS);
  const figures = extractFigures(sections, 'en').filter((f) => f.kind !== 'year');
  const unmatched = [...figures];
  const missed: GoldenFigure[] = [];
  for (const expected of golden.figures) {
    const index = unmatched.findIndex((f) => matchesGolden(f, expected));
    if (index < 0) missed.push(expected);
    else unmatched.splice(index, 1);
  }
  const found = golden.figures.length - missed.length;
  const recall = found / golden.figures.length;
  const precision = (figures.length - unmatched.length) / figures.length;
  console.log(
    `seed page: recall ${found}/${golden.figures.length} = ${recall.toFixed(3)}, ` +
      `precision ${figures.length - unmatched.length}/${figures.length} = ${precision.toFixed(3)}`,
  );
  if (missed.length > 0) console.log('missed:', missed);
  if (unmatched.length > 0) console.log('not in golden:', unmatched.map((f) => `${f.kind} ${f.value} "${f.raw}"`));

  it('the page has the sections the test builds', () => {
    expect(sections.map((s) => s.heading)).toEqual(NORTH_KOREA_EN_HEADINGS);
  });

  it('finds every golden figure (recall 26/26)', () => {
    expect(golden.figures).toHaveLength(26);
    expect(missed).toEqual([]);
    expect(recall).toBe(1);
  });

  it('adds few figures the golden list does not have (precision ≥ 0.95)', () => {
    expect(precision).toBeGreaterThanOrEqual(0.95);
  });

  it('gives every figure its section, its whitespace-normalised sentence and a unique key', () => {
    const all = extractFigures(sections, 'en');
    for (const figure of all) {
      expect(NORTH_KOREA_EN_HEADINGS).toContain(figure.section);
      expect(figure.sentence).not.toMatch(/\s{2,}|^\s|\s$/u);
      expect(figure.sentence).toContain(figure.raw.replace(/\s+/gu, ' '));
    }
    expect(new Set(all.map((f) => f.key)).size).toBe(all.length);
  });

  it('reads the periods the text gives', () => {
    const all = extractFigures(sections, 'en');
    const byRaw = (raw: string) => all.find((f) => f.raw === raw);
    expect(byRaw('€8.2 million')?.period).toBe('2016');
    expect(byRaw('€135.3 million')?.period).toBe('1995-2015');
    expect(byRaw('130 projects')?.period).toBe('1995-2015');
    expect(byRaw('some €300,000')?.period).toBe('2017-2018');
    expect(byRaw('€27 million')?.period).toBe('2016');
    // Inside the parentheses that follow "€27 million in 2016".
    expect(byRaw('€22 million')?.period).toBe('2016');
    // "versus 2015" is the comparison base, not the period.
    expect(byRaw('down 3.3%')).toMatchObject({ period: '2016', direction: 'down', value: 3.3 });
    // A year that is some figure's period is not a figure of its own; the others are.
    const years = all.filter((f) => f.kind === 'year').map((f) => f.period);
    expect(years).not.toContain('2016');
    expect(years).toEqual(expect.arrayContaining(['2001', '1998-2011', '918-1392', '2006']));
  });

  it('leaves "the first six months of 2017" uncounted', () => {
    const all = extractFigures(sections, 'en');
    expect(all.some((f) => /six months/u.test(f.raw))).toBe(false);
  });
});
