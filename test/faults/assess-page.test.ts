import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/extract-document.ts';
import {
  assessContent,
  assessMarkup,
  findSoftErrorSignature,
  MAX_NESTING_DEPTH,
  rawEnding,
} from '../../src/judge/assess-page.ts';
import { judgeHtml } from '../judge/judge-task.ts';
import { measureNestingDepth } from '../helpers/nesting-depth.ts';
import { ACCESS_DENIED_PAGE, CAPTCHA_PAGE, deeplyNested, MAINTENANCE_PAGE } from '../helpers/fault-server.ts';
import { revisionHtml } from '../helpers/snapshots.ts';

/** The content-sanity rules on plain strings (the pipeline side is in fault-matrix.test.ts). */

const GOOD = revisionHtml('2017-07-05');
const doc = (html: string) => extractDocument(html, { url: 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/' });
const previous = { document: doc(GOOD), rawEnding: rawEnding(Buffer.from(GOOD)) };

describe('assessMarkup', () => {
  it('passes every recorded revision of the real page, against the one before it too', () => {
    expect(assessMarkup(GOOD, null)).toBeNull();
    expect(assessMarkup(revisionHtml('2017-10-26'), previous)).toBeNull();
    expect(assessMarkup(revisionHtml('2020-05'), previous)).toBeNull();
  });

  it.each([
    ['maintenance', MAINTENANCE_PAGE, /maintenance/i],
    ['captcha', CAPTCHA_PAGE, /captcha/i],
    ['access denied', ACCESS_DENIED_PAGE, /access denied/i],
    ['German maintenance', '<html><head><title>Wartungsarbeiten</title></head><body><p>Bitte später.</p></body></html>', /maintenance/i],
    ['404 as 200', '<html><head><title>Page introuvable</title></head><body><p>Désolé.</p></body></html>', /not found/i],
  ])('flags a %s page served with 200', (_name, html, reason) => {
    const s = assessMarkup(html, previous);
    expect(s?.rule).toBe('soft_error');
    expect(s?.reason).toMatch(reason);
  });

  it('ignores error phrases in the prose of a long page, and phrases the last version already had', () => {
    const prose = GOOD.replace('</h2>', '</h2><p>Access denied to the embassy was raised in talks; the site under maintenance was discussed.</p>');
    expect(findSoftErrorSignature(prose, null)).toBeNull();
    const small = '<html><head><title>Notes</title></head><body><p>The access denied notice of 2016.</p></body></html>';
    expect(findSoftErrorSignature(small, null)).toMatch(/access denied/);
    expect(findSoftErrorSignature(small, doc(`<html><head><title>Notes</title></head><body><main><p>The access denied notice of 2016 and more.</p></main></body></html>`))).toBeNull();
  });

  it('flags a body cut before its closing tags when the last version had them, not on a first capture', () => {
    const cut = GOOD.slice(0, GOOD.length / 2);
    expect(assessMarkup(cut, previous)?.rule).toBe('truncated');
    expect(assessMarkup(cut, null)).toBeNull();
  });

  it('refuses nesting past the limit before any DOM is built (the extractor scan, through the judge)', () => {
    const suspect = (html: string) => {
      const out = judgeHtml(html, { url: 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/' });
      return out.kind === 'suspect' ? out : null;
    };
    expect(suspect(deeplyNested(MAX_NESTING_DEPTH + 1))?.rule).toBe('nesting');
    expect(suspect(deeplyNested(50))).toBeNull();
  });

  it('counts nesting without void, implied-end, script or comment noise', () => {
    expect(measureNestingDepth('<div><p>a<p>b<p>c<br><img src=x><span>d</span></div>')).toBe(2);
    expect(measureNestingDepth('<div><script>"<div><div><div>"</script><!-- <div><div> --></div>')).toBe(1);
    expect(measureNestingDepth('<a<a<a<a<a')).toBe(0);
  });
});

describe('assessContent', () => {
  const before = doc(GOOD);
  const firstSectionOnly = { ...before, sections: before.sections.slice(0, 1) };

  it('flags content far smaller than the last version', () => {
    expect(assessContent(firstSectionOnly, before)?.rule).toBe('shrunk');
  });

  it('believes a shrink that comes with a newer revision stamp', () => {
    expect(assessContent({ ...firstSectionOnly, updated: '2018-01-01' }, before)).toBeNull();
  });

  it('accepts ordinary edits and growth', () => {
    expect(assessContent(doc(revisionHtml('2017-10-26')), before)).toBeNull();
    expect(assessContent(before, firstSectionOnly)).toBeNull();
  });
});
