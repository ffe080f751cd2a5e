/**
 * The words of a text made of letters: what the pattern `(?<![\p{L}\d])\p{L}[\p{L}’']*` (flags
 * `gu`) matches — a run of letters and apostrophes that starts with a letter not preceded by a
 * letter or an ASCII digit ("2016er" holds no word; "l’Etat" is one) — found by one scan
 * instead of a Unicode regular expression with a lookbehind: figure similarity reads every figure's sentence three
 * times over, and that regex was its largest cost (issue 16 profile of a changed pass).
 * test/text/letter-words.test.ts holds the two to the same answers.
 */

const LETTER = /^\p{L}$/u;
/** Whether code points above ASCII are letters, as met (a page uses few distinct ones). */
const nonAsciiLetter = new Map<number, boolean>();

function isLetter(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  let known = nonAsciiLetter.get(cp);
  if (known === undefined) {
    known = LETTER.test(String.fromCodePoint(cp));
    if (nonAsciiLetter.size < 4096) nonAsciiLetter.set(cp, known);
  }
  return known;
}

const APOSTROPHES = new Set([0x27, 0x2019]);

/** Calls `each` with every word of `text`, in order. */
export function forEachLetterWord(text: string, each: (word: string) => void): void {
  const n = text.length;
  /** Whether the code point before `i` is a letter or an ASCII digit: then a letter at `i` starts no word. */
  let afterWordChar = false;
  let i = 0;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (!isLetter(cp)) {
      afterWordChar = cp >= 0x30 && cp <= 0x39;
      i += width;
      continue;
    }
    if (afterWordChar) {
      i += width;
      continue;
    }
    const start = i;
    let lastIsLetter = true;
    i += width;
    while (i < n) {
      const next = text.codePointAt(i)!;
      if (isLetter(next)) lastIsLetter = true;
      else if (APOSTROPHES.has(next)) lastIsLetter = false;
      else break;
      i += next > 0xffff ? 2 : 1;
    }
    each(text.slice(start, i));
    afterWordChar = lastIsLetter;
  }
}
