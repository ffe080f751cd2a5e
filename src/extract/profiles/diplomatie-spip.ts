/**
 * France Diplomatie, SPIP era (≈2011–2024).
 *
 * Known from third-party scrapers (no saved HTML exists): body in `div.texte > div.texte`
 * (an older variant wraps content in `div.milieu.mbm`), lead in `div.chapo`, title in `h1`.
 * Captures of 2012–2016 open with a "Quick access :" skip bar, later ones with a "Share"
 * widget; both are chrome.
 */
import type { SiteProfile } from './site-profile.ts';
import { stripLabelledChrome } from './strip-chrome.ts';
import { normalizeWhitespace } from '../normalize-text.ts';
import { visibleText } from '../visible-text.ts';

export const diplomatieSpipProfile: SiteProfile = {
  name: 'diplomatie-spip',
  regions: {
    title: { tag: 'h1', notInside: ['nav', 'footer'] },
    chapo: { tag: 'div', classes: ['chapo'] },
    texte: { tag: 'div', classes: ['texte'] },
    milieu: { tag: 'div', classes: ['milieu', 'mbm'] },
  },
  detect($) {
    return $('div.texte').length > 0 || $('div.milieu.mbm').length > 0;
  },
  findContent({ $ }) {
    for (const selector of ['div.texte > div.texte', 'div.texte', 'div.milieu.mbm']) {
      const found = $(selector).first();
      if (found.length > 0) return found;
    }
    return null;
  },
  findLead({ $ }) {
    return $('div.chapo').first();
  },
  findTitle({ $ }) {
    const h1 = $('h1')
      .filter((_, el) => $(el).closest('nav, footer').length === 0)
      .get(0);
    const title = h1 === undefined ? '' : normalizeWhitespace(visibleText(h1));
    return title === '' ? null : title;
  },
  strip: [
    'h1',
    'nav',
    'form',
    'button',
    '.partage',
    '.share',
    '.social',
    '.addthis',
    '.acces-rapide',
    '.skip-links',
    '.ariane',
    '.breadcrumb',
  ],
  stripByText(_view, content) {
    stripLabelledChrome(content);
  },
};
