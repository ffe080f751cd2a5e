import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/index.ts';
import { figureLines } from '../../src/web/views/change-view.ts';
import { figure } from '../diff/make-document.ts';

function changeOf(changed: Change['figures']['changed']): Change {
  return {
    updated: { from: '2017-07-05', to: '2017-10-26' },
    url: null,
    title: null,
    sections: { added: [], removed: [], changed: [] },
    figures: { added: [], removed: [], changed },
  };
}

describe('figureLines', () => {
  it('gives a changed amount its delta and its relative change in columns of their own', () => {
    const sentence = 'EU humanitarian aid totalled €135.3 million for the period 1995-2015.';
    const from = figure({ key: 'aid', value: 135_300_000, raw: '€135.3 million', sentence, period: '1995-2015', section: null });
    const to = figure({ key: 'aid', value: 142_000_000, raw: '€142 million', sentence: sentence.replace('€135.3', '€142'), period: '1995-2016', section: null });
    const [line] = figureLines(changeOf([{ key: 'aid', from, to }]));
    expect(line).toMatchObject({
      kind: 'changed',
      label: 'EU humanitarian aid',
      section: 'Introduction (before the first heading)',
      before: '€135.3 million (1995-2015)',
      after: '€142 million (1995-2016)',
      delta: '+€6.7 million',
      percent: '+5%',
      direction: 'up',
    });
  });

  it('leaves the relative column empty for percentage points, and the period out when it did not move', () => {
    const share = (value: number) => figure({ key: 'share', kind: 'percent', value, unit: '%', raw: `${value}%`, sentence: `The share reached ${value}% in 2016.` });
    const [line] = figureLines(changeOf([{ key: 'share', from: share(17), to: share(20.5) }]));
    expect(line).toMatchObject({ before: '17%', after: '20.5%', delta: '+3.5 pts', percent: '', direction: 'up' });
  });
});
