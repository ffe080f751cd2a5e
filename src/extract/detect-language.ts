/**
 * The page's language, which decides how dates and numbers are read ("40.000" is forty thousand
 * in German and forty in English; "11.07.1951" is 11 July in German).
 *
 * Three witnesses, in this order of trust (issue 19):
 *
 * 1. **The text.** franc-min's trigram detector, restricted to the three languages we have
 *    tables for, on a bounded sample of the content text (at most `SAMPLE_CHARS`, first a
 *    shorter `FIRST_SAMPLE_CHARS` that settles most pages), plus our number conventions as
 *    evidence (`language-cues.ts`: "40.000", "30,3 Milliarden", "1 200", "17 %", month names).
 *    Mirrors, archives and many sites declare no language or the wrong one; the words do not lie.
 * 2. **`<html lang>`**, the author's declaration.
 * 3. **The URL's language segment** (`/en/`, `/fr/`, `/de/`), what the France Diplomatie site
 *    uses when a capture lost its markup; then English.
 *
 * The text decides only when it is conclusive; how conclusive is measured as the detector's
 * **gap**: the difference between the best and the second-best language's franc score (franc
 * normalises scores to 0–1, best = 1) times the sample's length, which makes it roughly the
 * raw trigram-distance gap in units of franc's maximal per-trigram penalty, comparable across
 * lengths (the normalised difference alone shrinks as the text grows). Each occurrence of a
 * number cue adds `CUE_WEIGHT` to the languages it fits (at most three per cue).
 *
 * Thresholds, measured on the development corpus (every window of 30–800 characters of its 51
 * revisions, 7,800 samples): a wrong best guess never had a gap above 11.5 (all at 30–50
 * characters; at 200 characters and more none was wrong at all), while the right language's
 * gap was above 25 on 90% of 200-character windows and 43 at the median.
 *
 * - `OVERRIDE_GAP` = 30: the text overrules a declaration (`<html lang>` or the URL) only with
 *   a gap above 2.5× the largest wrong one — a few sentences of clear prose, never a heading or
 *   a table of numbers.
 * - `DECIDE_GAP` = 15: with nothing declared, the text replaces the English default from a
 *   gap above the largest wrong one seen.
 * - Below these the text is too short or ambiguous and the declaration stands.
 *
 * A declaration of a language we have no tables for ("es", "it") is kept: a detector that knows
 * only en/fr/de cannot refute it. One language per page: a German page quoting an English
 * paragraph is read as German throughout here; section-languages.ts then marks the sections whose
 * own text clearly says otherwise.
 */
import { francAll } from 'franc-min';
import { FIGURE_LANGUAGES, type FigureLanguage } from '../model/figure-vocabulary.ts';
import { countLanguageCues } from './language-cues.ts';

const URL_LANGUAGE = /\/(en|fr|de|es|it|pt|ar|zh|ru)(?:\/|$)/;

/** franc's ISO 639-3 codes of the languages we read. */
const FRANC_CODES: Record<string, FigureLanguage> = { eng: 'en', fra: 'fr', deu: 'de' };
const FRANC_ONLY = Object.keys(FRANC_CODES);

/** The most content text the detector reads: franc itself reads no more than 2,048 characters. */
export const SAMPLE_CHARS = 2048;
/** A first, shorter sample that settles most pages at a quarter of the cost (franc is linear). */
const FIRST_SAMPLE_CHARS = 512;
/** The gap above which the text overrules a declared language (see the module comment). */
export const OVERRIDE_GAP = 30;
/** The gap above which the text replaces the English default when nothing is declared. */
export const DECIDE_GAP = 15;
/** What one occurrence of a number convention adds to the languages it fits. */
const CUE_WEIGHT = 4;

/** BCP 47 tags that declare no language: undetermined, multiple, no linguistic content. */
const NO_LANGUAGE = new Set(['und', 'mul', 'zxx', 'mis']);

/** Primary subtag of a BCP 47 tag, lower-cased: "en-GB" → "en"; null when not a language tag. */
function primarySubtag(tag: string): string | null {
  const primary = tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return /^[a-z]{2,3}$/.test(primary) && !NO_LANGUAGE.has(primary) ? primary : null;
}

function urlLanguage(urls: ReadonlyArray<string | null>): string | null {
  for (const url of urls) {
    if (url === null) continue;
    let path: string;
    try {
      path = new URL(url, 'http://localhost/').pathname;
    } catch {
      continue;
    }
    const match = URL_LANGUAGE.exec(path);
    if (match?.[1] !== undefined) return match[1];
  }
  return null;
}

/** What the text says: its most likely language and how far ahead of the next one it is. */
export interface TextVerdict {
  language: FigureLanguage;
  gap: number;
  /** Characters of text read. */
  read: number;
}

/** Up to `max` characters of the texts, joined by spaces, without reading past them. */
function takeSample(texts: Iterable<string>, max: number): string {
  let sample = '';
  for (const text of texts) {
    sample += (sample === '' ? '' : ' ') + text.slice(0, max - sample.length);
    if (sample.length >= max) break;
  }
  return sample.slice(0, max);
}

/** The text's verdict on one sample: franc's scores, as gaps, plus the number cues. */
function judgeSample(sample: string): TextVerdict | null {
  const score: Record<FigureLanguage, number> = { en: 0, fr: 0, de: 0 };
  const ranked = francAll(sample, { only: FRANC_ONLY });
  if (ranked.length === FIGURE_LANGUAGES.length) {
    const best = ranked[0]![1];
    for (const [code, value] of ranked) score[FRANC_CODES[code]!] = (value - best) * sample.length;
  }
  const cues = countLanguageCues(sample);
  for (const language of FIGURE_LANGUAGES) score[language] += CUE_WEIGHT * cues[language];
  const order = [...FIGURE_LANGUAGES].sort((a, b) => score[b] - score[a]);
  const gap = score[order[0]!] - score[order[1]!];
  return gap > 0 ? { language: order[0]!, gap, read: sample.length } : null;
}

/**
 * The language of a text, read from at most `SAMPLE_CHARS` characters of it; null when the text
 * says nothing (no letters, a tie). A first sample of `FIRST_SAMPLE_CHARS` is enough when it is
 * conclusive; the cost is bounded whatever the page's size.
 */
export function detectTextLanguage(texts: Iterable<string>, maxChars = SAMPLE_CHARS): TextVerdict | null {
  const sample = takeSample(texts, Math.min(maxChars, SAMPLE_CHARS));
  if (sample.length > FIRST_SAMPLE_CHARS) {
    const first = judgeSample(sample.slice(0, FIRST_SAMPLE_CHARS));
    if (first !== null && first.gap >= OVERRIDE_GAP) return first;
  }
  return judgeSample(sample);
}

/** The language chosen and which witness chose it. */
export interface LanguageChoice {
  language: string;
  by: 'text' | 'declared' | 'url' | 'default';
  text: TextVerdict | null;
}

/** Chooses the page's language (the rule is the module comment). */
export function chooseLanguage(htmlLang: string | null, urls: ReadonlyArray<string | null>, texts: Iterable<string>): LanguageChoice {
  const declared = htmlLang === null ? null : primarySubtag(htmlLang);
  const fromUrl = declared === null ? urlLanguage(urls) : null;
  const fallback = declared ?? fromUrl;
  const by = declared !== null ? 'declared' : fromUrl !== null ? 'url' : 'default';
  // A language without tables cannot be refuted by a detector that knows only en/fr/de.
  if (fallback !== null && !(FIGURE_LANGUAGES as readonly string[]).includes(fallback)) return { language: fallback, by, text: null };
  const text = detectTextLanguage(texts);
  const needed = fallback === null ? DECIDE_GAP : OVERRIDE_GAP;
  if (text !== null && text.language !== fallback && text.gap >= needed) return { language: text.language, by: 'text', text };
  return { language: fallback ?? 'en', by, text };
}

/** The page's language: `chooseLanguage`'s choice. */
export function detectLanguage(htmlLang: string | null, urls: ReadonlyArray<string | null>, texts: Iterable<string> = []): string {
  return chooseLanguage(htmlLang, urls, texts).language;
}
