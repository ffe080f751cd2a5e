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
 * ("31.9 Mds $", "2.0 naissances par femme" — see the c2015 presentation page) — but a dot
 * followed by exactly three digits ("250.000 Belges", "1.234.567") groups thousands, as in
 * German: Belgian and Swiss French pages write them so, and no French page writes a decimal
 * with three places where a reader expects thousands. A page written the English way
 * (`fr-comma-groups`) keeps its dots decimal.
 *
 * One case the language alone cannot settle: a French page that writes numbers the English way
 * ("300,000", "1,234,567", "2.5"). There "300,000" is three hundred thousand, while on a page
 * that writes "25,3 millions" it is three hundred. The PAGE decides, not the number: see
 * `detectNotation` (detect-notation.ts), which picks the `fr-comma-groups` notation only when
 * the page itself shows English grouping and no decimal comma anywhere.
 */
import { pickLanguage, type FigureLanguage } from '../../model/figure-vocabulary.ts';

/** Every space a page may put between digit groups: space, no-break, narrow no-break, thin. */
export const GROUP_SPACE = '[ \\u00A0\\u202F\\u2009]';

/**
 * How a page writes its numbers: its language's notation, or `fr-comma-groups` — a French page
 * whose own numbers show English grouping ("1,234,567", "300,000" beside "2.5" and no decimal
 * comma anywhere). Chosen once per page by `detectNotation`, never per number.
 */
export type Notation = FigureLanguage | 'fr-comma-groups';

/**
 * Numbers are bounded in length — at most 15 digits in a run (what a double holds exactly) and
 * 6 groups of thousands after the first (10^21) — so that no attempt to read one runs on: a
 * sentence of "123 123 123 …" was one number of the whole sentence, re-read from each group in
 * turn when what followed did not fit, quadratic in the sentence (issue 14). No figure a reader
 * tracks comes near either bound.
 */
const RUN = '\\d{1,15}';
const GROUPS = '{1,6}';

const EN_GROUPED = `\\d{1,3}(?:,\\d{3})${GROUPS}(?:\\.${RUN})?`;

const PATTERNS: Record<Notation, string> = {
  en: `${EN_GROUPED}|${RUN}(?:\\.${RUN})?`,
  fr: `\\d{1,3}(?:\\.\\d{3})${GROUPS}(?:,${RUN})?|\\d{1,3}(?:${GROUP_SPACE}\\d{3})${GROUPS}(?:[,.]${RUN})?|${RUN}(?:[,.]${RUN})?`,
  'fr-comma-groups': `${EN_GROUPED}|\\d{1,3}(?:${GROUP_SPACE}\\d{3})${GROUPS}(?:[,.]${RUN})?|${RUN}(?:[,.]${RUN})?`,
  de: `\\d{1,3}(?:\\.\\d{3})${GROUPS}(?:,${RUN})?|\\d{1,3}(?:${GROUP_SPACE}\\d{3})${GROUPS}(?:,${RUN})?|${RUN}(?:,${RUN})?`,
};

const WHOLE = Object.fromEntries(
  Object.entries(PATTERNS).map(([notation, pattern]) => [notation, new RegExp(`^(?:${pattern})$`, 'u')]),
) as Record<Notation, RegExp>;

const EN_GROUPED_WHOLE = new RegExp(`^${EN_GROUPED}$`, 'u');
const FR_DOT_GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/u;

/** The notation of `language` when the page gives no evidence of its own. */
export function defaultNotation(language: string): Notation {
  return pickLanguage(language);
}

/**
 * The regular-expression source of one number in `language`, bounded so that it never starts
 * inside a word or another number ("G7", "Covid-19", "A380" are names, not figures) and never
 * stops in the middle of digits.
 */
export function numberPattern(language: string, notation: Notation = defaultNotation(language)): string {
  return `(?<![\\p{L}\\d]|[\\p{L}\\d][-.,])${numberBody(language, notation)}`;
}

/**
 * The same number without the left boundary, for places where a currency code is glued to
 * the digits ("AUD70.9 billion").
 */
export function numberBody(language: string, notation: Notation = defaultNotation(language)): string {
  return `(?:${PATTERNS[notation]})(?![\\d]|[.,]\\d)`;
}

/**
 * Reads one number as written in `language` ("8.2", "300,000", "25,3", "120 500", "1.234").
 * Returns null when the text is not exactly one number in that language's notation. `notation`
 * is the page's (see `detectNotation`); it defaults to the language's own.
 */
export function readNumber(text: string, language: string, notation: Notation = defaultNotation(language)): number | null {
  const trimmed = text.trim();
  const lang = pickLanguage(language);
  if (!WHOLE[notation].test(trimmed)) return null;
  let canonical: string;
  if (lang === 'en' || (notation === 'fr-comma-groups' && EN_GROUPED_WHOLE.test(trimmed))) {
    canonical = trimmed.replace(/,/g, '');
  } else if (lang === 'fr') {
    canonical = trimmed.replace(/[ \u00A0\u202F\u2009]/g, '');
    // "250.000", "1.234.567,5": dots before exactly three digits group thousands (see above).
    if (notation === 'fr' && FR_DOT_GROUPED.test(canonical)) canonical = canonical.replace(/\./g, '');
    canonical = canonical.replace(',', '.');
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
