import { FactwatchError } from '../app/errors.ts';
import type { PageDocument } from '../model/index.ts';

/**
 * Content sanity: is a fetched page the page, or something standing in its place?
 *
 * A monitor that stores whatever answered 200 sends false alarms of the worst kind: "every
 * section removed" when the site shows a maintenance notice, a captcha wall or half a page.
 * So before a body may become a version it is assessed here, in two steps, cheapest first:
 *
 * 1. `assessMarkup` (before extraction): the signature of a soft error page (maintenance, access
 *    denied, captcha, "not found" served with 200), or a body cut off before its closing tags
 *    when the last version had them. Nesting too deep for the extractor to walk safely is
 *    refused by the extractor's own streaming scan (`ExtractOptions.maxDepth`, extract-with-limits.ts).
 * 2. `assessContent` (after extraction): content far smaller than the last version's.
 *
 * A suspect page becomes a failed check (`extraction_failed`, error `suspect_page: <reason>`):
 * no version, no change report, no notification; the next check tries again. An archived
 * capture that is suspect is skipped by an import with the same reason. Pure functions: no I/O,
 * no clock, so every rule is tested on plain strings; the judge (judge-capture.ts) applies them.
 */

/** The error a suspect page becomes; never retried within the check (the next check will see). */
export class SuspectPageError extends FactwatchError {
  /** Which rule fired: `nesting`, `soft_error`, `truncated` or `shrunk`. */
  readonly rule: SuspectRule;
  constructor(rule: SuspectRule, message: string) {
    super('suspect_page', message, { retryable: false });
    this.rule = rule;
  }
}

export type SuspectRule = 'nesting' | 'soft_error' | 'truncated' | 'shrunk';

export interface Suspicion {
  rule: SuspectRule;
  /** Human-readable reason, stored on the check row. */
  reason: string;
}

/**
 * Deepest element nesting the extractor is asked to walk. Real pages stay under ~60 levels;
 * at a few thousand the DOM walk overflows the stack, and htmlparser2's tag stack makes parsing
 * quadratic (100,000 levels: ~6 s of parsing alone, then a RangeError), so we refuse well before.
 */
export const MAX_NESTING_DEPTH = 1000;
/** A page whose visible text is shorter than this is "small": its whole text is searched for error phrases. */
export const SMALL_PAGE_CHARS = 3000;
/** New content shorter than this fraction of the last version's is suspect ... */
export const SHRINK_RATIO = 0.3;
/** ... when the last version had at least this much content (tiny pages vary too much to judge). */
export const SHRINK_MIN_PREVIOUS_CHARS = 800;
/**
 * A shrunken page seen this many checks in a row with the same content is accepted as a real
 * revision: a page really can be cut down, and a change must not be lost for ever. The sightings
 * are kept as data (`sources.shrink_hash`, `shrink_sightings`; an import counts its own).
 */
export const SHRINK_CONFIRMATIONS = 3;

export interface PreviousPage {
  /**
   * The last version's document, or just its text (`documentText`): a check that parses on a
   * worker thread sends the text, one string, which is far cheaper to clone across threads.
   */
  document: PageDocument | string;
  /** The end of the last version's raw body (see `rawEnding`), or null when unknown. */
  rawEnding: string | null;
}

/** Step 1: the raw markup, before any parse. Returns null when nothing is wrong. */
export function assessMarkup(html: string, previous: PreviousPage | null): Suspicion | null {
  if (!/\S/.test(html)) return null; // the extractor names an empty body for what it is
  const soft = findSoftErrorSignature(html, previous?.document ?? null);
  if (soft) return { rule: 'soft_error', reason: `looks like an error page served with status 200: ${soft}` };
  if (previous?.rawEnding != null && hasClosingTags(previous.rawEnding) && !hasClosingTags(ending(html))) {
    return { rule: 'truncated', reason: 'the body ends without </body> or </html>, which the last version had: truncated' };
  }
  return null;
}

/** The suspicion for a page nested `depth` levels deep ("more than 1000": the scan stops at the limit). */
export function nestingSuspicion(depth: string): Suspicion {
  return { rule: 'nesting', reason: `elements nested ${depth} levels deep (limit ${MAX_NESTING_DEPTH}): not a page we can safely extract` };
}

/** Step 2: the extracted document against the last version's. Returns null when nothing is wrong. */
export function assessContent(document: PageDocument, previous: PageDocument | null): Suspicion | null {
  if (!previous) return null;
  const before = contentLength(previous);
  const after = contentLength(document);
  if (before < SHRINK_MIN_PREVIOUS_CHARS || after >= before * SHRINK_RATIO) return null;
  // A newer declared revision stamp is the site saying "this is a new edition": believe it.
  if (document.updated && previous.updated && document.updated > previous.updated) return null;
  const pct = Math.round((1 - after / before) * 100);
  return { rule: 'shrunk', reason: `content shrank from ${before} to ${after} characters (−${pct}%) with no newer revision stamp` };
}

/** Characters of content a reader sees: headings and blocks. */
export function contentLength(doc: PageDocument): number {
  let n = doc.title.length;
  for (const s of doc.sections) n += (s.heading?.length ?? 0) + s.blocks.reduce((sum, b) => sum + b.length, 0);
  return n;
}

/**
 * Whether the truncation rule could fire for this body at all: only when its own ending lacks
 * `</body>`/`</html>`. Otherwise the previous body's ending is not needed, and a check skips
 * reading and gunzipping it (that gunzip was ~4% of a changed pass).
 */
export function needsPreviousEnding(html: string): boolean {
  return !hasClosingTags(ending(html));
}

/** The last characters of a raw body (bytes read as latin1), for the truncation rule. */
export function rawEnding(body: Uint8Array): string {
  return ending(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1'));
}

const ENDING_CHARS = 4096;

function ending(html: string): string {
  return html.slice(-ENDING_CHARS);
}

function hasClosingTags(tail: string): boolean {
  return /<\/(body|html)\s*>/i.test(tail);
}

interface Signature {
  name: string;
  pattern: RegExp;
}

/** Phrases of error pages, in the site languages we watch (English, French, German). */
const ERROR_PHRASES: Signature[] = [
  { name: 'maintenance notice', pattern: /\b(?:under|down for|in|en|im) (?:scheduled )?maintenance\b|\bmaintenance (?:en cours|in progress|mode|programmée)\b|\bsite (?:en|under) maintenance\b|\bwartungs(?:arbeiten|modus)\b/i },
  { name: 'access denied', pattern: /\baccess (?:is )?denied\b|\bacc[eè]s refus[eé]\b|\bzugriff verweigert\b|\b403 forbidden\b|\byou have been blocked\b|\brequest (?:was )?(?:blocked|rejected)\b|\bthe requested url was rejected\b/i },
  { name: 'captcha', pattern: /\bcaptcha\b|\bare you (?:a )?(?:human|robot)\b|\bverify(?:ing)? (?:that )?you are (?:a )?human\b|\bjust a moment\.\.\.|\battention required\b|\bchecking your browser\b/i },
  { name: 'service unavailable', pattern: /\b(?:service|site|website) (?:is )?(?:temporarily )?unavailable\b|\bservice (?:temporairement )?indisponible\b|\btoo many requests\b|\b50[0234] (?:internal server error|bad gateway|service unavailable|gateway time-?out)\b/i },
  { name: 'not found', pattern: /\b(?:page|file|document) (?:was )?not found\b|\b404 not found\b|\bpage introuvable\b|\bseite nicht gefunden\b/i },
];

/** Markup of challenge widgets (reCAPTCHA, hCaptcha, Cloudflare's challenge and Turnstile). */
const CHALLENGE_MARKUP = /\bclass=["'][^"']*\b(?:g-recaptcha|h-captcha|cf-turnstile)\b|challenges\.cloudflare\.com|\/cdn-cgi\/challenge-platform\/|\bcf_chl_/i;

/**
 * Names the kind of error page `html` looks like, or null. The title and the first heading are
 * always searched; the whole visible text only on a small page (a long fact page may well say
 * "access denied" in a sentence, a maintenance notice is short). A phrase the last version
 * already contained is no evidence: that page talks about it.
 */
export function findSoftErrorSignature(html: string, previous: PageDocument | string | null): string | null {
  const title = firstElementText(html, 'title');
  const h1 = firstElementText(html, 'h1');
  const visible = smallVisibleText(html, SMALL_PAGE_CHARS);
  const small = visible !== null;
  const haystacks = small ? [title, h1, visible] : [title, h1];
  // Built only when a phrase matches, which almost no real page does.
  let before: string | null = null;
  for (const { name, pattern } of ERROR_PHRASES) {
    for (const hay of haystacks) {
      const m = pattern.exec(hay);
      if (!m) continue;
      before ??= (previous === null ? '' : typeof previous === 'string' ? previous : documentText(previous)).toLowerCase();
      if (!before.includes(m[0].toLowerCase())) return `${name} ("${m[0]}")`;
    }
  }
  if (small && CHALLENGE_MARKUP.test(html)) return 'captcha (challenge widget in the markup)';
  return null;
}

/**
 * The text of the first `<name>` element, looked for in one linear pass: the opening tag is
 * found once, and its text is read from at most 2,000 characters after it, so neither an
 * unclosed element nor thousands of openings make the search scan a 10 MB body repeatedly.
 */
function firstElementText(html: string, name: string): string {
  const open = new RegExp(`<${name}\\b[^<>]*>`, 'i').exec(html);
  if (!open) return '';
  const start = open.index + open[0].length;
  const window = html.slice(start, start + 2000);
  const close = window.search(new RegExp(`</${name}\\s*>`, 'i'));
  const inner = close >= 0 ? window.slice(0, close) : window;
  return collapse(inner.replace(/<[^<>]*>/g, ' '));
}

/** One token of a page for `smallVisibleText`: a comment, a skipped element, a tag, text, or a lone "<". */
const VISIBLE_TOKEN = /<!--[\s\S]*?(?:-->|$)|<(script|style|noscript|template|head)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)|<[^<>]*>|[^<]+|</gi;

/**
 * The text a reader would see, roughly (no scripts, styles, comments or tags, whitespace
 * collapsed), when it is shorter than `limit` characters; null as soon as it reaches `limit`.
 * Only small pages are searched whole, and a fact page reaches the limit a few KB in, so the
 * rest of it is never scanned (the whole-page version was ~5% of a parse thread).
 */
export function smallVisibleText(html: string, limit: number): string | null {
  const parts: string[] = [];
  let length = -1;
  let run = '';
  const flush = (): boolean => {
    const text = collapse(run.replace(/&nbsp;|&#160;/gi, ' '));
    run = '';
    if (text === '') return true;
    parts.push(text);
    length += text.length + 1;
    return length < limit;
  };
  for (const m of html.matchAll(VISIBLE_TOKEN)) {
    const token = m[0];
    if (token.length > 1 && token.charCodeAt(0) === 60 /* < */) {
      if (!flush()) return null;
    } else {
      run += token;
      if (run.length > limit * 4 && !flush()) return null;
    }
  }
  return flush() ? parts.join(' ') : null;
}

/** The text of a document that the soft-error rule compares phrases with. */
export function documentText(doc: PageDocument): string {
  return [doc.title, ...doc.sections.map((s) => `${s.heading ?? ''} ${s.text}`)].join(' ');
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
