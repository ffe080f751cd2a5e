import { describe, expect, it } from 'vitest';
import { summarizeChange } from '../../src/describe/summarize-change.ts';
import type { Change } from '../../src/model/index.ts';
import { renderHtml } from '../../src/report/render-html.ts';
import { renderMarkdown } from '../../src/report/render-markdown.ts';
import { renderText } from '../../src/report/render-text.ts';
import { emptyChange } from '../diff/make-document.ts';
import { sampleMeta } from './fixtures.ts';

const longText = 'The embassy in the capital also covers two neighbouring countries and runs an honorary consulate in the south.';

/** A change holding one rename and two moved blocks, one of them edited on the way. */
const change: Change = {
  ...emptyChange(),
  sections: {
    added: ['Consular services'],
    removed: [],
    renamed: [
      { from: 'Fisheries', to: 'Research at sea', hunks: [] },
      { from: 'Culture', to: 'Culture and language', hunks: [{ before: 'courses for', removed: 'three', added: 'four', after: 'hundred students' }] },
    ],
    moved: [
      { text: longText, from: null, to: 'Consular services', hunks: [] },
      { text: 'Visas are issued within ten days.', from: 'Culture', to: 'Consular services', hunks: [{ before: 'issued within', removed: 'five', added: 'ten', after: 'days.' }] },
    ],
    changed: [],
  },
};

describe('reports: renamed sections and moved text', () => {
  it('says it in the summary line', () => {
    expect(summarizeChange(change)).toBe(
      '1 section added (Consular services); 2 sections renamed (Fisheries → Research at sea, Culture → Culture and language); 2 paragraphs moved to another section',
    );
  });

  it('lists them in the terminal report, with the moved block named by its opening words and edits as word hunks', () => {
    const text = renderText(change, sampleMeta);
    expect(text).toContain('Sections renamed (2)\n  ~ Fisheries → Research at sea\n  ~ Culture → Culture and language\n      … courses for [-three-]{+four+} hundred students …\n');
    expect(text).toContain(
      'Text moved to another section (2)\n' +
        '  > Introduction (before the first heading) → Consular services: "The embassy in the capital also covers two neighbouring countries and runs …"\n' +
        '  > Culture → Consular services: "Visas are issued within ten days."\n' +
        '      … issued within [-five-]{+ten+} days. …\n',
    );
  });

  it('lists them in Markdown, hunks fenced at the margin', () => {
    const md = renderMarkdown(change, sampleMeta);
    expect(md).toContain('## Sections renamed (2)\n\n### Fisheries → Research at sea\n\n### Culture → Culture and language\n\n```text\n… courses for [-three-]{+four+} hundred students …\n```\n');
    expect(md).toContain('## Text moved to another section (2)\n\n- Introduction (before the first heading) → Consular services: “The embassy');
    expect(md).toContain('- Culture → Consular services: “Visas are issued within ten days.”\n\n```text\n… issued within [-five-]{+ten+} days. …\n```\n');
  });

  it('lists them in HTML', () => {
    const html = renderHtml(change, sampleMeta);
    expect(html).toContain('<h2>Sections renamed (2)</h2>\n<h3>Fisheries → Research at sea</h3>\n<h3>Culture → Culture and language</h3>\n<p class="hunk">');
    expect(html).toContain('<h2>Text moved to another section (2)</h2>');
    expect(html).toContain('<del>five</del><ins>ten</ins>');
  });

  it('keeps page text in renamed headings and moved blocks escaped in every format', () => {
    const evil = '<script>alert(1)</script> *x* [a](javascript:1)';
    const hostile: Change = {
      ...emptyChange(),
      sections: {
        added: [],
        removed: [],
        renamed: [{ from: evil, to: `${evil}!`, hunks: [{ before: evil, removed: '```', added: evil, after: '' }] }],
        moved: [{ text: evil, from: evil, to: null, hunks: [{ before: '', removed: evil, added: '````', after: '' }] }],
        changed: [],
      },
    };
    const html = renderHtml(hostile, sampleMeta);
    expect(html).not.toMatch(/<script/iu);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const md = renderMarkdown(hostile, sampleMeta);
    expect(md).toContain('### \\<script\\>alert(1)\\</script\\> \\*x\\* \\[a\\](javascript:1) → ');
    expect(md).toContain(': “\\<script\\>alert(1)\\</script\\> \\*x\\* \\[a\\](javascript:1)”\n\n`````text\n');
    expect(renderText(hostile, sampleMeta)).not.toContain('\u001b');
  });
});
