/**
 * A streaming pass over the whole page that builds no DOM.
 *
 * Most of a France Diplomatie page is navigation that the extractor throws away; building a DOM
 * of all of it costs several times more than tokenising it (see docs/design.md, "Where the time
 * goes"). This pass finds where the few elements a profile reads begin and end, and picks up
 * the head facts the profiles need (`<html lang>`, `<title>`, canonical link), so that only the
 * content region is handed to cheerio.
 */
import { ExtractionError } from '../app/errors.ts';
import { scanMarkup, type MarkupHandler, type OpenTag } from './markup-scanner.ts';

/**
 * Elements nested deeper than the caller allows. Thrown from inside the scan, as soon as the
 * limit is passed: a page nested 100,000 levels deep is refused after its first thousand
 * openings instead of being tokenised whole (htmlparser2's tag stack makes that quadratic).
 */
export class NestingTooDeepError extends ExtractionError {
  readonly limit: number;
  constructor(limit: number) {
    super(`elements nested more than ${limit} levels deep`);
    this.limit = limit;
  }
}

export interface ScanLimits {
  /** Deepest element nesting allowed (the open-element stack the parser keeps); none by default. */
  maxDepth?: number;
}

/** An element described by tag and classes: enough to locate a profile's regions while streaming. */
export interface ElementPattern {
  /** Lower-case tag name; any tag when omitted. */
  tag?: string;
  /** Classes the element must all carry. */
  classes?: string[];
  /** Skip matches that sit inside one of these tags (a logo `h1` inside `header`). */
  notInside?: string[];
}

/** Half-open character range `[start, end)` of an element's outer HTML. */
export interface SourceRange {
  start: number;
  end: number;
}

export interface PageScan {
  /** `<html lang>` as written, or null. */
  lang: string | null;
  /** `<link rel="canonical" href>`, or null. */
  canonical: string | null;
  /** Text of `<title>`, or null. */
  headTitle: string | null;
  /** For each pattern name, the range of the first (outermost) matching element. */
  regions: Map<string, SourceRange>;
}

/** What an element that starts no region keeps on the stack. */
const NONE: readonly string[] = [];

/** Whether a `class` attribute value (undefined: none) carries every one of `classes`. */
function hasClasses(value: string | undefined, classes: string[] | undefined): boolean {
  if (classes === undefined || classes.length === 0) return true;
  if (value === undefined) return false;
  // Most class attributes of a page carry none of the classes looked for (a pattern of classes
  // alone is tried on every element): a substring search answers them without splitting.
  if (!classes.every((c) => value.includes(c))) return false;
  const own = value.split(/[ \t\n\f\r]+/);
  return classes.every((c) => own.includes(c));
}

/**
 * The character a numeric reference names, or U+FFFD for one that names none (0, a surrogate,
 * past U+10FFFF) as HTML decodes them: `String.fromCodePoint` throws on `&#9999999;`, which made
 * a page's `<title>` crash the extraction.
 */
function fromReference(code: number): string {
  if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(code);
}

/** Decodes the few entities a canonical URL or a title may carry, without a DOM. */
function decodeBasicEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, d: string) => fromReference(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => fromReference(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}

/** The attributes the scan reads: region classes and the head facts. */
const ATTRIBUTES = ['class', 'lang', 'rel', 'href'];

/**
 * Walks `html` once (markup-scanner.ts: the elements htmlparser2 would report, without building
 * them) and reports where each pattern first matches. With `limits.maxDepth` it is also the
 * nesting check that guards the parse after it (`NestingTooDeepError`), so a page is not
 * walked twice for it.
 *
 * Entities are not decoded here; the region slices are parsed again, with decoding, by cheerio.
 */
export function scanPage(html: string, patterns: Record<string, ElementPattern>, limits: ScanLimits = {}): PageScan {
  const regions = regionHandler(html, patterns, limits);
  scanMarkup(html, ATTRIBUTES, regions.handler);
  return regions.result();
}

/**
 * What the scan does with the elements a tokeniser reports: the regions, the head facts and the
 * nesting limit. Apart from the tokeniser so that test/helpers/reference-scan.ts can drive it
 * from htmlparser2 and the two tokenisers be compared on the same region logic.
 */
export function regionHandler(html: string, patterns: Record<string, ElementPattern>, limits: ScanLimits = {}): { handler: MarkupHandler; result(): PageScan } {
  const maxDepth = limits.maxDepth ?? Number.POSITIVE_INFINITY;
  // The handler is called for each of a page's thousands of elements: it tries only the patterns
  // that can match the tag at hand (in their declared order), allocates nothing for a tag that
  // starts no region, and counts open elements only of the names a `notInside` asks about.
  const entries = Object.entries(patterns);
  const byTag = new Map<string, Array<[string, ElementPattern]>>();
  const candidatesOf = (name: string): Array<[string, ElementPattern]> => {
    let candidates = byTag.get(name);
    if (candidates === undefined) {
      candidates = entries.filter(([, pattern]) => pattern.tag === undefined || pattern.tag === name);
      byTag.set(name, candidates);
    }
    return candidates;
  };
  const watched = new Set(entries.flatMap(([, pattern]) => pattern.notInside ?? []));
  const regions = new Map<string, SourceRange>();
  const open = new Set<string>();
  /** Names of the open elements, innermost last, and the pattern names each one starts. */
  const names: string[] = [];
  const starts: Array<readonly string[]> = [];
  /** How many elements of each watched name are open: `notInside` in constant time, not a stack walk per tag. */
  const openByName = new Map<string, number>();
  let lang: string | null = null;
  let canonical: string | null = null;
  let headTitle: string | null = null;
  let inTitle = false;
  let titleText = '';

  /** The pattern names whose region an element opening at `start` starts, or null for none. */
  const startsHere = (name: string, tag: OpenTag, start: number): string[] | null => {
    let into: string[] | null = null;
    // The element's class attribute, read (sliced from the page) once for all the patterns that ask.
    let classValue: string | undefined | null = null;
    for (const [key, pattern] of candidatesOf(name)) {
      if (regions.has(key) || open.has(key)) continue;
      if (pattern.classes !== undefined && pattern.classes.length > 0 && classValue === null) classValue = tag.attribute('class');
      if (!hasClasses(classValue ?? undefined, pattern.classes)) continue;
      if (pattern.notInside?.some((tagName) => (openByName.get(tagName) ?? 0) > 0)) continue;
      (into ??= []).push(key);
      open.add(key);
      regions.set(key, { start, end: html.length });
    }
    return into;
  };

  const handler: MarkupHandler = {
    open(name, start, tag) {
      if (name === 'html') {
        if (lang === null) lang = tag.attribute('lang') ?? null;
      } else if (name === 'link') {
        if (canonical === null && tag.attribute('rel')?.toLowerCase() === 'canonical') {
          const href = tag.attribute('href');
          canonical = href === undefined ? null : decodeBasicEntities(href);
        }
      } else if (name === 'title' && headTitle === null) {
        inTitle = true;
      }
      names.push(name);
      starts.push(startsHere(name, tag, start) ?? NONE);
      if (watched.has(name)) openByName.set(name, (openByName.get(name) ?? 0) + 1);
      // The parser's open-element stack, mirrored: void elements and implied ends (`<p>` after
      // `<p>`) are closed before they can add depth.
      if (names.length > maxDepth) throw new NestingTooDeepError(maxDepth);
    },
    text(start, end) {
      if (inTitle) titleText += html.slice(start, end);
    },
    close(_name, end) {
      const name = names.pop();
      if (name === undefined) return;
      const keys = starts.pop()!;
      if (watched.has(name)) openByName.set(name, openByName.get(name)! - 1);
      if (name === 'title' && inTitle) {
        inTitle = false;
        headTitle = decodeBasicEntities(titleText);
      }
      if (keys.length === 0) return;
      for (const key of keys) {
        open.delete(key);
        const range = regions.get(key);
        if (range !== undefined) range.end = Math.min(Math.max(end, range.start), html.length);
      }
    },
  };
  return { handler, result: () => ({ lang, canonical, headTitle, regions }) };
}

/**
 * The outer HTML of the given ranges, in page order, each range kept once: a range inside
 * another (an `h1` inside the article) is already part of its container's slice.
 */
export function sliceRegions(html: string, ranges: Iterable<SourceRange>): string {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: string[] = [];
  let coveredUntil = -1;
  for (const range of sorted) {
    if (range.end <= coveredUntil) continue;
    const start = Math.max(range.start, coveredUntil);
    parts.push(html.slice(start, range.end));
    coveredUntil = range.end;
  }
  return parts.join('\n');
}
