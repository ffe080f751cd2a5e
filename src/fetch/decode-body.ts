/**
 * Content type and charset handling. Official pages still come in windows-1252 or ISO-8859-1
 * (older SPIP sites), sometimes declared only in a `<meta>`; decoding them as UTF-8 would turn
 * every "é" into U+FFFD and every figure's context into noise, so the charset is found the way
 * a browser finds it.
 */
import { TextDecoder } from 'node:util';
import { repairWindows1252 } from './windows-1252.ts';

export interface ContentType {
  /** Lower-case `type/subtype`. */
  mediaType: string;
  /** Lower-case parameter names → values (quotes removed). */
  params: Record<string, string>;
}

/** Parses a Content-Type header leniently (servers send all sorts); null when absent or empty. */
export function parseContentType(header: string | null | undefined): ContentType | null {
  if (!header) return null;
  const [type, ...rest] = header.split(';');
  const mediaType = (type ?? '').trim().toLowerCase();
  if (!mediaType) return null;
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name && !(name in params)) params[name] = value;
  }
  return { mediaType, params };
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/**
 * Whether we can extract from this response. A missing type is accepted (some servers omit it
 * for HTML); `text/plain` is refused like any other non-HTML type: the extractor needs markup,
 * and a fact page served as plain text is far more likely an error or a download than a page.
 */
export function isHtmlContentType(contentType: ContentType | null): boolean {
  return contentType === null || HTML_TYPES.has(contentType.mediaType);
}

/** `fallback`: declared (or defaulted) UTF-8 that was not UTF-8 at all, decoded as windows-1252. */
export type CharsetSource = 'bom' | 'header' | 'meta' | 'default' | 'fallback';

export interface DecodedBody {
  text: string;
  /** Canonical WHATWG encoding name actually used, e.g. "utf-8", "windows-1252". */
  charset: string;
  source: CharsetSource;
  /** A declared label TextDecoder does not know (we fell back to the next source or utf-8). */
  unknownLabel: string | null;
}

/** How far into the body `<meta charset>` is looked for. */
export const META_SCAN_BYTES = 2048;

/**
 * Decodes a body. Order: byte-order mark, then the Content-Type charset, then a `<meta charset>`
 * or `<meta http-equiv="content-type">` in the first 2 KB, then UTF-8. The BOM goes first, as in
 * the HTML standard: it is in the bytes themselves, so it cannot be stale the way a server's
 * header can. Unknown labels are reported (`unknownLabel`) and skipped, never fatal.
 */
export function decodeBody(body: Buffer, contentTypeHeader: string | null): DecodedBody {
  let unknownLabel: string | null = null;
  const candidates: Array<[CharsetSource, string | null]> = [
    ['bom', sniffBom(body)],
    ['header', parseContentType(contentTypeHeader)?.params.charset ?? null],
    ['meta', sniffMetaCharset(body)],
  ];
  for (const [source, label] of candidates) {
    if (!label) continue;
    const decoder = createDecoder(label, source);
    if (decoder?.encoding === 'utf-8' && source !== 'bom') return decodeClaimedUtf8(body, source, unknownLabel);
    if (decoder) return { text: decodeWith(decoder, body), charset: decoder.encoding, source, unknownLabel };
    unknownLabel ??= label;
  }
  return decodeClaimedUtf8(body, 'default', unknownLabel);
}

/**
 * Decodes a body that says (or is assumed) to be UTF-8. Old SPIP pages often claim UTF-8 in a
 * server-wide header while the bytes are windows-1252: decoded as UTF-8, every "é" would become
 * U+FFFD, the content hash would change and a bogus "every accent changed" revision would be
 * stored. When the bytes hold invalid sequences and not ONE valid multi-byte character, they are
 * single-byte text and are decoded as windows-1252 instead. A UTF-8 page with a stray bad byte
 * still has valid multi-byte characters and stays UTF-8 (with one U+FFFD), as in a browser.
 */
function decodeClaimedUtf8(body: Buffer, source: CharsetSource, unknownLabel: string | null): DecodedBody {
  const text = new TextDecoder('utf-8').decode(body);
  if (text.includes('\ufffd') && !hasValidMultibyteChar(text)) {
    return { text: repairWindows1252(new TextDecoder('windows-1252').decode(body)), charset: 'windows-1252', source: 'fallback', unknownLabel };
  }
  return { text, charset: 'utf-8', source, unknownLabel };
}

function hasValidMultibyteChar(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c > 0x7f && c !== 0xfffd) return true;
  }
  return false;
}

function decodeWith(decoder: TextDecoder, body: Buffer): string {
  const text = decoder.decode(body);
  return decoder.encoding === 'windows-1252' ? repairWindows1252(text) : text;
}

function createDecoder(label: string, source: CharsetSource): TextDecoder | null {
  try {
    const decoder = new TextDecoder(label.trim());
    // A meta tag can only be read if the encoding is ASCII-compatible, so a meta that claims
    // UTF-16 is wrong by construction (HTML standard, "prescan"): treat it as UTF-8.
    if (source === 'meta' && decoder.encoding.startsWith('utf-16')) return new TextDecoder('utf-8');
    return decoder;
  } catch {
    return null;
  }
}

function sniffBom(body: Buffer): string | null {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return null;
}

const META_TAG = /<meta\b[^>]*>/gi;
const CHARSET_ATTR = /\bcharset\s*=\s*["']?\s*([^\s"';>/]+)/i;

/** Finds the charset declared by a `<meta>` tag near the top of the document, if any. */
export function sniffMetaCharset(body: Buffer): string | null {
  // latin1 maps bytes 1:1, so ASCII markup reads the same whatever the real encoding is.
  const head = body.subarray(0, META_SCAN_BYTES).toString('latin1').replace(/<!--[\s\S]*?-->/g, '');
  for (const [tag] of head.matchAll(META_TAG)) {
    const match = CHARSET_ATTR.exec(tag);
    if (match?.[1]) return match[1];
  }
  return null;
}
