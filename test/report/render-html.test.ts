import { describe, expect, it } from 'vitest';
import type { Change, Figure } from '../../src/model/index.ts';
import { renderHtml } from '../../src/report/render-html.ts';
import type { ReportMeta } from '../../src/report/report-meta.ts';
import { figure } from '../diff/make-document.ts';
import { firstCaptureMeta, sampleChange, sampleMeta } from './fixtures.ts';

const SCRIPT = '<script>alert(1)</script>';
const BREAKOUT = '"><img src=x onerror=alert(1)>';
const HOSTILE = `${SCRIPT} ${BREAKOUT} 'single'`;
const SCRIPT_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
const BREAKOUT_ESCAPED = '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;';

/** A change where every string a page controls carries markup. */
function hostileChange(): { change: Change; meta: ReportMeta } {
  const bad: Figure = figure({
    key: `k ${HOSTILE}`,
    raw: `€1 ${SCRIPT}`,
    value: 1,
    section: `Section ${HOSTILE}`,
    sentence: `Aid ${BREAKOUT} totalled €1 ${SCRIPT} in all.`,
    period: `2017 ${BREAKOUT}`,
  });
  const change: Change = {
    updated: { from: `2017 ${SCRIPT}`, to: '2017-10-26' },
    url: { from: `javascript:alert(1)//${BREAKOUT}`, to: `https://example.org/${BREAKOUT}` },
    title: { from: `Old ${HOSTILE}`, to: `New ${HOSTILE}` },
    sections: {
      added: [`Added ${HOSTILE}`],
      removed: [`Removed ${HOSTILE}`],
      changed: [{ heading: `Changed ${HOSTILE}`, hunks: [{ before: SCRIPT, removed: BREAKOUT, added: HOSTILE, after: SCRIPT }] }],
    },
    figures: {
      added: [bad],
      removed: [{ ...bad, value: 2 }],
      changed: [{ key: bad.key, from: { ...bad, value: 3 }, to: { ...bad, value: 4, period: `2018 ${SCRIPT}` } }],
    },
  };
  const meta: ReportMeta = {
    ...sampleMeta,
    source: `src ${HOSTILE}`,
    title: `Title ${HOSTILE}`,
    fromUrl: `javascript:alert(1)//${BREAKOUT}`,
    toUrl: `https://example.org/${BREAKOUT}`,
  };
  return { change, meta };
}

describe('renderHtml', () => {
  it('is one self-contained document: inline CSS, no scripts, no external resources', () => {
    const html = renderHtml(sampleChange, sampleMeta);
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'");
    expect(html).toMatch(/<style>[^<]+<\/style>/u);
    expect(html).not.toMatch(/<script|<link|<img|src=|@import/iu);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('says what changed', () => {
    const html = renderHtml(sampleChange, sampleMeta);
    expect(html).toContain('<title>Change report: France and North Korea</title>');
    expect(html).toContain('<li><strong>Revision stamp:</strong> 5 July 2017 → 26 October 2017</li>');
    expect(html).toContain('<h2>Sections added (1)</h2>\n<ul class="added"><li>Relations with the European Union</li></ul>');
    expect(html).toContain(
      '<p class="hunk">… Korea is not very significant <del>(€8.2 million in 2016).</del><ins>(€5.1 million in 2017).</ins> There are no French companies …</p>',
    );
    expect(html).toContain(
      '<tr class="changed"><td>changed</td><td>Relations with the European Union</td><td><details><summary>EU humanitarian aid</summary><q>EU humanitarian aid totalled €142 million for 130 projects for the period 1995-2015.</q></details></td><td>€135.3 million</td><td>€142 million</td><td>+€6.7 million, +5%</td></tr>',
    );
    expect(html).toContain(
      '<a href="https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea-65083/" rel="noreferrer noopener">',
    );
  });

  it('shows page-controlled markup only escaped, in text and in attributes', () => {
    const { change, meta } = hostileChange();
    const html = renderHtml(change, meta);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/iu);
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(BREAKOUT);
    expect(html).not.toContain("'single'");
    expect(html).toContain(`Added ${SCRIPT_ESCAPED} ${BREAKOUT_ESCAPED} &#39;single&#39;`);
    expect(html).toContain(`<h3>Changed ${SCRIPT_ESCAPED}`);
    expect(html).toContain(`<del>${BREAKOUT_ESCAPED}</del>`);
    // The sentence a label shows on demand sits in an attribute: escaped there too.
    expect(html).toContain(`<q>Aid ${BREAKOUT_ESCAPED} totalled €1 ${SCRIPT_ESCAPED} in all.</q>`);
    expect(html).toContain(`<td>Section ${SCRIPT_ESCAPED}`);
    expect(html).toContain(`<title>Change report: Title ${SCRIPT_ESCAPED}`);
    // The http(s) URL becomes a link whose attribute cannot be closed early …
    expect(html).toContain(`<a href="https://example.org/${BREAKOUT_ESCAPED}" rel="noreferrer noopener">`);
    // … and a javascript: URL never becomes a link at all.
    expect(html).not.toMatch(/href="javascript/iu);
    expect(html).toContain(`javascript:alert(1)//${BREAKOUT_ESCAPED}`);
  });

  it('renders a first capture', () => {
    const html = renderHtml(null, firstCaptureMeta);
    expect(html).toContain('<h1>First capture: France and North Korea</h1>');
    expect(html).toContain('first capture of France and North Korea: 3 sections, 3 figures');
    expect(html).toContain('<li><strong>Revision stamp:</strong> May 2020</li>');
    expect(html).not.toContain('<table');
  });
});
