/**
 * Reading numbers written the way each language writes them.
 *
 * The separators are decided by the page's LANGUAGE, never guessed from one number alone:
 * "1.234" is one thousand two hundred and thirty-four on a German page and one point two three
 * four on an English one, and only the language can tell. The rules:
 *
 * | language | decimal mark | thousands groups                          |
 * |----------|--------------|-------------------------------------------|
 * | en       | `.`          | `,` ("300,000")                           |
 * | fr       | `,` or `.`   | spaces: normal, no-break, narrow no-break ("120 500") |
 * | de       | `,`          | `.` ("1.234") or spaces                   |
 *
 * French accepts `.` as a decimal mark because France Diplomatie's French pages use it
 * ("31.9 Mds $", "2.0 naissances par femme" — see the c2015 presentation page); French never
 * groups thousands with a dot there, so this is still a per-language rule.
 */
import { pickLanguage, type FigureLanguage } from './vocabulary.ts';

/** Every space a page may put between digit groups: space, no-break, narrow no-break, thin. */
export const GROUP_SPACE = '[ \\u00A0\\u202F\\u2009]';

const PATTERNS: Record<FigureLanguage, string> = {
  en: '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?',
  fr: `\\d{1,3}(?:${GROUP_SPACE}\\d{3})+(?:[,.]\\d+)?|\\d+(?:[,.]\\d+)?`,
  de: `\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?|\\d{1,3}(?:${GROUP_SPACE}\\d{3})+(?:,\\d+)?|\\d+(?:,\\d+)?`,
};

const WHOLE: Record<FigureLanguage, RegExp> = {
  en: new RegExp(`^(?:${PATTERNS.en})$`, 'u'),
  fr: new RegExp(`^(?:${PATTERNS.fr})$`, 'u'),
  de: new RegExp(`^(?:${PATTERNS.de})$`, 'u'),
};

/**
 * The regular-expression source of one number in `language`, bounded so that it never starts
 * inside a word or another number ("G7", "Covid-19", "A380" are names, not figures) and never
 * stops in the middle of digits.
 */
export function numberPattern(language: string): string {
  return `(?<![\\p{L}\\d]|[\\p{L}\\d][-.,])${numberBody(language)}`;
}

/**
 * The same number without the left boundary, for places where a currency code is glued to
 * the digits ("AUD70.9 billion").
 */
export function numberBody(language: string): string {
  return `(?:${PATTERNS[pickLanguage(language)]})(?![\\d]|[.,]\\d)`;
}

/**
 * Reads one number as written in `language` ("8.2", "300,000", "25,3", "120 500", "1.234").
 * Returns null when the text is not exactly one number in that language's notation.
 */
export function readNumber(text: string, language: string): number | null {
  const trimmed = text.trim();
  const lang = pickLanguage(language);
  if (!WHOLE[lang].test(trimmed)) return null;
  let canonical: string;
  if (lang === 'en') {
    canonical = trimmed.replace(/,/g, '');
  } else if (lang === 'fr') {
    canonical = trimmed.replace(/[ \u00A0\u202F\u2009]/g, '').replace(',', '.');
  } else {
    canonical = trimmed.replace(/[ \u00A0\u202F\u2009]/g, '');
    // A dot followed by exactly three digits is a German thousands group; the comma is decimal.
    canonical = canonical.replace(/\.(?=\d{3}(?:\D|$))/g, '').replace(',', '.');
  }
  const value = Number(canonical);
  return Number.isFinite(value) ? value : null;
}

/**
 * Multiplies a read number by a scale word's factor without binary noise
 * (8.2 × 1e6 is 8199999.999999999 in floating point; a reader wrote 8 200 000).
 */
export function scaleNumber(value: number, factor: number): number {
  return Number((value * factor).toPrecision(12));
}
