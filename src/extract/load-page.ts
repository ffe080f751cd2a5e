/**
 * Builds the `PageView` a profile reads, the cheap way when possible.
 *
 * Fast path: one streaming pass (no DOM) locates the regions the candidate profiles declare,
 * and cheerio parses only those slices — on a France Diplomatie page a few KB out of ~70 KB,
 * the rest being navigation. Slow path: the whole page, for the generic profile or when no
 * region was found. Both use cheerio's htmlparser2 backend (`cheerio/slim`), about three times
 * faster than the default parse5 on these pages.
 */
import { load, type CheerioAPI } from 'cheerio/slim';
import { Element } from 'domhandler';
import type { ElementPattern } from './scan-page.ts';
import { scanPage, sliceRegions, type ScanLimits } from './scan-page.ts';
import type { PageView } from './profiles/site-profile.ts';

/**
 * Name of the element that holds a document's top-level nodes when there are many of them
 * (see `gatherTopLevel`); the generic profile treats it as the document itself.
 */
export const TOP_LEVEL_WRAPPER = 'factwatch-top-level';

/** More top-level nodes than this are gathered under one wrapper element. */
const MAX_TOP_LEVEL_NODES = 32;

/**
 * Puts the document's top-level nodes under one element when there are many. htmlparser2
 * implies no `<html>`/`<body>`, so a page of 16,000 bare `<p>` has them all at the root, and
 * every `$(selector)` on it hands them to css-select's `removeSubsets`, which is quadratic in
 * their number (16,000 nodes: seconds per query). Under one wrapper every query sees one root
 * child. Selectors, text and sections come out the same: the wrapper has no attributes, and an
 * unknown inline element is walked like the document root.
 */
function gatherTopLevel($: CheerioAPI): CheerioAPI {
  const root = $.root()[0]!;
  if (root.children.length <= MAX_TOP_LEVEL_NODES) return $;
  const wrapper = new Element(TOP_LEVEL_WRAPPER, {}, root.children);
  for (const child of root.children) child.parent = wrapper;
  wrapper.parent = root;
  root.children = [wrapper];
  return $;
}

/** Parses the whole page. */
export function loadWholePage(html: string): PageView {
  const $ = gatherTopLevel(load(html));
  const title = $('title').first();
  return {
    $,
    partial: false,
    lang: $('html').attr('lang') ?? null,
    canonical: $('link[rel="canonical" i]').attr('href') ?? null,
    headTitle: title.length > 0 ? title.text() : null,
  };
}

/**
 * Parses only the regions matching `patterns`, or returns null when none of them is on the
 * page (the caller then parses the whole page).
 */
export function loadPageRegions(html: string, patterns: Record<string, ElementPattern>, limits: ScanLimits = {}): PageView | null {
  const scan = scanPage(html, patterns, limits);
  if (scan.regions.size === 0) return null;
  return {
    $: gatherTopLevel(load(sliceRegions(html, scan.regions.values()))),
    partial: true,
    lang: scan.lang,
    canonical: scan.canonical,
    headTitle: scan.headTitle,
  };
}
