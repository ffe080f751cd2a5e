import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { labelFigure } from '../../src/describe/label-figure.ts';
import type { Figure } from '../../src/model/index.ts';
import { figure } from '../diff/make-document.ts';

/** Sentences as printed in snapshots/corpus/diplomatie/north-korea/en_2017-10-26_seed.txt. */
const CORPUS_FILES = ['north-korea/en_2017-10-26_seed.txt', 'north-korea/en_c2015_landing_TRUNCATED.txt', 'germany/en_c2021_TRUNCATED.txt'];
const paragraphs = CORPUS_FILES.flatMap((file) =>
  readFileSync(new URL(`../../snapshots/corpus/diplomatie/${file}`, import.meta.url), 'utf8')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim()),
);

function sentenceWith(fragment: string): string {
  const corpus = paragraphs.find((p) => p.includes(fragment));
  if (corpus === undefined) throw new Error(`not in corpus: ${fragment}`);
  const at = corpus.indexOf(fragment);
  const dot = corpus.lastIndexOf('. ', at);
  const start = dot === -1 ? 0 : dot + 2;
  const end = corpus.indexOf('. ', at);
  return corpus.slice(start, end === -1 ? undefined : end + 1).trim();
}

type Row = [string, Figure['kind'], string, string, Partial<Figure>?];

describe('labelFigure on real corpus sentences', () => {
  const rows: Row[] = [
    ['Seven of them have', 'count', 'Seven of them', 'embassies in Pyongyang'],
    ['It also provided', 'money', '€300,000', 'funds to capacity building efforts'],
    ['0.002% of our imports', 'percent', '0.002%', 'share of imports'],
    ['ranks 200 among', 'rank', 'ranks 200', 'rank among France’s customers'],
    ['153th ranking supplier', 'rank', '153th ranking supplier', 'rank as France’s supplier'],
    ['first six months of 2017', 'year', '2017', 'rotating EU presidency in North Korea'],
    ['They were strengthened', 'date', 'May 2016', 'sectoral sanctions strengthened'],
    ['They were strengthened', 'date', '6 April', 'sectoral sanctions strengthened'],
    ['They were strengthened', 'date', '16 October 2017', 'sectoral sanctions strengthened'],
    ['down 3.3%', 'percent', 'down 3.3%', 'fall in EU exports to North Korea', { direction: 'down' }],
    ['€22 million in EU exports', 'money', '€22 million', 'EU exports to North Korea'],
    ['€6 million in North Korean', 'money', '€6 million', 'North Korean imports to the EU'],
    ['130 projects', 'count', '130 projects', 'projects'],
    ['€135.3 million', 'money', '€135.3 million', 'EU humanitarian aid'],
    ['€8.2 million in 2016', 'money', '€8.2 million', 'Trade between France and North Korea'],
    ['No session has been held', 'date', 'June 2015', 'No session'],
    ['two French NGOs', 'count', 'two French NGOs', 'French NGOs'],
    ['In 2006, the EU began', 'year', '2006', 'EU began implementing autonomous sanctions'],
    ['French Republic in late 2009', 'year', '2009', 'President of the French Republic'],
    ['Trade between France and North Korea is limited', 'money', '€6.4 million', 'Trade between France and North Korea'],
    ['It builds on the 1963', 'year', '1963', 'Élysée Treaty'],
  ];
  it.each(rows)('%s (%s %s) → %s', (fragment, kind, raw, expected, extra) => {
    const sentence = sentenceWith(fragment);
    expect(sentence).toContain(raw);
    expect(labelFigure(figure({ key: `${kind}/k`, kind, raw, sentence, ...extra }))).toBe(expected);
  });

  it('keeps labels short', () => {
    for (const [fragment, kind, raw, , extra] of rows) {
      const label = labelFigure(figure({ key: `${kind}/k`, kind, raw, sentence: sentenceWith(fragment), ...extra }));
      expect(label.split(' ').length).toBeLessThanOrEqual(7);
    }
  });
});

describe('labelFigure fallbacks', () => {
  it('does not add a direction word to a signed change', () => {
    const s = 'Commerce extérieur : 9,9 milliards dollars US (+34,8% par rapport à 2013).';
    expect(labelFigure(figure({ key: 'percent/k', kind: 'percent', raw: '+34,8%', sentence: s, direction: 'up' }))).not.toMatch(/^rise in/);
  });
  it('does not take a year after "in" for what money was spent on', () => {
    const s = 'Trade between France and North Korea is limited (€6.4 million in 2014).';
    expect(labelFigure(figure({ key: 'money/k', raw: '€6.4 million', sentence: s }))).toBe('Trade between France and North Korea');
  });
  it('says what the figure is when it is not in its sentence (not its section: that names its neighbours)', () => {
    expect(labelFigure(figure({ key: 'k', raw: '€1', sentence: 'no match here', section: 'Economic relations' }))).toBe('amount');
  });
});
