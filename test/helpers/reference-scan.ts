/**
 * The region scan as it was written on htmlparser2's own `Parser` (until issue 19's speed work):
 * the reference that test/extract/markup-scanner.test.ts holds `scanPage` to.
 *
 * (What follows is the original description.) A streaming pass over the whole page that builds no DOM.
 *
 * Most of a France Diplomatie page is navigation that the extractor throws away; building a DOM
 * of all of it costs several times more than tokenising it (see docs/design.md, "Where the time
 * goes"). This pass finds where the few elements a profile reads begin and end, and picks up
 * the head facts the profiles need (`<html lang>`, `<title>`, canonical link), so that only the
 * content region is handed to cheerio.
 */
import { Parser } from 'htmlparser2';
import { NestingTooDeepError, type ElementPattern, type PageScan, type ScanLimits, type SourceRange } from '../../src/extract/scan-page.ts';

/** What an element that starts no region keeps on the stack. */
const NONE: readonly string[] = [];

function hasClasses(attribs: Record<string, string>, classes: string[] | undefined): boolean {
  if (classes === undefined || classes.length === 0) return true;
  const value = attribs['class'];
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

/**
 * Tokenises `html` once and reports where each pattern first matches. With `limits.maxDepth` it
 * is also the nesting check that guards the parse after it (`NestingTooDeepError`), so a page
 * is not tokenised twice for it.
 *
 * Entities are not decoded here (it is the costliest part of tokenising and only three
 * attribute values are kept); the region slices are parsed again, with decoding, by cheerio.
 */
export function referenceScan(html: string, patterns: Record<string, ElementPattern>, limits: ScanLimits = {}): PageScan {
  const maxDepth = limits.maxDepth ?? Number.POSITIVE_INFINITY;
  // The scan's time is htmlparser2's tokeniser plus this handler, called for each of a page's
  // thousands of tags: the handler tries only the patterns that can match the tag at hand (in
  // their declared order), allocates nothing for a tag that starts no region, and counts open
  // elements only of the names a `notInside` asks about.
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

  /** The pattern names whose region `name, attribs` starts, or null for none. */
  const startsHere = (name: string, attribs: Record<string, string>): string[] | null => {
    let into: string[] | null = null;
    for (const [key, pattern] of candidatesOf(name)) {
      if (regions.has(key) || open.has(key)) continue;
      if (!hasClasses(attribs, pattern.classes)) continue;
      if (pattern.notInside?.some((tag) => (openByName.get(tag) ?? 0) > 0)) continue;
      (into ??= []).push(key);
      open.add(key);
      regions.set(key, { start: parser.startIndex, end: html.length });
    }
    return into;
  };

  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'html' && lang === null && attribs['lang'] !== undefined) lang = attribs['lang'];
        else if (name === 'link' && canonical === null && attribs['rel']?.toLowerCase() === 'canonical') {
          canonical = attribs['href'] === undefined ? null : decodeBasicEntities(attribs['href']);
        } else if (name === 'title' && headTitle === null) {
          inTitle = true;
        }
        names.push(name);
        starts.push(startsHere(name, attribs) ?? NONE);
        if (watched.has(name)) openByName.set(name, (openByName.get(name) ?? 0) + 1);
        // The parser's own open-element stack, mirrored: void elements and implied ends
        // (`<p>` after `<p>`) are closed by the parser before they can add depth.
        if (names.length > maxDepth) throw new NestingTooDeepError(maxDepth);
      },
      ontext(text) {
        if (inTitle) titleText += text;
      },
      onclosetag(_name, isImplied) {
        const name = names.pop();
        if (name === undefined) return;
        const keys = starts.pop()!;
        if (watched.has(name)) openByName.set(name, openByName.get(name)! - 1);
        if (name === 'title' && inTitle) {
          inTitle = false;
          headTitle = decodeBasicEntities(titleText);
        }
        if (keys.length === 0) return;
        // An implied close happens where the next tag begins; an explicit one ends after `>`.
        const end = isImplied ? parser.startIndex : parser.endIndex + 1;
        for (const key of keys) {
          open.delete(key);
          const range = regions.get(key);
          if (range !== undefined) range.end = Math.min(Math.max(end, range.start), html.length);
        }
      },
    },
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return { lang, canonical, headTitle, regions };
}

