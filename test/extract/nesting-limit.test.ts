import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/extract-document.ts';
import { loadWholePage } from '../../src/extract/load-page.ts';
import { NestingTooDeepError, scanPage } from '../../src/extract/scan-page.ts';
import { MAX_NESTING_DEPTH } from '../../src/judge/assess-page.ts';
import { measureNestingDepth } from '../helpers/nesting-depth.ts';
import { judgeHtml } from '../judge/judge-task.ts';
import { deeplyNested } from '../helpers/fault-server.ts';
import { revisionHtml } from '../helpers/snapshots.ts';

/**
 * The nesting rule enforced by the extractor's streaming scan (issue 8 moved it there from a
 * separate regex pass): same limit, same verdict on real and hostile pages, and it stops early.
 */

const URL = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/';
/** `deeplyNested` wraps its divs in html, body and main, and puts a paragraph inside: four levels of its own. */
const WRAPPING = 4;

describe('scanPage with maxDepth', () => {
  it('allows the limit itself and refuses one level more', () => {
    expect(() => scanPage(deeplyNested(10 - WRAPPING), {}, { maxDepth: 10 })).not.toThrow();
    expect(() => scanPage(deeplyNested(11 - WRAPPING), {}, { maxDepth: 10 })).toThrow(NestingTooDeepError);
  });

  it('counts what the parser keeps open: implied ends and void elements add no depth', () => {
    const flat = `<html><body>${'<p>a'.repeat(5000)}${'<li>b'.repeat(5000)}${'<br><img src=x>'.repeat(5000)}</body></html>`;
    expect(() => scanPage(flat, {}, { maxDepth: 10 })).not.toThrow();
    const inScript = `<html><body><script>${'<div>'.repeat(5000)}</script><!-- ${'<div>'.repeat(5000)} --></body></html>`;
    expect(() => scanPage(inScript, {}, { maxDepth: 10 })).not.toThrow();
  });

  it('agrees with the regex measure on the recorded revisions of the real page', () => {
    for (const rev of ['2017-07-05', '2017-10-26', '2020-05'] as const) {
      const html = revisionHtml(rev);
      const depth = measureNestingDepth(html);
      expect(depth).toBeGreaterThan(5);
      // The parser's stack also holds implied-end elements the regex skips, so it is at least as deep.
      expect(() => scanPage(html, {}, { maxDepth: depth - 1 })).toThrow(NestingTooDeepError);
      expect(() => scanPage(html, {}, { maxDepth: MAX_NESTING_DEPTH })).not.toThrow();
    }
  });
});

describe('loadWholePage with maxDepth', () => {
  // A page of no known layout is parsed whole without a scan first: its DOM builder counts the
  // depth the scan would, on the same parser's opens and closes.
  it('refuses exactly where the scan refuses', () => {
    const pages = [
      ...[8, 9, 10, 11, 12].map((n) => deeplyNested(n - WRAPPING)),
      `<html><body>${'<p>a'.repeat(500)}${'<li>b'.repeat(500)}${'<br><img src=x>'.repeat(500)}</body></html>`,
      `<html><body><script>${'<div>'.repeat(500)}</script><!-- ${'<div>'.repeat(500)} --></body></html>`,
      `<table>${'<tr><td><table>'.repeat(4)}x`,
      `${'<div><span><b>'.repeat(4)}</p></br>x`,
    ];
    for (const html of pages) {
      let scan: unknown = null;
      let whole: unknown = null;
      try {
        scanPage(html, {}, { maxDepth: 10 });
      } catch (err) {
        scan = err;
      }
      try {
        loadWholePage(html, { maxDepth: 10 });
      } catch (err) {
        whole = err;
      }
      expect(whole === null ? null : (whole as Error).constructor).toBe(scan === null ? null : NestingTooDeepError);
      expect(scan === null ? null : (scan as Error).constructor).toBe(whole === null ? null : NestingTooDeepError);
    }
    expect(() => loadWholePage(deeplyNested(11 - WRAPPING), { maxDepth: 10 })).toThrow(NestingTooDeepError);
    expect(loadWholePage(deeplyNested(11 - WRAPPING)).partial).toBe(false);
  });
});

describe('extractDocument and the judge refuse deep pages without a separate pass', () => {
  it('refuses through the region scan and through the whole-page profile alike', () => {
    const deep = deeplyNested(MAX_NESTING_DEPTH + 1);
    expect(() => extractDocument(deep, { url: URL, maxDepth: MAX_NESTING_DEPTH })).toThrow(NestingTooDeepError);
    expect(() => extractDocument(deep, { url: URL, profile: 'generic', maxDepth: MAX_NESTING_DEPTH })).toThrow(NestingTooDeepError);
    // Without a limit the same page is extracted (the check is opt-in for library callers).
    expect(extractDocument(deeplyNested(200), { url: URL, profile: 'generic' }).sections.length).toBeGreaterThan(0);
  });

  it('the judge names the rule and the limit', () => {
    for (const profile of [null, 'generic']) {
      const out = judgeHtml(deeplyNested(MAX_NESTING_DEPTH + 1), { url: URL, profile });
      expect(out.kind).toBe('suspect');
      if (out.kind !== 'suspect') continue;
      expect(out.rule).toBe('nesting');
      expect(out.reason).toMatch(/more than 1000 levels deep \(limit 1000\)/);
    }
    expect(judgeHtml(deeplyNested(MAX_NESTING_DEPTH - 10), { url: URL }).kind).toBe('new');
  });

  it('stops tokenising a 100,000-level page early: the scan throws before reaching its text', () => {
    const deep = deeplyNested(100_000);
    let thrown: unknown = null;
    try {
      scanPage(deep, { article: { tag: 'p' } }, { maxDepth: MAX_NESTING_DEPTH });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(NestingTooDeepError);
    // Without the limit the same scan reaches the paragraph past the 100,000 openings.
    expect(scanPage(deeplyNested(2000), { article: { tag: 'p' } }).regions.has('article')).toBe(true);
  });
});
