/**
 * Removing chrome from a content region in time linear in the region's size.
 *
 * Why not `$(region).find(selector).remove()`: cheerio's `find` hands the region's children to
 * css-select, which de-duplicates them with domutils `removeSubsets` — a `lastIndexOf` and an
 * `includes` over the whole list for every child, so a region with 16,000 children took 6 s
 * (issue 14); and each `remove()` splices its element out of its parent's child list, another
 * scan of the siblings per removed element. Here the descendants are collected by one walk,
 * matched one by one (css-select's plain filter: one compiled test per element, no
 * de-duplication), and the doomed ones are cut out of each parent's list in one pass.
 */
import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element, ParentNode } from 'domhandler';

/** Every element below `roots` (not the roots themselves), in document order. */
export function descendantElements(roots: readonly AnyNode[]): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [];
  for (let r = roots.length - 1; r >= 0; r--) {
    const root = roots[r]!;
    if ('children' in root) for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!);
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') out.push(node);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/**
 * Detaches `nodes` from their parents, each parent's child list rebuilt once: the same result
 * as removing them one by one, without a sibling scan per node.
 */
export function detachNodes(nodes: readonly AnyNode[]): void {
  if (nodes.length === 0) return;
  const doomed = new Set(nodes);
  const parents = new Set<ParentNode>();
  for (const node of nodes) if (node.parent !== null) parents.add(node.parent);
  for (const parent of parents) {
    const kept = parent.children.filter((child) => !doomed.has(child));
    for (let i = 0; i < kept.length; i++) {
      kept[i]!.prev = kept[i - 1] ?? null;
      kept[i]!.next = kept[i + 1] ?? null;
    }
    parent.children = kept;
  }
  for (const node of doomed) {
    node.parent = null;
    node.prev = null;
    node.next = null;
  }
}

/** A selector list split for matching: its bare tag names, and the rest with the attribute each needs. */
interface SplitSelector {
  tags: ReadonlySet<string>;
  /** The alternatives that are not a bare tag name, as one selector list for css-select ('' for none). */
  rest: string;
  /**
   * For each of `rest`'s alternatives, the attribute an element must have for it to match, or
   * null when it may match any element (`.x` needs `class`, `[role=x]` needs `role`).
   */
  needs: ReadonlyArray<string | null>;
}

const splitCache = new Map<string, SplitSelector>();

/**
 * Splits a selector list at its top-level commas (a comma inside brackets, parentheses or quotes
 * is part of its alternative). A bare tag name matches an element of that name, whatever its
 * attributes, in css-select as here; a class or attribute selector cannot match an element
 * without that attribute (css-select compares the attribute's value, absent on such an element).
 */
function splitSelector(selector: string): SplitSelector {
  let split = splitCache.get(selector);
  if (split !== undefined) return split;
  const alternatives: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let from = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i]!;
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      alternatives.push(selector.slice(from, i).trim());
      from = i + 1;
    }
  }
  alternatives.push(selector.slice(from).trim());
  const tags = new Set<string>();
  const rest: string[] = [];
  const needs: Array<string | null> = [];
  for (const alternative of alternatives) {
    if (/^[a-z][a-z0-9-]*$/.test(alternative)) {
      tags.add(alternative);
      continue;
    }
    rest.push(alternative);
    const attribute = /^\[([a-z][a-z0-9-]*)(?:[~|^$*]?=(?:[\w-]+|"[^"\\]*"|'[^'\\]*'))?\]$/.exec(alternative)?.[1];
    needs.push(/^\.[\w-]+$/.test(alternative) ? 'class' : (attribute ?? null));
  }
  split = { tags, rest: rest.join(', '), needs };
  splitCache.set(selector, split);
  return split;
}

function hasAnyAttribute(element: Element, names: readonly string[]): boolean {
  for (const name of names) if (element.attribs[name] !== undefined) return true;
  return false;
}

/**
 * Removes every element below `roots` that matches `selector` (a selector list of tags,
 * classes and attributes; a descendant combinator still works, only more slowly).
 *
 * css-select tests each element against every alternative of the list through a chain of
 * closures (1.3 ms for the generic profile's twenty on a 70 KB page, a third of parsing it): here
 * bare tag names are one set lookup, and css-select sees only the elements that carry an
 * attribute some other alternative needs.
 */
export function stripMatching($: CheerioAPI, roots: readonly AnyNode[], selector: string): void {
  const elements = descendantElements(roots);
  if (elements.length === 0) return;
  const { tags, rest, needs } = splitSelector(selector);
  const doomed: Element[] = [];
  const candidates: Element[] = [];
  const anyElement = needs.includes(null);
  const attributes = [...new Set(needs)] as string[];
  for (const element of elements) {
    if (tags.has(element.name)) doomed.push(element);
    else if (rest !== '' && (anyElement || hasAnyAttribute(element, attributes))) candidates.push(element);
  }
  if (candidates.length > 0) doomed.push(...$(candidates).filter(rest).toArray());
  detachNodes(doomed);
}
