/**
 * HTML in, `PageDocument` out: the pure core of the extract stage.
 */
import type { Cheerio } from 'cheerio/slim';
import type { AnyNode } from 'domhandler';
import { ExtractionError } from '../app/errors.ts';
import { collectSections } from './collect-sections.ts';
import { detectLanguage } from './detect-language.ts';
import { dollarCurrencyOf, extractFigures } from './figures/index.ts';
import { loadPageRegions, loadWholePage } from './load-page.ts';
import { normalizeWhitespace, removeControlCharacters } from './normalize-text.ts';
import { hasContentRules, type ContentRules, type PageDocument, type PageReading, type Section } from '../model/index.ts';
import { ignoreInSections } from './content-rules/ignore-in-sections.ts';
import { textRemover } from './content-rules/ignore-text.ts';
import { removeExcluded, selectedElements } from './content-rules/rule-selectors.ts';
import { getProfile, PROFILES, selectProfile } from './profiles/index.ts';
import type { PageView, SiteProfile } from './profiles/site-profile.ts';
import { NEVER_CONTENT } from './profiles/site-profile.ts';
import { markSectionLanguages } from './section-languages.ts';
import type { ElementPattern, ScanLimits } from './scan-page.ts';
import { stripMatching } from './strip-elements.ts';
import { numericDateOrder } from './stamp-date.ts';
import { readHeaderStamp, takeStamp } from './take-stamp.ts';
import { escapeRegExp } from '../text/word-alternation.ts';

export interface ExtractOptions {
  /** URL the page was fetched from; recorded in the document and used to guess the language. */
  url?: string | null;
  /** Profile name; detected from the page when omitted. Unknown names throw `UsageError`. */
  profile?: string;
  /** Set false to skip figure extraction (default true). */
  extractFigures?: boolean;
  /**
   * Refuse pages whose elements nest deeper than this (`NestingTooDeepError`) before any DOM is
   * built: a DOM walk overflows the stack at a few thousand levels. Checked during the streaming
   * scan the region-only parse needs anyway, so it costs no extra pass over the page.
   */
  maxDepth?: number;
  /**
   * What the source's configuration says about reading the page (the language of its text, the
   * currency of a bare dollar); each field given wins over what the page suggests.
   */
  reading?: PageReading;
  /**
   * The source's content rules (`select`, `exclude`, `ignoreText`): what on the page is content.
   * Absent or empty: the page is read exactly as without rules, so its content hash is unchanged.
   */
  rules?: ContentRules;
}

/** Regions of every profile that declares some, under names that cannot collide. */
function collectRegionPatterns(profiles: readonly SiteProfile[]): Record<string, ElementPattern> {
  const patterns: Record<string, ElementPattern> = {};
  for (const profile of profiles) {
    for (const [name, pattern] of Object.entries(profile.regions ?? {})) patterns[`${profile.name}:${name}`] = pattern;
  }
  return patterns;
}

const ALL_REGION_PATTERNS = collectRegionPatterns(PROFILES);

/** The profiles that read the whole page (no regions): the only ones a page naming no region class can be. */
const WHOLE_PAGE_PROFILES = PROFILES.filter((profile) => profile.regions === undefined);

/**
 * Every class a profile's regions name ("texte", "node--view-mode-full", …) as a word of its own,
 * in any case: a class token is delimited by whitespace or the attribute's quotes, so
 * "logo-texte" is not one, while "au milieu" of a French sentence is taken to be (a search of
 * the markup, not of attributes: it may say yes for nothing, never no for a class).
 */
const REGION_CLASSES = new RegExp(
  `(?:${[...new Set(Object.values(ALL_REGION_PATTERNS).flatMap((pattern) => pattern.classes ?? []))]
    .map(escapeRegExp)
    .join('|') || '(?!)'})(?![\\w-])`,
  'gi',
);

/**
 * `(?<![\w-])` + `REGION_CLASSES`, searched as the pattern then the character before it: a
 * lookbehind at the head of a pattern is tried at every position of the page (a third of the cost
 * of the search, on a page of no known layout). A match refused for the character before it is
 * searched again one character on, so no match of the lookbehind form is missed.
 */
function namesRegionClass(html: string): boolean {
  REGION_CLASSES.lastIndex = 0;
  for (let m = REGION_CLASSES.exec(html); m !== null; m = REGION_CLASSES.exec(html)) {
    if (m.index === 0 || !/[\w-]/.test(html[m.index - 1]!)) return true;
    REGION_CLASSES.lastIndex = m.index + 1;
  }
  return false;
}

/** Whether a numeric character reference of `html` decodes to a character of a class name ("t&#101;xte"). */
function spellsNameCharacter(html: string): boolean {
  for (const m of html.matchAll(/&#(?:[xX]([0-9a-fA-F]+)|(\d+))/g)) {
    const code = m[1] === undefined ? Number(m[2]) : parseInt(m[1], 16);
    if (code < 128 && /[\w-]/.test(String.fromCharCode(code))) return true;
  }
  return false;
}

/**
 * Whether detection could pick a profile that reads regions. Each such profile is detected by an
 * element with the classes of its regions (`div.texte`, `article.node--view-mode-full`, …): on a
 * page whose markup names none of them, even spelled with character references, it cannot be,
 * and the region scan would be a whole tokenisation of the page for nothing before the page is
 * parsed whole anyway (half the cost of a page of no known layout).
 */
function mayDetectRegionProfile(html: string): boolean {
  return namesRegionClass(html) || spellsNameCharacter(html);
}

/**
 * Picks the profile and the parsed view: region-only parsing when the profile allows it and its
 * content region was found in the slices, the whole page otherwise. The nesting limit is the
 * scan's when the page was scanned, the whole-page parse's otherwise: each page is refused or
 * parsed in one tokenisation, or two when its regions were looked for and not used.
 */
function loadForProfile(html: string, name: string | undefined, url: string | null, limits: ScanLimits): { view: PageView; profile: SiteProfile } {
  const named = name === undefined ? undefined : getProfile(name);
  const regionProfilePossible = named === undefined && mayDetectRegionProfile(html);
  let scanned = false;
  if (named === undefined ? regionProfilePossible : named.regions !== undefined) {
    const patterns = named === undefined ? ALL_REGION_PATTERNS : collectRegionPatterns([named]);
    const partial = loadPageRegions(html, patterns, limits);
    scanned = true;
    if (partial !== null) {
      const profile = named ?? selectProfile(undefined, partial.$, url);
      if (profile.regions !== undefined && (profile.findContent(partial)?.length ?? 0) > 0) {
        return { view: partial, profile };
      }
    }
  }
  const view = loadWholePage(html, scanned ? {} : limits);
  // A page whose markup names no region class cannot be detected as a region profile: only the
  // others are tried (on a page of no known layout, two whole-DOM selector walks per such profile saved).
  return { view, profile: named ?? selectProfile(undefined, view.$, url, regionProfilePossible ? PROFILES : WHOLE_PAGE_PROFILES) };
}

/**
 * The elements whose text is the content: the source's `select` when it has one (its lead too:
 * the user said what the content is), else the profile's content region and its lead.
 */
function contentRegions(view: PageView, profile: SiteProfile, select: readonly string[] | undefined): AnyNode[] {
  if (select?.length) {
    const selected = selectedElements(view.$, select);
    if (selected.length === 0) throw new ExtractionError(`no element matches the source's select (${select.join(', ')})`);
    return selected;
  }
  const content = profile.findContent(view);
  if (content === null || content.length === 0) {
    throw new ExtractionError(`no content region found (profile ${profile.name})`);
  }
  return [...leadOutside(profile.findLead?.(view), content), ...content.toArray()];
}

/** Title from `<title>` without the site name ("France and North Korea - Ministry…"). */
function titleFromHead(headTitle: string | null): string {
  if (headTitle === null) return '';
  const title = normalizeWhitespace(headTitle);
  return title.split(/\s+[-–—|]\s+/)[0] ?? title;
}

/** The lead elements that are not already inside the content region. */
function leadOutside(lead: Cheerio<AnyNode> | undefined, content: Cheerio<AnyNode>): AnyNode[] {
  if (lead === undefined) return [];
  const inside = new Set<AnyNode>(content.toArray());
  return lead.toArray().filter((el) => {
    for (let node: AnyNode | null = el; node !== null; node = node.parent) if (inside.has(node)) return false;
    return true;
  });
}

/** The content text in page order, headings and blocks, read lazily: the detector takes a bounded sample. */
function* contentText(sections: readonly Section[]): Generator<string> {
  for (const section of sections) {
    if (section.heading !== null) yield section.heading;
    yield* section.blocks;
  }
}

/**
 * Extracts the structure of a page.
 *
 * @throws UsageError when `opts.profile` names no known profile.
 * @throws ExtractionError when the page has no content region or no text in it.
 */
export function extractDocument(html: string, opts: ExtractOptions = {}): PageDocument {
  if (!/\S/.test(html)) throw new ExtractionError('empty document: the page has no content at all');
  const limits = opts.maxDepth === undefined ? {} : { maxDepth: opts.maxDepth };
  const { view, profile } = opts.rules?.select?.length || opts.rules?.exclude?.length ? loadUnderRules(html, opts.profile, opts.url ?? null, limits, opts.rules) : loadForProfile(html, opts.profile, opts.url ?? null, limits);
  return extractFromView(view, profile, opts);
}

/**
 * The page for a source whose rules select or exclude elements: parsed whole, because a selector
 * may name any element (and a combinator any ancestor), not only the profile's regions; the
 * excluded elements removed before anything else, the profile's detection included. Sources
 * without such rules keep the region-only fast path.
 */
function loadUnderRules(html: string, name: string | undefined, url: string | null, limits: ScanLimits, rules: ContentRules): { view: PageView; profile: SiteProfile } {
  const view = loadWholePage(html, limits);
  removeExcluded(view.$, rules.exclude);
  return { view, profile: name === undefined ? selectProfile(undefined, view.$, url) : getProfile(name) };
}

/**
 * Extracts a `PageDocument` from an already parsed page with a given profile. Split from
 * `extractDocument` so that the region-only fast path can be checked against a whole-page parse.
 */
export function extractFromView(view: PageView, profile: SiteProfile, opts: Omit<ExtractOptions, 'profile'> = {}): PageDocument {
  // Every string of the document is free of control characters, the URL it was given included.
  const url = opts.url == null ? null : removeControlCharacters(opts.url);
  const rules = hasContentRules(opts.rules) ? opts.rules : undefined;
  const ignore = textRemover(rules?.ignoreText);
  const title = ignore(profile.findTitle(view) ?? titleFromHead(view.headTitle));
  const headerStamp = profile.findStamp?.(view) ?? null;
  const regions = contentRegions(view, profile, rules?.select);
  stripMatching(view.$, regions, [...NEVER_CONTENT, ...profile.strip].join(', '));
  profile.stripByText?.(view, view.$(regions));

  // The language is read from the text (detect-language.ts); then the stamp lines of the body are
  // taken out of the sections, read in that language. A stamp the profile found outside the body
  // is the site's own and wins (take-stamp.ts says which one is chosen). Ignored text goes first:
  // it moves nothing downstream.
  const collected = rules?.ignoreText?.length ? ignoreInSections(collectSections(regions), ignore) : collectSections(regions);
  const language = opts.reading?.language ?? detectLanguage(view.lang, [url, view.canonical], contentText(collected));
  const stampContext = { language, order: numericDateOrder(language, view.lang, url) };
  const { sections, stamp: bodyStamp } = takeStamp(collected, stampContext);
  if (sections.length === 0) {
    throw new ExtractionError(`no text in the content region (profile ${profile.name})`);
  }
  markSectionLanguages(sections, language);
  const updatedText = headerStamp ?? bodyStamp?.text ?? null;
  const updated = headerStamp !== null ? readHeaderStamp(headerStamp, stampContext) : (bodyStamp?.updated ?? null);

  return {
    title,
    language,
    updated,
    updatedText,
    url,
    profile: profile.name,
    sections,
    figures: opts.extractFigures === false ? [] : extractFigures(sections, language, figureOptions(updated, url, opts.reading?.currency)),
  };
}

/**
 * The page's own revision date is the best reference for a date whose year the text leaves out
 * ("on 6 April"): it comes from the data, not from the clock, so extraction stays pure.
 */
function figureOptions(updated: string | null, url: string | null, configured: string | undefined): { referenceDate?: Date; dollarCurrency: string } {
  // The publisher's dollar: a bare "$" on a Canadian ministry's page is CAD (see dollar-of-host.ts),
  // unless the source's configuration names it.
  const dollarCurrency = configured ?? dollarCurrencyOf(url);
  const match = updated === null ? null : /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(updated);
  if (match === null) return { dollarCurrency };
  return { referenceDate: new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? '1'))), dollarCurrency };
}
