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
import { stripMatching } from '../strip-elements.ts';

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

/** The element whose paragraphs and list items add up to the most text (a readability-style score). */
function findLargestTextBlock($: CheerioAPI): Element | null {
  const scores = new Map<Element, number>();
  $('p, li, pre, blockquote, td').each((_, el) => {
    const length = normalizeWhitespace($(el).text()).length;
    const parent = el.parent;
    if (length === 0 || !isElement(parent)) return;
    // List items count for the list's container, not the bare <ul>.
    const holder = (el.name === 'li' && isElement(parent.parent) ? parent.parent : parent) as Element;
    scores.set(holder, (scores.get(holder) ?? 0) + length);
  });
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
    for (const selector of ['main', '[role=main]']) {
      const found = $(selector).filter((_, el) => hasText($, el)).first();
      if (found.length > 0) return found;
    }
    const articles = $('article').filter((_, el) => hasText($, el) && $(el).parents('article').length === 0);
    if (articles.length === 1) return articles;
    const block = findLargestTextBlock($);
    if (block !== null) return $(block);
    const body = $('body').first();
    if (body.length > 0 && hasText($, body[0]!)) return body;
    const root = $.root();
    return hasText($, root[0]!) ? root : null;
  },
  findTitle({ $, headTitle }) {
    const h1 = $('main h1, article h1').first().text() || $('h1').first().text();
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
