/**
 * The declared revision stamp ("Updated: 26 October 2017", "Mis à jour le 12 mars 2011",
 * "Stand: März 2011", "Date de mise à jour le : 15 septembre 2026") and its date.
 *
 * Dates go through chrono-node with the page's language. What chrono leaves is handled here:
 * a stamp without a day ("Updated: May 2020") keeps month precision ("2020-05") instead of
 * chrono's invented first of the month, and month + year in French and German ("mars 2011",
 * "März 2011"), which chrono.fr / chrono.de do not find, is read from month-name tables.
 */
import * as chrono from 'chrono-node';

/** Stamp labels, each followed by the date text. `\s` also matches the NBSP before a French colon. */
const STAMP_LABELS: readonly RegExp[] = [
  /^(?:last\s+)?updated(?:\s+on)?\s*:?\s*/i,
  /^(?:date\s+de\s+)?(?:derni[èe]re\s+)?mise?\s+à\s+jour(?:\s+le)?\s*:?\s*/i,
  /^(?:stand|aktualisiert(?:\s+am)?|letzte\s+aktualisierung|zuletzt\s+aktualisiert(?:\s+am)?)\s*:?\s*/i,
];

/** A stamp is one short line; longer blocks that start with "Updated" are prose. */
const MAX_STAMP_LENGTH = 100;

/** Chrono needs a reference date; a fixed one keeps extraction pure (only certain years are kept). */
const REFERENCE_DATE = new Date(Date.UTC(2000, 0, 1));

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: Array<[number, string[]]> = [
  [1, ['january', 'jan', 'janvier', 'janv', 'januar', 'jänner']],
  [2, ['february', 'feb', 'février', 'fevrier', 'févr', 'fevr', 'februar']],
  [3, ['march', 'mar', 'mars', 'märz', 'maerz', 'marz']],
  [4, ['april', 'apr', 'avril', 'avr']],
  [5, ['may', 'mai']],
  [6, ['june', 'jun', 'juin', 'juni']],
  [7, ['july', 'jul', 'juillet', 'juil', 'juli']],
  [8, ['august', 'aug', 'août', 'aout']],
  [9, ['september', 'sep', 'sept', 'septembre']],
  [10, ['october', 'oct', 'octobre', 'oktober', 'okt']],
  [11, ['november', 'nov', 'novembre']],
  [12, ['december', 'dec', 'décembre', 'decembre', 'dezember', 'dez']],
];
for (const [month, names] of MONTH_NAMES) for (const name of names) MONTHS[name] = month;

/** "[day] month year" with a named month: "5 July 2017", "1er mars 2011", "15. März 2011", "May 2020". */
const NAMED_MONTH_DATE = /^(?:(\d{1,2})(?:er|\.)?\s+)?(\p{L}+)\.?\s+(\d{4})\s*\.?$/u;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function chronoFor(language: string): chrono.Chrono {
  switch (language) {
    case 'fr':
      return chrono.fr.strict;
    case 'de':
      return chrono.de.strict;
    default:
      return chrono.en.strict;
  }
}

function isValidDay(year: number, month: number, day: number): boolean {
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseNamedMonth(text: string): string | null {
  const match = NAMED_MONTH_DATE.exec(text.trim());
  if (match === null) return null;
  const month = MONTHS[match[2]!.toLowerCase()];
  if (month === undefined) return null;
  const year = Number(match[3]);
  if (match[1] === undefined) return `${year}-${pad(month)}`;
  const day = Number(match[1]);
  return isValidDay(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : null;
}

/**
 * The date of a stamp's date text, as "YYYY-MM-DD", or "YYYY-MM" when the day is not given;
 * null when no date with a certain year is found, or when the text holds more than a date.
 */
export function parseStampDate(dateText: string, language: string): string | null {
  const text = dateText.trim();
  const [result] = chronoFor(language).parse(text, REFERENCE_DATE);
  if (result !== undefined && result.index === 0 && /^[\s.]*$/.test(text.slice(result.text.length))) {
    const { start } = result;
    const year = start.get('year');
    const month = start.get('month');
    if (start.isCertain('year') && start.isCertain('month') && year !== null && month !== null) {
      const day = start.get('day');
      return start.isCertain('day') && day !== null
        ? `${year}-${pad(month)}-${pad(day)}`
        : `${year}-${pad(month)}`;
    }
  }
  return parseNamedMonth(text);
}

/** The date text after a stamp label, or null when `block` does not start with one. */
export function matchStampLabel(block: string): string | null {
  if (block.length > MAX_STAMP_LENGTH) return null;
  for (const label of STAMP_LABELS) {
    const match = label.exec(block);
    if (match !== null) return block.slice(match[0].length);
  }
  return null;
}

/** Reads a stamp line: its date (or null) when the line is a stamp, undefined when it is not. */
export function parseStamp(block: string, language: string): { updated: string | null } | undefined {
  const dateText = matchStampLabel(block);
  if (dateText === null) return undefined;
  return { updated: parseStampDate(dateText, language) };
}
