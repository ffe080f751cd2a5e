/**
 * `select` and `exclude`: CSS selectors from a source's configuration, read by the same engine
 * the profiles use (cheerio's css-select), so a selector that validates is a selector that works.
 */
import { load, type CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { descendantElements, stripMatching } from '../strip-elements.ts';

/** A one-element document to compile selectors against (compiling is what finds their errors). */
let probe: CheerioAPI | null = null;

/** Why `selector` is not a selector css-select can run, or null when it is. */
export function selectorProblem(selector: string): string | null {
  if (selector.trim() === '') return 'an empty selector';
  probe ??= load('<p></p>', null, false);
  try {
    probe('p').is(selector);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Removes every element the `exclude` selectors match from the whole page: before anything else reads it. */
export function removeExcluded($: CheerioAPI, selectors: readonly string[] | undefined): void {
  if (selectors === undefined || selectors.length === 0) return;
  stripMatching($, $.root().toArray(), selectors.join(', '));
}

/**
 * The elements the `select` selectors match, in page order, without those inside another match
 * (`div.texte, div.texte p` would otherwise read each paragraph twice).
 */
export function selectedElements($: CheerioAPI, selectors: readonly string[]): Element[] {
  const elements = descendantElements($.root().toArray());
  const matched = new Set($(elements).filter(selectors.join(', ')).toArray());
  return [...matched].filter((el) => !hasAncestorIn(el, matched));
}

function hasAncestorIn(el: AnyNode, set: ReadonlySet<AnyNode>): boolean {
  for (let node = el.parent; node !== null; node = node.parent) if (set.has(node)) return true;
  return false;
}
