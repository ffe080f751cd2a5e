/**
 * What a site profile is: the knowledge of one site's layout that the generic extraction steps
 * (section walking, stamp detection, language) cannot guess.
 */
import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import type { AnyNode } from 'domhandler';
import type { ProfileName } from '../../model/index.ts';
import type { ElementPattern } from '../scan-page.ts';

/**
 * The parsed page a profile reads. `partial` is true when only the regions located by the
 * streaming pass were parsed (the fast path): selectors still work inside them, but the
 * head facts come from the scan, not from `$`.
 */
export interface PageView {
  $: CheerioAPI;
  partial: boolean;
  /** `<html lang>` as written, or null. */
  lang: string | null;
  canonical: string | null;
  /** Text of `<title>`, or null. */
  headTitle: string | null;
}

export interface SiteProfile {
  name: ProfileName;
  /**
   * Elements that hold everything the profile reads (title, lead, body, stamp). When present,
   * the extractor parses only these; when absent (generic), the whole page.
   */
  regions?: Record<string, ElementPattern>;
  /** Whether the page looks like this site's layout; used when no profile is named. */
  detect($: CheerioAPI, url: string | null): boolean;
  /** The element(s) whose headings, paragraphs and list items are the page's content. */
  findContent(view: PageView): Cheerio<AnyNode> | null;
  /** Element(s) holding the lead (chapeau), read before the body; may be empty. */
  findLead?(view: PageView): Cheerio<AnyNode>;
  /** The page title, or null to fall back on `<title>`. */
  findTitle(view: PageView): string | null;
  /** A revision stamp printed outside the body (e.g. in a header block), or null. */
  findStamp?(view: PageView): string | null;
  /** Selectors of chrome that sits inside the content region and must be removed first. */
  strip: string[];
  /** Removes chrome that selectors cannot name (text-labelled skip links …). */
  stripByText?(view: PageView, content: Cheerio<AnyNode>): void;
}

/** Tags whose text is never content, wherever they appear. */
export const NEVER_CONTENT = ['head', 'title', 'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'object', 'canvas'];
