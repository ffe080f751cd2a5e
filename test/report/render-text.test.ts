import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/render-text.ts';
import { NEW_URL, OLD_URL, firstCaptureMeta, sampleChange, sampleMeta } from './fixtures.ts';

const ESC = '\u001b[';

describe('renderText', () => {
  const text = renderText(sampleChange, sampleMeta);

  it('starts with a header naming source, change, versions, capture times and URLs', () => {
    expect(text.split('\n')[0]).toBe('Change report: France and North Korea');
    expect(text).toMatch(/^Source: +france-north-korea \(change #7\)$/mu);
    expect(text).toMatch(/^Versions: +v1 → v2$/mu);
    expect(text).toMatch(/^Captured: +2017-07-06 08:00 UTC → 2017-10-27 09:30 UTC$/mu);
    expect(text).toMatch(new RegExp(`^Old URL: +${OLD_URL}$`, 'mu'));
  });

  it('says what changed in a reader’s words', () => {
    expect(text).toContain('Revision stamp: 5 July 2017 → 26 October 2017\n');
    expect(text).toContain(`Page moved: ${OLD_URL} → ${NEW_URL}\n`);
    expect(text).toContain('Sections added (1)\n  + Relations with the European Union\n');
    expect(text).toContain('Sections removed (1)\n  - French presence\n');
    expect(text).toContain(
      '  ~ Economic relations\n      … Korea is not very significant [-(€8.2 million in 2016).-]{+(€5.1 million in 2017).+} There are no French companies …\n',
    );
    expect(text).toContain('EU humanitarian aid: €135.3 million → €142 million (+€6.7 million, +5%)');
    expect(text).toContain('Trade between France and North Korea: €8.2 million (2016) → €5.1 million (2017) (-€3.1 million, -37.8%)');
    expect(text).toContain('Figures added (1)\n  Relations with the European Union\n    + maintained diplomatic relations with North Korea: 2001\n');
    expect(text).toContain('Figures removed (1)\n  French presence\n    - French nationals live in North Korea: 10\n');
  });

  it('shows each figure’s sentence under its line only when asked', () => {
    const quoted = renderText(sampleChange, sampleMeta, { sentences: true });
    expect(quoted).toContain('EU humanitarian aid: €135.3 million → €142 million (+€6.7 million, +5%)\n      “EU humanitarian aid totalled €142 million for 130 projects for the period 1995-2015.”\n');
    expect(text).not.toContain('“');
  });

  it('does not repeat a period that only repeats the value', () => {
    expect(text).toContain('+ maintained diplomatic relations with North Korea: 2001\n');
    expect(text).not.toContain('2001 (2001)');
  });

  it('does not list the section whose heading only changed case', () => {
    expect(text).not.toMatch(/Political/u);
  });

  it('uses no escape codes unless asked, and red/green when asked', () => {
    expect(text).not.toContain(ESC);
    const coloured = renderText(sampleChange, sampleMeta, { color: true });
    expect(coloured).toContain(`${ESC}31m[-(€8.2 million in 2016).-]${ESC}0m`);
    expect(coloured).toContain(`${ESC}32m{+(€5.1 million in 2017).+}${ESC}0m`);
    expect(coloured.replace(/\u001b\[\d+m/gu, '')).toBe(text);
  });

  it('reports a first capture with its counts and a month-precision stamp', () => {
    const first = renderText(null, firstCaptureMeta);
    expect(first.split('\n')[0]).toBe('First capture: France and North Korea');
    expect(first).toContain('first capture of France and North Korea: 3 sections, 3 figures\n');
    expect(first).toContain('Revision stamp: May 2020\n');
    expect(first).toMatch(/^Versions: +v1$/mu);
    expect(first).not.toContain('Old URL');
  });

  it('works without the page counts for a first capture', () => {
    const { page: _omit, ...meta } = firstCaptureMeta;
    expect(renderText(null, meta)).toContain('first capture of France and North Korea\n');
  });
});
