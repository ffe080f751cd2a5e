import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FactwatchError } from '../../src/app/errors.ts';
import { diffDocuments } from '../../src/diff/diff-documents.ts';
import { isEmptyChange } from '../../src/diff/is-empty-change.ts';
import { summarizeChange } from '../../src/describe/summarize-change.ts';
import { extractDocument } from '../../src/extract/extract-document.ts';
import type { PageDocument } from '../../src/model/index.ts';
import { assessContent, assessMarkup, smallVisibleText } from '../../src/judge/assess-page.ts';
import { measureNestingDepth } from '../helpers/nesting-depth.ts';
import { revisionHtml } from '../helpers/snapshots.ts';

/**
 * Fuzzing (issue 5): random and mutated HTML through the extractor, the diff and the page
 * assessment. The promise: no exception but our typed errors (`FactwatchError`), and every
 * input finishes (vitest's per-test timeout bounds the whole run; inputs are bounded in size
 * so each one is small work). Runs are few enough for CI on two shared cores; the seed is
 * printed by fast-check on failure, so a failing input can be replayed.
 */

const RUNS = 60;
const BASE = revisionHtml('2017-07-05');
const OTHER = revisionHtml('2017-10-26');

/** Extracts, or returns null for a typed refusal; anything else fails the property. */
function extractOrNull(html: string): PageDocument | null {
  try {
    return extractDocument(html, { url: 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/' });
  } catch (err) {
    if (err instanceof FactwatchError) return null;
    throw err;
  }
}

const words = fc.constantFrom(
  'France', 'North Korea', '€8.2 million', 'in 2016', '7 millions d’euros', '120 500 km²', '25,3 %', 'third-largest',
  '160ème', 'Stand: März 2011', 'on 6 April and 16 October 2017', 'Seven of them', '&amp;', '&#8364;', '&nbsp;', '<', '>', '"',
);
const tags = fc.constantFrom('div', 'p', 'h1', 'h2', 'h3', 'ul', 'li', 'table', 'tr', 'td', 'span', 'a', 'script', 'style', 'main', 'article', 'section', 'br', 'img');

/** Random markup trees of bounded depth and width, with text that looks like a fact page's. */
const randomHtml: fc.Arbitrary<string> = fc
  .letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.array(words, { maxLength: 6 }).map((w) => w.join(' ')),
      fc
        .record({
          tag: tags,
          attr: fc.constantFrom('', ' class="texte"', ' id="main"', ' href="javascript:alert(1)"', ' lang="fr"', ' onclick="x()"'),
          children: fc.array(tie('node'), { maxLength: 4 }),
          closed: fc.boolean(),
        })
        .map(({ tag, attr, children, closed }) => `<${tag}${attr}>${children.join('')}${closed ? `</${tag}>` : ''}`),
    ),
  }))
  .node.map((body) => `<!doctype html><html><head><title>France and North Korea</title></head><body>${body}</body></html>`);

/** A real page with a few random edits: cuts, duplications, inserted junk, swapped bytes. */
const mutatedPage: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(BASE, OTHER),
    fc.array(
      fc.record({
        kind: fc.constantFrom('cut', 'dup', 'insert', 'truncate'),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        len: fc.integer({ min: 1, max: 2000 }),
        junk: fc.string({ maxLength: 40 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  )
  .map(([page, edits]) => {
    let html = page;
    for (const e of edits) {
      const i = Math.floor(e.at * html.length);
      if (e.kind === 'cut') html = html.slice(0, i) + html.slice(i + e.len);
      else if (e.kind === 'dup') html = html.slice(0, i + e.len) + html.slice(i, i + e.len) + html.slice(i + e.len);
      else if (e.kind === 'insert') html = html.slice(0, i) + e.junk + html.slice(i);
      else html = html.slice(0, i);
    }
    return html;
  });

describe('fuzz: extractor', () => {
  it('extracts random markup or refuses it with a typed error', () => {
    fc.assert(
      fc.property(randomHtml, (html) => {
        const doc = extractOrNull(html);
        if (doc) {
          expect(typeof doc.title).toBe('string');
          for (const f of doc.figures) expect(typeof f.key).toBe('string');
          // Script source never becomes content.
          expect(JSON.stringify(doc)).not.toContain('javascript:');
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('extracts mutated real pages or refuses them with a typed error', () => {
    fc.assert(
      fc.property(mutatedPage, (html) => {
        extractOrNull(html);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it('survives arbitrary strings, including unbalanced and binary-looking input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (s) => {
        extractOrNull(s);
        assessMarkup(s, null);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzz: diff', () => {
  const docs = fc.oneof(randomHtml, mutatedPage).map(extractOrNull).filter((d): d is PageDocument => d !== null);

  it('diffs any two extracted documents without throwing, and a document against itself to nothing', () => {
    fc.assert(
      fc.property(docs, docs, (a, b) => {
        const change = diffDocuments(a, b);
        expect(typeof summarizeChange(change)).toBe('string');
        expect(isEmptyChange(diffDocuments(a, a))).toBe(true);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it('is symmetric in what it adds and removes', () => {
    fc.assert(
      fc.property(docs, docs, (a, b) => {
        const ab = diffDocuments(a, b);
        const ba = diffDocuments(b, a);
        expect([...ab.sections.added].sort()).toEqual([...ba.sections.removed].sort());
        expect(ab.figures.added.map((f) => f.key).sort()).toEqual(ba.figures.removed.map((f) => f.key).sort());
      }),
      { numRuns: RUNS / 2 },
    );
  });
});

describe('fuzz: page assessment', () => {
  it('measures nesting depth of generated trees exactly when every element is closed', () => {
    const tree: fc.Arbitrary<{ html: string; depth: number }> = fc.letrec<{ t: { html: string; depth: number } }>((tie) => ({
      t: fc.oneof(
        { depthSize: 'small' },
        fc.constant({ html: 'x', depth: 0 }),
        fc.record({ tag: fc.constantFrom('div', 'span', 'section', 'em'), kids: fc.array(tie('t'), { maxLength: 3 }) }).map(({ tag, kids }) => ({
          html: `<${tag}>${kids.map((k) => k.html).join('')}</${tag}>`,
          depth: 1 + Math.max(0, ...kids.map((k) => k.depth)),
        })),
      ),
    })).t;
    fc.assert(
      fc.property(tree, ({ html, depth }) => {
        expect(measureNestingDepth(html)).toBe(depth);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads the visible text of small pages as the whole-page strip does, and stops on large ones', () => {
    // The reference: strip the whole page, then collapse (what the soft-error rule did before it
    // learnt to stop early). One pass over comments, raw-text blocks and tags: in two passes, the
    // "<" and ">" around a removed block ("<<style></style>>") would join into a tag of their own.
    const reference = (html: string) =>
      html
        .replace(/<!--[\s\S]*?(?:-->|$)|<(script|style|noscript|template|head)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)|<[^<>]*>/gi, ' ')
        .replace(/&nbsp;|&#160;/gi, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    fc.assert(
      fc.property(fc.oneof(randomHtml, mutatedPage), fc.integer({ min: 20, max: 3000 }), (html, limit) => {
        const full = reference(html);
        const text = smallVisibleText(html, limit);
        if (full.length < limit) expect(text).toBe(full);
        else expect(text).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('never flags a page as shrunk against itself', () => {
    const docs = fc.oneof(randomHtml, mutatedPage).map(extractOrNull).filter((d): d is PageDocument => d !== null);
    fc.assert(
      fc.property(docs, (d) => {
        expect(assessContent(d, d)).toBeNull();
      }),
      { numRuns: RUNS / 2 },
    );
  });
});
