import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/index.ts';
import { renderMarkdown } from '../../src/report/render-markdown.ts';
import { firstCaptureMeta, sampleChange, sampleMeta } from './fixtures.ts';

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleChange, sampleMeta);

  it('has a title, a header table and the revision stamp in words', () => {
    expect(md.startsWith('# Change report: France and North Korea\n')).toBe(true);
    expect(md).toContain('| Source | france-north-korea (change #7) |');
    expect(md).toContain('| Versions | v1 → v2 |');
    expect(md).toContain('- **Revision stamp:** 5 July 2017 → 26 October 2017');
    expect(md).toContain('- **Page moved:** ');
  });

  it('lists sections and puts word hunks in a fenced block', () => {
    expect(md).toContain('## Sections added (1)\n\n- Relations with the European Union\n');
    expect(md).toContain('## Sections removed (1)\n\n- French presence\n');
    expect(md).toContain(
      '### Economic relations\n\n```text\n… Korea is not very significant [-(€8.2 million in 2016).-]{+(€5.1 million in 2017).+} There are no French companies …\n```\n',
    );
  });

  it('has one figures table with added, removed and changed rows', () => {
    expect(md).toContain('| | Section | Figure | Before | After | Change |');
    expect(md).toContain('| changed | Relations with the European Union | EU humanitarian aid | €135.3 million | €142 million | \\+€6.7 million, +5% |');
    expect(md).toMatch(/^\| added \| Relations with the European Union \| .* \| \| 2001 \| \|$/mu);
    expect(md).toMatch(/^\| removed \| French presence \| .* \| 10 \| \| \|$/mu);
  });

  it('escapes page text so it cannot become Markdown or HTML, and cannot break out of a fence', () => {
    const change: Change = {
      ...sampleChange,
      sections: {
        added: ['Costs | *bold* <b>x</b> [link](javascript:alert(1))', '# not a heading', '1. not a list'],
        removed: [],
        changed: [{ heading: 'Code', hunks: [{ before: 'a ```', removed: 'b', added: 'c ````', after: '' }] }],
      },
    };
    const out = renderMarkdown(change, sampleMeta);
    expect(out).toContain('- Costs \\| \\*bold\\* \\<b\\>x\\</b\\> \\[link\\](javascript:alert(1))\n');
    expect(out).toContain('- \\# not a heading\n- 1\\. not a list\n');
    expect(out).toContain('`````text\n… a ``` [-b-]{+c ````+}\n`````\n');
  });

  it('renders a first capture', () => {
    const first = renderMarkdown(null, firstCaptureMeta);
    expect(first.startsWith('# First capture: France and North Korea\n')).toBe(true);
    expect(first).toContain('first capture of France and North Korea: 3 sections, 3 figures');
    expect(first).not.toContain('## Figures');
  });
});
