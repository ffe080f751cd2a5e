import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/index.ts';
import { figureLines, renderChangedSections, renderSectionLists } from '../../src/web/views/change-view.ts';
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

describe('sections on the change page', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const change: Change = {
    ...changeOf([]),
    sections: {
      added: [],
      removed: [],
      renamed: [{ from: 'Fisheries', to: `Research ${evil}`, hunks: [{ before: 'joint', removed: 'autumn', added: 'spring', after: 'meetings' }] }],
      moved: [
        { text: `Visas ${evil} are issued within ten days.`, from: null, to: 'Consular services', hunks: [] },
        { text: 'The embassy also covers two neighbouring countries.', from: 'Culture', to: 'Consular services', hunks: [{ before: 'also covers', removed: 'three', added: 'two', after: 'neighbouring' }] },
      ],
      changed: [],
    },
  };

  it('lists renamed sections and moved text, page text escaped', async () => {
    const out = String(await renderSectionLists(change, { sourceId: 's', from: { seq: 1, document: null }, to: { seq: 2, document: null } }));
    expect(out).toContain('<h3>Sections renamed (1)</h3><ul class="renamed"><li>Fisheries → Research &lt;img src=x onerror=alert(1)&gt;</li></ul>');
    expect(out).toContain('<h3>Text moved to another section (2)</h3><ul class="moved"><li>Introduction (before the first heading) → Consular services: “Visas &lt;img');
    expect(out).not.toContain('<img');
  });

  it('shows the word diff of a renamed section and of a block edited on its way, not of one moved as it was', async () => {
    const out = String(await renderChangedSections(change, 'inline', '/changes/1'));
    expect(out).toContain('<h3>Fisheries → Research &lt;img src=x onerror=alert(1)&gt;</h3>');
    expect(out).toContain('<h3>Moved: Culture → Consular services</h3>');
    expect(out).toContain('<del>three</del><ins>two</ins>');
    expect(out).not.toContain('Moved: Introduction');
    expect(out).not.toContain('No paragraph of an existing section changed.');
  });
});
