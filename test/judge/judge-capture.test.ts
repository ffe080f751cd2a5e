import { describe, expect, it } from 'vitest';
import { figureLabelKey } from '../../src/describe/label-figures.ts';
import { labelFigure } from '../../src/describe/label-figure.ts';
import { extractDocument } from '../../src/extract/extract-document.ts';
import type { Figure } from '../../src/model/index.ts';
import { hashDocument } from '../../src/extract/content-hash.ts';
import { MAX_NESTING_DEPTH, rawEnding, SHRINK_CONFIRMATIONS } from '../../src/judge/assess-page.ts';
import { quickVerdict } from '../../src/judge/quick-verdict.ts';
import { ACCESS_DENIED_PAGE, CAPTCHA_PAGE, deeplyNested, MAINTENANCE_PAGE } from '../helpers/fault-server.ts';
import { revisionHtml } from '../helpers/snapshots.ts';
import { judgeHtml, previousFrom, sha256 } from './judge-task.ts';

/**
 * The judge in memory, like a planner: no server, no database, no thread. Every verdict a
 * capture can get, from the capture and the version before it alone.
 */
const url = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/';
const JULY = revisionHtml('2017-07-05');
const OCTOBER = revisionHtml('2017-10-26');
const julyDoc = extractDocument(JULY, { url });
/** The July version as stored: its real content hash, its real ending. */
const july = previousFrom(julyDoc, JULY, { url, contentHash: hashDocument(julyDoc), rawEnding: rawEnding(Buffer.from(JULY)) });

describe('judgeCapture', () => {
  it('a first capture is new, with the extracted document and its content hash', () => {
    const v = judgeHtml(JULY, { url });
    expect(v.kind).toBe('new');
    if (v.kind !== 'new') return;
    expect(v.contentHash).toBe(hashDocument(v.document));
    expect(v.document.figures.length).toBeGreaterThan(10);
  });

  it('a revision is changed, from the version it was judged against, with the October section in its diff', () => {
    const v = judgeHtml(OCTOBER, { url, previous: july });
    expect(v.kind).toBe('changed');
    if (v.kind !== 'changed') return;
    expect(v.fromVersionId).toBe(july.versionId);
    expect(v.change.sections.added.some((h) => /European Union/.test(h))).toBe(true);
    expect(v.summary).not.toBe('');
  });

  it('labels, on its own thread, the figures that read differently from the previous version, as their stored rows label', () => {
    const stored = (f: Figure) => labelFigure({ key: f.key, kind: f.kind, value: f.value, unit: f.unit, raw: f.raw, section: f.section, sentence: f.sentence, period: f.period });
    const first = judgeHtml(JULY, { url });
    if (first.kind !== 'new') throw new Error('expected a first version');
    expect(first.labels).toEqual(Object.fromEntries(first.document.figures.map((f) => [figureLabelKey(f), stored(f)])));
    const v = judgeHtml(OCTOBER, { url, previous: july });
    if (v.kind !== 'changed') throw new Error('expected a revision');
    const before = new Map(julyDoc.figures.map((f) => [f.series ?? f.key, figureLabelKey(f)]));
    const reworded = v.document.figures.filter((f) => before.get(f.series ?? f.key) !== figureLabelKey(f));
    expect(reworded.length).toBeGreaterThan(0);
    expect(reworded.length).toBeLessThan(v.document.figures.length);
    expect(v.labels).toEqual(Object.fromEntries(reworded.map((f) => [figureLabelKey(f), stored(f)])));
  });

  it('every figure of a first capture starts its series; a revision continues the series of the figures it was paired with', () => {
    const first = judgeHtml(JULY, { url });
    if (first.kind !== 'new') throw new Error('expected a first version');
    expect(first.document.figures.every((f) => f.series === f.key)).toBe(true);
    // The July version as stored under older series names: the October figures paired with them continue those.
    const renamed = { ...julyDoc, figures: julyDoc.figures.map((f) => ({ ...f, series: `since-july/${f.key}` })) };
    const v = judgeHtml(OCTOBER, { url, previous: { ...july, document: renamed } });
    if (v.kind !== 'changed') throw new Error('expected a change');
    const continued = v.document.figures.filter((f) => f.series?.startsWith('since-july/'));
    expect(continued.length).toBe(julyDoc.figures.length);
    // The figures of the new EU section start their own series.
    expect(v.document.figures.filter((f) => f.series === f.key).length).toBe(v.document.figures.length - julyDoc.figures.length);
  });

  it('the same bytes are decided from the hashes, without a parse; at another URL a live check reports a move, an import does not', () => {
    expect(judgeHtml(JULY, { url, previous: july })).toEqual({ kind: 'same_bytes', versionId: 1 });
    const moved = `${url}?moved`;
    expect(quickVerdict({ url: moved, status: 200, rawHash: sha256(JULY) }, july, { urlMatters: true })).toBeNull();
    expect(quickVerdict({ url: moved, status: 200, rawHash: sha256(JULY) }, july, { urlMatters: false })).toEqual({ kind: 'same_bytes', versionId: 1 });
  });

  it('different bytes with the same content (a rotating token in the chrome) are no revision', () => {
    const noisy = JULY.replace('</body>', '<script>var token = "x81f";</script></body>');
    expect(noisy).not.toBe(JULY);
    expect(judgeHtml(noisy, { url, previous: july })).toEqual({ kind: 'same_content', versionId: 1 });
  });

  it('a 304 is not modified', () => {
    expect(quickVerdict({ url, status: 304, rawHash: '' }, july, { urlMatters: true })).toEqual({ kind: 'not_modified', versionId: 1 });
  });

  it.each([
    ['maintenance', MAINTENANCE_PAGE],
    ['captcha', CAPTCHA_PAGE],
    ['access denied', ACCESS_DENIED_PAGE],
  ])('a %s page standing in the page is suspect (soft_error), first capture or not', (_name, html) => {
    expect(judgeHtml(html, { url, previous: july })).toMatchObject({ kind: 'suspect', rule: 'soft_error', contentHash: null });
    expect(judgeHtml(html, { url })).toMatchObject({ kind: 'suspect', rule: 'soft_error' });
  });

  it('a body cut before its closing tags is suspect (truncated) when the version before had them', () => {
    const cut = OCTOBER.slice(0, Math.floor(OCTOBER.length * 0.6));
    expect(judgeHtml(cut, { url, previous: july })).toMatchObject({ kind: 'suspect', rule: 'truncated' });
  });

  it('nesting past the limit is suspect (nesting); too many figures fail (too_many_figures)', () => {
    expect(judgeHtml(deeplyNested(MAX_NESTING_DEPTH + 1), { url, previous: july })).toMatchObject({ kind: 'suspect', rule: 'nesting' });
    const many = `<html lang="en"><body><main><h1>T</h1><p>${'Aid of €1 million. '.repeat(5_100)}</p></main></body></html>`;
    expect(judgeHtml(many, { url: 'https://example.test/' })).toMatchObject({ kind: 'failed', code: 'too_many_figures' });
  });

  it('shrunken content is suspect with its hash until it has been seen SHRINK_CONFIRMATIONS times in a row', () => {
    const firstSectionOnly = JULY.replace(/(<\/h2>[\s\S]*?<h2)[\s\S]*(<\/body>)/, '$1>Only</h2>$2');
    const first = judgeHtml(firstSectionOnly, { url, previous: july });
    expect(first).toMatchObject({ kind: 'suspect', rule: 'shrunk' });
    if (first.kind !== 'suspect' || first.contentHash === null) throw new Error('expected a shrink with a content hash');
    const hash = first.contentHash;
    expect(judgeHtml(firstSectionOnly, { url, previous: july, shrink: { contentHash: hash, sightings: SHRINK_CONFIRMATIONS - 2 } }).kind).toBe('suspect');
    // Other shrunken content seen before does not count.
    expect(judgeHtml(firstSectionOnly, { url, previous: july, shrink: { contentHash: 'f'.repeat(64), sightings: 9 } }).kind).toBe('suspect');
    expect(judgeHtml(firstSectionOnly, { url, previous: july, shrink: { contentHash: hash, sightings: SHRINK_CONFIRMATIONS - 1 } }).kind).toBe('changed');
  });
});
