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

/**
 * Removes every element below `roots` that matches `selector` (a selector list of tags,
 * classes and attributes; a descendant combinator still works, only more slowly).
 */
export function stripMatching($: CheerioAPI, roots: readonly AnyNode[], selector: string): void {
  const elements = descendantElements(roots);
  if (elements.length === 0) return;
  detachNodes($(elements).filter(selector).toArray());
}
