/**
 * Removal of chrome that has no reliable class name: skip links ("Quick access :") and share
 * widgets recognised by their label. Shared by the France Diplomatie profiles, whose older
 * captures carry these inside the content wrapper.
 */
import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { normalizeWhitespace } from '../normalize-text.ts';

/** Labels that open a skip-link bar or a share widget, in the site's languages. */
const CHROME_LABEL = /^(?:(?:quick|direct) access|accès (?:rapide|direct)|schnellzugriff)\s*:|^(?:share|partager|teilen)\s*:?$/i;

/** A widget is small; anything longer is content that happens to start with the same word. */
const MAX_WIDGET_TEXT = 200;

/**
 * Removes, for every text node that is a chrome label, the largest element around it that is
 * still inside `root` and still small enough to be a widget rather than content.
 */
export function stripLabelledChrome($: CheerioAPI, roots: Cheerio<AnyNode>): void {
  roots.each((_, root) => {
    const doomed: Element[] = [];
    $(root)
      .find('*')
      .contents()
      .each((_, node) => {
        if (node.type !== 'text' || !CHROME_LABEL.test(normalizeWhitespace(node.data))) return;
        let target: Element | null = null;
        for (let el = node.parent; el !== null && el !== root; el = el.parent) {
          if (el.type !== 'tag') break;
          if (normalizeWhitespace($(el).text()).length > MAX_WIDGET_TEXT) break;
          target = el as Element;
        }
        if (target !== null) doomed.push(target);
      });
    for (const el of doomed) $(el).remove();
  });
}
