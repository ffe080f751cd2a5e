import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/extract/profiles/index.ts';
import { NestingTooDeepError, scanPage, type ElementPattern } from '../../src/extract/scan-page.ts';
import { referenceScan } from '../helpers/reference-scan.ts';
import { revisionHtml } from '../helpers/snapshots.ts';

/**
 * The region scan walks pages with its own scanner (markup-scanner.ts) for speed; cheerio then
 * parses the slices it cuts with htmlparser2. Held here to the same scan written on htmlparser2's
 * `Parser` (test/helpers/reference-scan.ts): same regions to the character, same head facts, same
 * nesting verdict — on the real pages and on generated markup made of the characters and
 * constructs where tokenisers disagree (cut-off tags, quotes, comments, raw-text elements,
 * foreign content, implied ends).
 */

/** Every profile's region patterns, as the extractor scans for them when no profile is named. */
const PATTERNS: Record<string, ElementPattern> = Object.fromEntries(
  PROFILES.flatMap((profile) => Object.entries(profile.regions ?? {}).map(([name, pattern]) => [`${profile.name}:${name}`, pattern])),
);
/** Patterns that match often in generated markup: tags, classes, `notInside`, void and raw-text elements. */
const BUSY: Record<string, ElementPattern> = {
  div: { tag: 'div' },
  texte: { classes: ['texte'] },
  p: { tag: 'p' },
  h1: { tag: 'h1', notInside: ['nav', 'svg'] },
  td: { tag: 'td', classes: ['a'] },
  br: { tag: 'br' },
  title: { tag: 'title' },
  script: { tag: 'script' },
  svgTitle: { tag: 'title', notInside: ['p'] },
  li: { tag: 'li' },
};

type Outcome = { kind: 'scan'; value: unknown } | { kind: 'deep' };

function run(scan: typeof scanPage, html: string, patterns: Record<string, ElementPattern>, maxDepth?: number): Outcome {
  try {
    const result = scan(html, patterns, maxDepth === undefined ? {} : { maxDepth });
    return { kind: 'scan', value: { ...result, regions: [...result.regions].sort(([a], [b]) => a.localeCompare(b)) } };
  } catch (err) {
    if (err instanceof NestingTooDeepError) return { kind: 'deep' };
    throw err;
  }
}

function expectSame(html: string, maxDepth?: number): void {
  for (const patterns of [PATTERNS, BUSY]) {
    expect(run(scanPage, html, patterns, maxDepth), JSON.stringify(html.slice(0, 300))).toEqual(run(referenceScan, html, patterns, maxDepth));
  }
}

/** Pieces of markup, hostile ones among them, glued at random. */
const piece = fc.constantFrom(
  '<div>', '</div>', '<div class="texte">', '<DIV CLASS=texte>', '<div class=\'a texte\'>', '<p>', '</p>', '<p class=a>', '<h1>', '</h1>',
  '<nav>', '</nav>', '<li>', '<ul>', '</ul>', '<table>', '<tr>', '<td class="a">', '</td>', '<tbody>', '<br>', '</br>', '<br/>', '<img src=x>',
  '<svg>', '</svg>', '<svg/>', '<math>', '<g/>', '<title/>', '<title>', '</title>', '<desc>', '</desc>', '<foreignObject>', '</foreignobject>',
  '<script>', '</script>', '</SCRIPT >', '<script/>', '<style>', '</style>', '<textarea>', '</textarea', '<xmp>', '</xmp>',
  '<!--', '-->', '--->', '<!-->', '<!--->', '<!---->', '<!', '<!-', '<!x>', '<!>', '<![CDATA[', ']]>', '<![CDAT', '<?', '<?x>', '</', '</>', '</ >',
  '</ div>', '</1>', '</div/>', '<', '>', '/', '/>', ' / >', '"', "'", '=', ' ', '\n', '\t', 'a', 'x', '&amp;', '&#9999999;', 'texte',
  ' class=', ' class="texte"', ' lang=fr', ' rel=canonical href=/x', ' lang="de" lang="fr"', ' a="b>c"', " a='>'", ' a=b>c', ' /x',
  '<html lang="en">', '<link rel="Canonical" href="https://e.example/&amp;x">', '<head>', '<body>', '<main>', '<article class="article">',
  '<div class="chapo">', '<div class="milieu mbm">', '<article class="node--view-mode-full">', '<div class="diplomatie--hdp">',
  '<s', '<scr', '<script', '<t', '<titl', '<x', '<xm', '<sx', '<p', '<p ', '<p a', '<p a=', '<p a="', '<p /', '\u001c\u000fscript>', '<İ>', '</ı>',
);
const markup = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

/** A real page with random edits made of the same pieces. */
const PAGES = (['2017-07-05', '2017-10-26', '2020-05'] as const).map(revisionHtml);
const mutated = fc
  .tuple(fc.constantFrom(...PAGES), fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), cut: fc.integer({ min: 0, max: 400 }), insert: markup }), { minLength: 1, maxLength: 4 }))
  .map(([page, edits]) => {
    let html = page;
    for (const edit of edits) {
      const i = Math.floor(edit.at * html.length);
      html = html.slice(0, i) + edit.insert + html.slice(i + edit.cut);
    }
    return html;
  });

describe('scanPage (markup-scanner.ts) against the scan on htmlparser2', () => {
  it('finds the same regions and head facts on the recorded revisions, whole and cut off anywhere', () => {
    for (const html of PAGES) {
      expectSame(html);
      expectSame(html, 12);
      for (let cut = 0; cut < html.length; cut += 997) expectSame(html.slice(0, cut));
    }
  });

  it('agrees on generated hostile markup', () => {
    fc.assert(
      fc.property(markup, (html) => {
        expectSame(html);
        expectSame(html, 4);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on real pages with hostile edits', () => {
    fc.assert(
      fc.property(mutated, (html) => {
        expectSame(html);
      }),
      { numRuns: 150 },
    );
  });
});
