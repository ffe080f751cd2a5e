import { describe, expect, it } from 'vitest';
import { labelFigure } from '../../src/describe/label-figure.ts';
import { describeFigureChange } from '../../src/describe/summarize-change.ts';
import { figure } from '../diff/make-document.ts';

/**
 * Labels of figures in German and French pages. The raw texts are the ones the extractor reads
 * from these sentences; the labels depend on describe knowing the extractor's months and number
 * words in every language (src/model/figure-vocabulary.ts): with a list of its own it took
 * "Juli" and "Oktober" for words of the label, and "fevrier" for what money was spent on.
 */

const MINISTERRAT = 'Der Ministerrat tagte im Juli 2019, am 16. Oktober und am 4. Dezember 2019.';

describe('labelFigure in German', () => {
  it.each([
    ['Juli 2019', '2019-07'],
    ['16. Oktober', '2019-10-16'],
    ['4. Dezember 2019', '2019-12-04'],
  ])('labels "%s" of a list of dates by the clause the list dates', (raw, value) => {
    // Every date of "im Juli 2019, am 16. Oktober und am 4. Dezember 2019" dates the same
    // meeting: the later ones step back over the earlier dates, German months included.
    expect(labelFigure(figure({ key: 'date/k', kind: 'date', raw, value, unit: null, period: null, sentence: MINISTERRAT }))).toBe(
      'Ministerrat tagte',
    );
  });

  it('describes a changed German date with that label', () => {
    const date = (raw: string, value: string, sentence: string) =>
      figure({ key: 'date/k', kind: 'date', raw, value, unit: null, period: null, sentence });
    const from = date('4. Dezember 2019', '2019-12-04', MINISTERRAT);
    const to = date('5. Dezember 2019', '2019-12-05', MINISTERRAT.replace('4. Dezember', '5. Dezember'));
    expect(describeFigureChange(from, to)).toBe('Ministerrat tagte: 2019-12-04 → 2019-12-05');
  });
});

describe('labelFigure in French', () => {
  const trade = (amount: number, year: number) =>
    figure({
      key: 'money/k',
      kind: 'money',
      raw: `${amount} millions d’euros`,
      value: amount * 1_000_000,
      unit: 'EUR',
      period: null,
      sentence: `Les échanges ont atteint ${amount} millions d’euros en fevrier ${year}.`,
    });

  it('does not take a month after "en" for what money was spent on', () => {
    // "en fevrier 2016" (an unaccented spelling the extractor reads too) is a date, not what the
    // money went to as in "7 millions d’euros en aide humanitaire": the clause before names it.
    expect(labelFigure(trade(7, 2016))).toBe('échanges');
  });

  it('describes the changed amount with that label', () => {
    expect(describeFigureChange(trade(7, 2016), trade(9, 2017))).toBe('échanges: €7 million → €9 million');
  });

  it('names what a count written in words counts', () => {
    const sentence = 'La France finance quinze projets de coopération.';
    expect(labelFigure(figure({ key: 'count/k', kind: 'count', raw: 'quinze projets', value: 15, unit: null, period: null, sentence }))).toBe(
      'projets de coopération',
    );
  });
});
