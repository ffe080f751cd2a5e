/**
 * Reads one line as a revision stamp, in the forms publishers print in English, French and
 * German:
 *
 * - **labelled**: "Updated: 26 October 2017", "Last updated 22 July 2024", "Last updated on
 *   July 22, 2024", "Mis à jour le 12 mars 2011", "Dernière mise à jour le 12 mars 2021",
 *   "Date de mise à jour le : 15 septembre 2026", "Dernière modification : 23/10/2017",
 *   "Stand: September 2016", "Aktualisiert am 3. März 2020", "Zuletzt aktualisiert: 15.03.2011",
 *   "Letzte Aktualisierung: …"; a time may follow the date ("… à 10h30", "…, 17:24 Uhr");
 * - **labelled without a date**, for the unmistakable labels only ("Last updated", "Dernière mise
 *   à jour le", "Zuletzt aktualisiert"): a page whose date did not survive, or is filled in by
 *   a script. It is still the stamp line, so it is still kept out of the sections;
 * - **a bare date line**: "11/05/2016 - 17:24" (EEAS), "22.11.2019 - Artikel" (a German news
 *   type after the date), "July 22, 2024". Only its position (right under the title) makes it a
 *   stamp; that is for the caller to judge (`take-stamp.ts`).
 *
 * A line is a stamp only when the label is followed by a date and nothing else (or by nothing at
 * all, for the unmistakable labels): "Updated our travel advice", "Stand der Verhandlungen" and
 * "Updated figures show that trade fell in May 2016." are prose.
 *
 * The date is read in the label's language first ("Dernière modification : 23/10/2017" on an
 * English page is French, and day first), then in the page's.
 */
import { parseStampDate, type NumericDateOrder } from './stamp-date.ts';

interface StampLabel {
  pattern: RegExp;
  language: 'en' | 'fr' | 'de';
  /** Whether the label alone, with no date, is still a stamp line. */
  alone: boolean;
}

/**
 * Labels, matched at the start of the line. `\s` also matches the NBSP before a French colon;
 * the lookahead keeps a label from matching the start of a longer word ("Updatedness").
 */
const END = String.raw`(?![\p{L}\p{N}])`;
const label = (source: string, language: StampLabel['language'], alone: boolean): StampLabel => ({
  pattern: new RegExp(`^(?:${source})${END}`, 'iu'),
  language,
  alone,
});
const STAMP_LABELS: readonly StampLabel[] = [
  label(String.raw`(?:page\s+)?last\s+(?:updated|modified|update)(?:\s+on)?`, 'en', true),
  label(String.raw`updated(?:\s+on)?`, 'en', false),
  label(String.raw`(?:date\s+de\s+(?:la\s+)?(?:derni[èe]re\s+)?|derni[èe]re\s+)mise\s+[àa]\s+jour(?:\s+le)?`, 'fr', true),
  label(String.raw`mise?\s+[àa]\s+jour(?:\s+le)?`, 'fr', false),
  label(String.raw`derni[èe]re\s+modification(?:\s+le)?`, 'fr', true),
  label(String.raw`(?:modifi[ée]|actualis[ée])e?\s+le`, 'fr', false),
  label(String.raw`(?:zuletzt\s+(?:aktualisiert|geändert|bearbeitet)|letzte\s+(?:aktualisierung|änderung))(?:\s+(?:am|vom))?`, 'de', true),
  label(String.raw`(?:aktualisiert|stand)(?:\s+(?:am|vom))?`, 'de', false),
];

/** A stamp is one short line; longer blocks that start with "Updated" are prose. */
const MAX_STAMP_LENGTH = 100;

/** What may separate a label from its date: a colon, a dash, or plain space. */
const LABEL_SEPARATOR = /^\s*[:：–—-]?\s*/u;

/** A time after the date: "- 17:24", ", 10:00 Uhr", "à 10h30", "at 5:30 pm". */
const TRAILING_TIME = /\s*(?:[-–—,|]\s*)?(?:(?:à|um|at)\s+)?\d{1,2}\s*[:h.]\s*\d{2}(?:\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.))?\s*$/iu;

/** A content type printed after the date of a news-like page: "22.11.2019 - Artikel". */
const TRAILING_TYPE = /\s*[-–—|]\s*(?:artikel|pressemitteilung|meldung|rede|interview|article|communiqué(?:\s+de\s+presse)?|actualité|press\s+release|news|speech|statement)\s*$/iu;

/** What a stamp line is: its date (null when the line carries none) and whether a label says so. */
export interface StampLine {
  updated: string | null;
  labelled: boolean;
}

/** How a stamp line is read: the page's language and the order of its numeric dates. */
export interface StampReadingContext {
  language: string;
  order?: NumericDateOrder;
}

function orderFor(labelLanguage: string, ctx: StampReadingContext): NumericDateOrder {
  if (labelLanguage === 'fr' || labelLanguage === 'de') return 'dmy';
  return ctx.order ?? 'dmy';
}

/** The date of a date text, a time or a content type after it allowed; null when it is not one. */
function readDate(text: string, languages: readonly string[], order: NumericDateOrder): string | null {
  const bare = text.replace(TRAILING_TYPE, '').replace(TRAILING_TIME, '').trim();
  return bare === '' ? null : parseStampDate(bare, languages, order);
}

/** Reads a labelled stamp line: undefined when `line` is not one. */
export function parseLabelledStamp(line: string, ctx: StampReadingContext): StampLine | undefined {
  const text = line.trim();
  if (text.length > MAX_STAMP_LENGTH) return undefined;
  for (const { pattern, language, alone } of STAMP_LABELS) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const rest = text.slice(match[0].length).replace(LABEL_SEPARATOR, '');
    if (rest === '') return alone ? { updated: null, labelled: true } : undefined;
    const updated = readDate(rest, [language, ctx.language], orderFor(language, ctx));
    // A label followed by anything but a date is prose ("Stand der Verhandlungen"); a later
    // label may still match ("Updated" does not, "Last updated" does).
    if (updated !== null) return { updated, labelled: true };
  }
  return undefined;
}

/** Reads a line that is a date and nothing else ("11/05/2016 - 17:24"): undefined when it is not. */
export function parseBareDateStamp(line: string, ctx: StampReadingContext): StampLine | undefined {
  const text = line.trim();
  if (text.length > MAX_STAMP_LENGTH) return undefined;
  const updated = readDate(text, [ctx.language], orderFor(ctx.language, ctx));
  return updated === null ? undefined : { updated, labelled: false };
}

/**
 * Reads a stamp line, labelled or (when `bare` allows it) a date alone; undefined when the line
 * is not a stamp.
 */
export function parseStamp(line: string, ctx: StampReadingContext, opts: { bare?: boolean } = {}): StampLine | undefined {
  return parseLabelledStamp(line, ctx) ?? (opts.bare === true ? parseBareDateStamp(line, ctx) : undefined);
}
