/**
 * Node's TextDecoder decodes windows-1252 (and so every label the Encoding Standard maps to it:
 * "iso-8859-1", "latin1", "us-ascii" …) as plain Latin-1 since 20.18.3 / 22.13.0: bytes
 * 0x80–0x9F come out as C1 control characters instead of "€", "’", "“", "œ" …
 * (https://github.com/nodejs/node/issues/56542, https://github.com/nodejs/node/issues/60888).
 * Old French government pages are full of "’" (0x92), so we repair the output ourselves.
 * The repair is idempotent: a correct decoder never emits C1 characters except the five bytes
 * the standard maps to themselves, which the table also maps to themselves.
 */

/** WHATWG index-windows-1252, bytes 0x80–0x9F. */
const HIGH_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Replaces C1 controls left by a Latin-1 decode with their windows-1252 characters. */
export function repairWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => HIGH_C1[c.charCodeAt(0) - 0x80]!);
}
