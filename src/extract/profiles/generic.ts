/**
 * The fallback for pages of no known layout: `main`, else the one `article`, else the element
 * that directly holds the most paragraph text. Site chrome (navigation, header, footer,
 * asides, forms) is removed from the whole page first, so that a long menu can never win.
 */
import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import type { SiteProfile } from './site-profile.ts';
import { NEVER_CONTENT } from './site-profile.ts';
import { normalizeWhitespace } from '../normalize-text.ts';
import { stripLabelledChrome } from './strip-chrome.ts';
import { TOP_LEVEL_WRAPPER } from '../load-page.ts';
import { visibleText } from '../visible-text.ts';
import { descendantElements, stripMatching } from '../strip-elements.ts';

const CHROME = ['nav', 'header', 'footer', 'aside', 'form', 'button', '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[aria-hidden=true]'];

/** Everything removed from the whole page before its content is looked for. */
const STRIPPED = [...NEVER_CONTENT, ...CHROME].join(', ');

function hasText($: CheerioAPI, el: AnyNode): boolean {
  return normalizeWhitespace($(el).text()) !== '';
}

/** An element of the page: not the document, nor the wrapper that stands for it (load-page.ts). */
function isElement(node: AnyNode | null): node is Element {
  return node !== null && node.type === 'tag' && node.name !== TOP_LEVEL_WRAPPER;
}

/** The elements whose text `findLargestTextBlock` scores. */
const TEXT_BLOCKS = new Set(['p', 'li', 'pre', 'blockquote', 'td']);

/** Where a heading is the page's title before any other `h1`. */
const MAIN_OR_ARTICLE = new Set(['main', 'article']);

/** Whether an ancestor element of `el` has one of `names` (a descendant combinator, `main h1`). */
function hasAncestor(el: Element, names: ReadonlySet<string>): boolean {
  for (let node = el.parent; node !== null && node.type === 'tag'; node = node.parent) if (names.has(node.name)) return true;
  return false;
}

/** The element whose paragraphs and list items add up to the most text (a readability-style score). */
function findLargestTextBlock($: CheerioAPI, elements: readonly Element[]): Element | null {
  const scores = new Map<Element, number>();
  for (const el of elements) {
    if (!TEXT_BLOCKS.has(el.name)) continue;
    const length = normalizeWhitespace($(el).text()).length;
    const parent = el.parent;
    if (length === 0 || !isElement(parent)) continue;
    // List items count for the list's container, not the bare <ul>.
    const holder = (el.name === 'li' && isElement(parent.parent) ? parent.parent : parent) as Element;
    scores.set(holder, (scores.get(holder) ?? 0) + length);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) {
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

export const genericProfile: SiteProfile = {
  name: 'generic',
  detect() {
    return true;
  },
  findContent({ $ }) {
    stripMatching($, $.root().toArray(), STRIPPED);
    // The page's elements in document order, walked once for every lookup below: each `$(selector)`
    // would walk the whole DOM again (css-select: about a tenth of parsing the page, each).
    const elements = descendantElements($.root().toArray());
    for (const isMain of [(el: Element) => el.name === 'main', (el: Element) => el.attribs['role'] === 'main']) {
      const found = elements.find((el) => isMain(el) && hasText($, el));
      if (found !== undefined) return $(found);
    }
    const articles = $(elements.filter((el) => el.name === 'article')).filter((_, el) => hasText($, el) && $(el).parents('article').length === 0);
    if (articles.length === 1) return articles;
    const block = findLargestTextBlock($, elements);
    if (block !== null) return $(block);
    const body = $('body').first();
    if (body.length > 0 && hasText($, body[0]!)) return body;
    const root = $.root();
    return hasText($, root[0]!) ? root : null;
  },
  findTitle({ $, headTitle }) {
    // `$('main h1, article h1').first()`, else `$('h1').first()`: one walk, not two selector queries.
    const headings = descendantElements($.root().toArray()).filter((el) => el.name === 'h1');
    const inMain = headings.find((el) => hasAncestor(el, MAIN_OR_ARTICLE));
    const h1 = (inMain === undefined ? '' : visibleText(inMain)) || (headings.length === 0 ? '' : visibleText(headings[0]!));
    const title = normalizeWhitespace(h1);
    if (title !== '') return title;
    const og = normalizeWhitespace($('meta[property="og:title"]').attr('content') ?? '');
    if (og !== '') return og;
    return headTitle === null ? null : normalizeWhitespace(headTitle) || null;
  },
  strip: ['h1'],
  stripByText(_view, content) {
    stripLabelledChrome(content);
  },
};
