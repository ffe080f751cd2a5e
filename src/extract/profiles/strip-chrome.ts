/**
 * Removal of chrome that has no reliable class name: skip links ("Quick access :") and share
 * widgets recognised by their label. Shared by the France Diplomatie profiles, whose older
 * captures carry these inside the content wrapper.
 *
 * Linear in the region's size whatever the page holds (issue 14): the text nodes are found by
 * one walk, and "is this element still small enough to be a widget" is answered from text
 * lengths computed once for the whole region, bottom-up and capped, not by reading the text of
 * every ancestor of every label (a page with thousands of "Share" labels read the whole region
 * once per label).
 */
import type { Cheerio } from 'cheerio/slim';
import type { AnyNode, Element, Text } from 'domhandler';
import { normalizeWhitespace } from '../normalize-text.ts';
import { detachNodes } from '../strip-elements.ts';

/** Labels that open a skip-link bar or a share widget, in the site's languages. */
const CHROME_LABEL = /^(?:(?:quick|direct) access|accès (?:rapide|direct)|schnellzugriff)\s*:|^(?:share|partager|teilen)\s*:?$/i;

/** A widget is small; anything longer is content that happens to start with the same word. */
const MAX_WIDGET_TEXT = 200;

/**
 * Removes, for every text node that is a chrome label, the largest element around it that is
 * still inside `root` and still small enough to be a widget rather than content.
 */
export function stripLabelledChrome(roots: Cheerio<AnyNode>): void {
  roots.each((_, root) => {
    const labels = findLabels(root);
    if (labels.length === 0) return;
    const lengths = measureTextLengths(root, MAX_WIDGET_TEXT);
    const doomed: Element[] = [];
    for (const label of labels) {
      let target: Element | null = null;
      for (let el = label.parent; el !== null && el !== root; el = el.parent) {
        if (el.type !== 'tag') break;
        if ((lengths.get(el) ?? 0) > MAX_WIDGET_TEXT) break;
        target = el as Element;
      }
      if (target !== null) doomed.push(target);
    }
    detachNodes(doomed);
  });
}

/** Text nodes below the elements below `root` (as `find('*').contents()` gives) that are labels. */
function findLabels(root: AnyNode): Text[] {
  const labels: Text[] = [];
  if (!('children' in root)) return labels;
  const stack: AnyNode[] = root.children.filter((c) => 'children' in c);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!('children' in node)) continue;
    for (const child of node.children) {
      if (child.type === 'text') {
        if (CHROME_LABEL.test(normalizeWhitespace(child.data))) labels.push(child);
      } else if ('children' in child) stack.push(child);
    }
  }
  return labels;
}

/** What the normalised text of a subtree looks like at its edges, to join subtrees exactly. */
interface TextShape {
  /** Length of the normalised (collapsed, trimmed) text, capped at `cap + 1`. */
  length: number;
  startsWithSpace: boolean;
  endsWithSpace: boolean;
}

const EMPTY: TextShape = { length: 0, startsWithSpace: false, endsWithSpace: false };

/** HTML whitespace: what `normalizeWhitespace` collapses. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

function shapeOfText(data: string, cap: number): TextShape {
  const normalized = normalizeWhitespace(data);
  if (normalized === '') return { ...EMPTY, startsWithSpace: data.length > 0, endsWithSpace: data.length > 0 };
  return {
    length: Math.min(normalized.length, cap + 1),
    startsWithSpace: isSpace(data.charCodeAt(0)),
    endsWithSpace: isSpace(data.charCodeAt(data.length - 1)),
  };
}

/** The shape of A followed by B: one space between them when either side had whitespace. */
function join(a: TextShape, b: TextShape, cap: number): TextShape {
  if (a.length === 0) return { length: b.length, startsWithSpace: a.startsWithSpace || b.startsWithSpace, endsWithSpace: b.length === 0 ? a.endsWithSpace || b.endsWithSpace : b.endsWithSpace };
  if (b.length === 0) return { length: a.length, startsWithSpace: a.startsWithSpace, endsWithSpace: a.endsWithSpace || b.endsWithSpace };
  const gap = a.endsWithSpace || b.startsWithSpace ? 1 : 0;
  return { length: Math.min(a.length + gap + b.length, cap + 1), startsWithSpace: a.startsWithSpace, endsWithSpace: b.endsWithSpace };
}

/**
 * The length of `normalizeWhitespace($(el).text())` for every element below `root`, exact up
 * to `cap` and `cap + 1` beyond it, in one post-order walk.
 */
function measureTextLengths(root: AnyNode, cap: number): Map<AnyNode, number> {
  const lengths = new Map<AnyNode, number>();
  const shapes = new Map<AnyNode, TextShape>();
  const stack: Array<{ node: AnyNode; visited: boolean }> = [{ node: root, visited: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    const node = top.node;
    if (!('children' in node)) continue;
    if (!top.visited) {
      stack.push({ node, visited: true });
      for (const child of node.children) if ('children' in child) stack.push({ node: child, visited: false });
      continue;
    }
    let shape = EMPTY;
    for (const child of node.children) {
      const part = child.type === 'text' ? shapeOfText(child.data, cap) : (shapes.get(child) ?? EMPTY);
      shape = join(shape, part, cap);
    }
    shapes.set(node, shape);
    lengths.set(node, shape.length);
  }
  return lengths;
}
