/**
 * Precision and recall of figure extraction on every page with a golden file: the seed page's
 * (snapshots/corpus/golden/nk_en_2017-10-26.json) and the French and German pages' written for
 * this suite (test/fixtures/figures/golden/*.json, each naming its page's URL). Prints one line
 * per page.
 *
 * A golden figure is matched by kind + value (+ unit when the golden gives one) + raw
 * containment (one raw text contains the other, whitespace-normalised, the golden's
 * explanatory parentheses left out); then every other field the golden gives (period, name,
 * source, direction) must be equal. Years and year ranges are left out of both measures.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/extract/figures/index.ts';
import type { Figure } from '../../src/model/index.ts';
import { matchesGolden, type GoldenFigure } from '../../eval/golden-match.ts';
import { buildSections, NORTH_KOREA_EN_HEADINGS, readCorpus, readFixture, SEED_FILE } from './corpus-sections.ts';


interface GoldenPage {
  page: string;
  language: string;
  headings: string[];
  figures: GoldenFigure[];
}

const seed = JSON.parse(readCorpus('golden/nk_en_2017-10-26.json')) as { figures: GoldenFigure[] };
const pages: GoldenPage[] = [
  { page: SEED_FILE, language: 'en', headings: NORTH_KOREA_EN_HEADINGS, figures: seed.figures },
  ...readdirSync(new URL('../fixtures/figures/golden/', import.meta.url))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFixture(`golden/${name}`)) as GoldenPage),
];



describe.each(pages)('golden figures of $page', (golden) => {
  const figures = extractFigures(buildSections(readCorpus(golden.page), golden.headings), golden.language).filter(
    (f) => f.kind !== 'year',
  );
  const unmatched = [...figures];
  const missed: GoldenFigure[] = [];
  const pairs: Array<[GoldenFigure, Figure]> = [];
  for (const expected of golden.figures) {
    const index = unmatched.findIndex((f) => matchesGolden(f, expected));
    if (index < 0) missed.push(expected);
    else pairs.push([expected, unmatched.splice(index, 1)[0]!]);
  }
  const recall = pairs.length / golden.figures.length;
  const precision = figures.length === 0 ? 1 : pairs.length / figures.length;
  console.log(
    `${golden.page}: recall ${pairs.length}/${golden.figures.length} = ${recall.toFixed(3)}, ` +
      `precision ${pairs.length}/${figures.length} = ${precision.toFixed(3)}`,
  );
  if (missed.length > 0) console.log('  missed:', missed);
  if (unmatched.length > 0) console.log('  not in golden:', unmatched.map((f) => `${f.kind} ${f.value} "${f.raw}"`));

  it('finds every golden figure (recall 1.0)', () => {
    expect(missed).toEqual([]);
  });

  it('adds few figures the golden file does not have (precision ≥ 0.95)', () => {
    expect(precision).toBeGreaterThanOrEqual(0.95);
  });

  it('reads the period, name, source and direction the golden file gives', () => {
    for (const [expected, figure] of pairs) {
      const fields = (['period', 'name', 'source', 'direction'] as const).filter((f) => expected[f] !== undefined);
      for (const field of fields) expect(figure[field], `${field} of "${expected.raw}"`).toBe(expected[field]);
    }
  });
});
