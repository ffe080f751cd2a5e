/**
 * Which number notation a page uses, decided from the page's own numbers.
 *
 * The language gives the default (read-number.ts). French is the one language where the
 * site's pages are not uniform: most write "25,3 millions" and "120 500 km²", but a French page
 * may also be written the English way ("300,000", "2.5 millions"). A lone "300,000" cannot
 * tell which — 300 or 300 000 — so it is never read per number: the page is scanned once for
 * UNAMBIGUOUS evidence, and
 *
 * - any decimal comma ("25,3", "1,13", "16,9%": a comma followed by 1, 2 or 4+ digits) keeps
 *   the French reading: a page that writes decimal commas does not also group with commas;
 * - otherwise English grouping ("1,234,567", "1,234.5"), or decimals written with a dot
 *   ("2.5", "31.9") and no decimal comma, switch the page to `fr-comma-groups`, where
 *   "300,000" is three hundred thousand;
 * - with no evidence either way the language's default stands ("300,000" → 300 on a French
 *   page that shows nothing else), as documented.
 *
 * English and German pages keep their language's notation: their separators are not
 * ambiguous on the pages we read.
 */
import { defaultNotation, type Notation } from './read-number.ts';
import { pickLanguage } from '../../model/figure-vocabulary.ts';

/** A comma that can only be a decimal mark: followed by 1–2 or 4+ digits, not a list ("1, 2"). */
const DECIMAL_COMMA = /(?<![\d.,])\d+,(?:\d{1,2}|\d{4,})(?![\d,])/u;
/** Commas that can only group thousands: two groups or more, or groups then a decimal dot. */
const COMMA_GROUPS = /(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d,])|(?<![\d.,])\d{1,3},\d{3}\.\d+(?![\d.,])/u;
/** A decimal dot ("31.9", "2.0"), not a date ("08.07.1994") nor a section number ("1.2.3"). */
const DECIMAL_DOT = /(?<![\d.,])\d+\.\d{1,2}(?![\d.,])/u;

/** The notation the page's numbers are written in (see the module comment for the rule). */
export function detectNotation(texts: Iterable<string>, language: string): Notation {
  const notation = defaultNotation(language);
  if (pickLanguage(language) !== 'fr') return notation;
  let groups = false;
  let dots = false;
  for (const text of texts) {
    if (DECIMAL_COMMA.test(text)) return notation;
    groups ||= COMMA_GROUPS.test(text);
    dots ||= DECIMAL_DOT.test(text);
  }
  return groups || dots ? 'fr-comma-groups' : notation;
}
