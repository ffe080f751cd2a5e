/**
 * The text a reader sees in an element: its text nodes in order, without what never shows —
 * the source of a `<script>` or `<style>`, a `<template>`, an `<svg>`… (`NEVER_CONTENT`).
 * cheerio's `.text()` includes them, so a page whose title heading holds a script
 * (`<h1><script>…</script>France</h1>`) had its script source as the version's title. Titles,
 * stamps and section headings are all read through here. Iterative: a heading nested 100,000
 * deep is no deeper a call stack.
 */
import type { AnyNode } from 'domhandler';
import { NEVER_CONTENT } from './profiles/site-profile.ts';

const HIDDEN: ReadonlySet<string> = new Set(NEVER_CONTENT);

export function visibleText(node: AnyNode): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') out += n.data;
    else if (n.type === 'root' || (n.type === 'tag' && !HIDDEN.has(n.name))) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return out;
}
