/**
 * Page text made inert for the places people read it. A page can carry control characters
 * (literally, or as `&#27;`, which the parser decodes), and a terminal acts on them: OSC 52 writes
 * the clipboard, OSC 8 hides a link behind innocent text, CSI moves the cursor to overwrite what
 * was printed, OSC 0 sets the window title. Every human renderer (terminal, Markdown, text, HTML,
 * chat) and every human line the CLI prints goes through `inertText`; machine output (`--json`)
 * keeps the data as it was, with C1 characters escaped (`inertJson`) — which a JSON parser reads
 * back as the same string.
 */
import { stripControls } from '../text/strip-controls.ts';

/** `text` without control characters (newline and tab kept) or the sequences they start. */
export const inertText = stripControls;

/**
 * JSON text safe to print: `JSON.stringify` escapes C0 but leaves DEL and C1 raw, and some
 * terminals act on C1 (U+009B is CSI). They can only occur inside strings, where `\u009b` means
 * the same character, so the data a script parses is unchanged.
 */
export function inertJson(json: string): string {
  return json.replace(/[\u007f-\u009f]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Every string in a value made inert, recursively (a report model: headings, hunks, figure rows).
 * Dates and other objects that are not plain arrays or records are kept as they are.
 */
export function inertDeep<T>(value: T): T {
  if (typeof value === 'string') return inertText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => inertDeep(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inertDeep(v)])) as T;
  }
  return value;
}

/**
 * Text safe in an XML document: XML 1.0 forbids most C0 characters (one in a heading made the
 * whole Atom feed unreadable), U+FFFE/U+FFFF and unpaired surrogates; control sequences go as in
 * `inertText`.
 */
export function xmlSafeText(text: string): string {
  return inertText(text).replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '');
}
