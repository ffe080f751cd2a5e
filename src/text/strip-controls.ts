/**
 * The one rule for control characters in text that came from a page, used by extraction (so
 * nothing stored carries them) and by every human renderer (so nothing printed acts on a
 * terminal, whatever was stored before this rule existed).
 *
 * Whole escape sequences go first, so their parameters (a base64 clipboard payload, a URL) go
 * with them rather than being left behind as text: OSC/DCS/SOS/PM/APC strings up to their
 * terminator (BEL or ST, 7- or 8-bit; bounded, so an unterminated one costs linear time and
 * leaves only its text), then CSI sequences, then ESC with the one character it introduces, then
 * every remaining C0 (but tab and newline), DEL and C1 character.
 */
const CONTROL_STRING = /(?:\u001b[\]P^_X]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]{0,4096}(?:\u0007|\u001b\\|\u009c)/gu;
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]{0,64}[\u0020-\u002f]{0,16}[\u0040-\u007e]?/gu;
const ESC_PAIR = /\u001b[\u0020-\u007e]?/gu;
/** C0 except tab and newline, DEL, and C1. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

/** `text` without control characters (newline and tab kept) or the sequences they start: for what people read. */
export function stripControls(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(CONTROL_STRING, '').replace(CSI, '').replace(ESC_PAIR, '').replace(CONTROLS, '');
}

/**
 * The gentler form for what is stored: complete control strings go whole (an OSC 52 clipboard
 * payload is not page text), every other control character goes alone. A stray ESC or CSI in a
 * word does not take the letters after it with it, as it would on a terminal: stored, they are
 * the page's text, and without their control character they are inert.
 */
export function stripControlCharacters(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(CONTROL_STRING, '').replace(CONTROLS, '');
}
