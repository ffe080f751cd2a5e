/**
 * Page text made inert for the places people read it. A page can carry control characters
 * (literally, or as `&#27;`, which the parser decodes), and a terminal acts on them: OSC 52 writes
 * the clipboard, OSC 8 hides a link behind innocent text, CSI moves the cursor to overwrite what
 * was printed, OSC 0 sets the window title. Every human renderer (terminal, Markdown, text, HTML,
 * chat) and every human line the CLI prints goes through `inertText`; machine output (`--json`)
 * keeps the data as it was, with C1 characters escaped (`inertJson`) — which a JSON parser reads
 * back as the same string.
 */

/**
 * Whole escape sequences first, so their parameters (a base64 clipboard payload, a URL) go with
 * them rather than being left on screen: OSC/DCS/SOS/PM/APC strings up to their terminator (BEL
 * or ST, 7- or 8-bit; bounded, so an unterminated one costs linear time and leaves only its text),
 * then CSI sequences, then ESC with the one character it introduces.
 */
const CONTROL_STRING = /(?:\u001b[\]P^_X]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]{0,4096}(?:\u0007|\u001b\\|\u009c)/gu;
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]{0,64}[\u0020-\u002f]{0,16}[\u0040-\u007e]?/gu;
const ESC_PAIR = /\u001b[\u0020-\u007e]?/gu;
/** C0 except tab and newline, DEL, and C1. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;

/** `text` without control characters (newline and tab kept) or the sequences they start. */
export function inertText(text: string): string {
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u.test(text)) return text;
  return text.replace(CONTROL_STRING, '').replace(CSI, '').replace(ESC_PAIR, '').replace(CONTROLS, '');
}

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
