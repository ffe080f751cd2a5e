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
import { DomHandler, Element, isTag, type AnyNode } from 'domhandler';
import { Parser } from 'htmlparser2';
import type { ElementPattern } from './scan-page.ts';
import { NestingTooDeepError, scanPage, sliceRegions, type ScanLimits } from './scan-page.ts';
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

/**
 * cheerio's own DOM builder, refusing elements nested deeper than `maxDepth` as the streaming
 * scan does (`scanPage`): the same parser calls open and close on it, so the depth it counts is
 * the scan's. Lets a page that is parsed whole be parsed once, not scanned first for its depth.
 */
class DepthLimitedHandler extends DomHandler {
  private depth = 0;
  constructor(private readonly maxDepth: number) {
    super();
  }
  override onopentag(name: string, attribs: Record<string, string>): void {
    if (++this.depth > this.maxDepth) throw new NestingTooDeepError(this.maxDepth);
    super.onopentag(name, attribs);
  }
  override onclosetag(): void {
    this.depth--;
    super.onclosetag();
  }
}

/**
 * `load(html)` of `cheerio/slim`: htmlparser2's `parseDocument` with cheerio's default options,
 * which are htmlparser2's; with `limits.maxDepth`, through `DepthLimitedHandler`.
 */
function parseWhole(html: string, limits: ScanLimits): CheerioAPI {
  if (limits.maxDepth === undefined) return load(html);
  const handler = new DepthLimitedHandler(limits.maxDepth);
  new Parser(handler).end(html);
  return load(handler.root);
}

/** The head facts a profile reads, from the first element of each kind. */
interface HeadElements {
  title: Element | null;
  html: Element | null;
  canonical: Element | null;
}

/**
 * The first `<title>`, the first `<html>` and the first `<link rel=canonical>` (the value
 * compared case-insensitively), in document order, as `$('title').first()`, `$('html')` and
 * `$('link[rel="canonical" i]')` would give them; in one walk that stops once all three are found,
 * where each selector walks the whole DOM. Depth first with a stack, not recursion: the DOM may
 * be nested as deep as the nesting limit allows.
 */
function findHeadElements(nodes: readonly AnyNode[]): HeadElements {
  const found: HeadElements = { title: null, html: null, canonical: null };
  const stack: AnyNode[] = [...nodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (!isTag(node)) continue;
    if (node.name === 'title') found.title ??= node;
    else if (node.name === 'html') found.html ??= node;
    else if (node.name === 'link' && node.attribs['rel']?.toLowerCase() === 'canonical') found.canonical ??= node;
    if (found.title !== null && found.html !== null && found.canonical !== null) break;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return found;
}

/**
 * Parses the whole page; with `limits.maxDepth`, refuses a page nested deeper
 * (`NestingTooDeepError`) as the scan would.
 *
 * The head facts come from `findHeadElements`: one walk, not three selectors over the DOM.
 */
export function loadWholePage(html: string, limits: ScanLimits = {}): PageView {
  const $ = gatherTopLevel(parseWhole(html, limits));
  const head = findHeadElements($.root()[0]!.children);
  return {
    $,
    partial: false,
    lang: head.html?.attribs['lang'] ?? null,
    canonical: head.canonical?.attribs['href'] ?? null,
    headTitle: head.title === null ? null : $(head.title).text(),
  };
}

/**
 * Parses only the regions matching `patterns`, or returns null when none of them is on the
 * page (the caller then parses the whole page). With `limits.maxDepth`, refuses a page nested
 * deeper (`NestingTooDeepError`), in the scan or in the slices.
 */
export function loadPageRegions(html: string, patterns: Record<string, ElementPattern>, limits: ScanLimits = {}): PageView | null {
  const scan = scanPage(html, patterns, limits);
  if (scan.regions.size === 0) return null;
  return {
    // The slices are parsed under the same nesting limit: the scan already refused a page nested
    // too deep, and this keeps that promise for what is parsed even where the scan and the parser
    // could read a hostile page differently (markup-scanner.ts).
    $: gatherTopLevel(parseWhole(sliceRegions(html, scan.regions.values()), limits)),
    partial: true,
    lang: scan.lang,
    canonical: scan.canonical,
    headTitle: scan.headTitle,
  };
}
