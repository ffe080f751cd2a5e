/**
 * France Diplomatie, Drupal + French state design system (2025+).
 *
 * Known layout: article `article.node--view-mode-full`, body in `.fr-prose`, header block
 * `.diplomatie--hdp` holding the `h1` and the stamp `.diplomatie--hdp-date--changed`
 * ("Date de mise à jour le : 15 septembre 2026"), breadcrumb `.fr-breadcrumb`.
 */
import type { SiteProfile } from './site-profile.ts';
import { stripLabelledChrome } from './strip-chrome.ts';
import { normalizeWhitespace } from '../normalize-text.ts';
import { visibleText } from '../visible-text.ts';

const ARTICLE = 'article.node--view-mode-full';

export const diplomatie2025Profile: SiteProfile = {
  name: 'diplomatie-2025',
  regions: {
    title: { tag: 'h1', notInside: ['nav', 'footer'] },
    article: { tag: 'article', classes: ['node--view-mode-full'] },
    hdp: { classes: ['diplomatie--hdp'] },
  },
  detect($) {
    return $(ARTICLE).length > 0 || $('.diplomatie--hdp').length > 0;
  },
  findContent({ $ }) {
    // Drupal paragraphs may give several prose blocks; nested ones are read with their parent.
    const prose = $(`${ARTICLE} .fr-prose`).filter((_, el) => $(el).parents('.fr-prose').length === 0);
    if (prose.length > 0) return prose;
    const article = $(ARTICLE).first();
    if (article.length > 0) return article;
    const anyProse = $('.fr-prose').first();
    return anyProse.length > 0 ? anyProse : null;
  },
  findTitle({ $ }) {
    for (const selector of ['.diplomatie--hdp h1', `${ARTICLE} h1`, 'h1']) {
      const h1 = $(selector).get(0);
      const title = h1 === undefined ? '' : normalizeWhitespace(visibleText(h1));
      if (title !== '') return title;
    }
    return null;
  },
  findStamp({ $ }) {
    const found = $('.diplomatie--hdp-date--changed').get(0);
    const stamp = found === undefined ? '' : normalizeWhitespace(visibleText(found));
    return stamp === '' ? null : stamp;
  },
  strip: [
    'h1',
    'nav',
    'form',
    'button',
    '.diplomatie--hdp',
    '.fr-breadcrumb',
    '.fr-share',
    '.fr-btns-group',
    '.fr-tags-group',
    '.fr-sidemenu',
  ],
  stripByText(_view, content) {
    stripLabelledChrome(content);
  },
};
