/**
 * The language of each section, where it is not the page's: a German page with an English
 * speech, a French page quoting a German treaty article, a bilingual mirror. Its figures are read
 * in the section's own language ("1,200 staff" in an English section of a German page is twelve
 * hundred, not 1.2), issue 19 Build 5.
 *
 * The rule is the page rule's (detect-language.ts) with its override threshold: a section reads
 * in another language only when its text is long enough (`MIN_SECTION_CHARS`) and the detector's
 * gap for the other language is above `OVERRIDE_GAP` — the margin the page's text needs to
 * overrule a declaration, 2.5× the largest gap a wrong guess reached on the development corpus.
 * A heading, a table of numbers or a short quotation never switches. The sample is bounded
 * (`SECTION_SAMPLE_CHARS` per section), and the detector runs only on a section whose function
 * words ("the", "und", "les": the stop words only one of our languages has) lean to another
 * language than the page's — nearly every section of nearly every page is in the page's language,
 * and counting words costs a tenth of the detector's trigrams.
 */
import { OVERRIDE_GAP, detectTextLanguage } from './detect-language.ts';
import { FIGURE_LANGUAGES, STOP_WORDS, type FigureLanguage } from '../model/figure-vocabulary.ts';
import type { Section } from '../model/index.ts';

/** Below this many characters of text a section is too short to say its own language. */
const MIN_SECTION_CHARS = 200;
/** The most of a section's text the detector reads. */
const SECTION_SAMPLE_CHARS = 400;

/**
 * Sets `language` on the sections whose text is clearly in a language other than `pageLanguage`
 * (one of those we have tables for); leaves the others without one. Mutates and returns `sections`.
 */
export function markSectionLanguages(sections: Section[], pageLanguage: string): Section[] {
  for (const section of sections) {
    if (!isLongEnough(section.blocks) || !leansAway(section.blocks, pageLanguage)) continue;
    const verdict = detectTextLanguage(section.blocks, SECTION_SAMPLE_CHARS);
    if (verdict !== null && verdict.language !== pageLanguage && verdict.gap >= OVERRIDE_GAP) section.language = verdict.language;
  }
  return sections;
}

function isLongEnough(blocks: readonly string[]): boolean {
  let length = 0;
  for (const block of blocks) if ((length += block.length) >= MIN_SECTION_CHARS) return true;
  return false;
}

/** Stop words that only one of our languages has: "the", "les", "und" — each language's own. */
const OWN_STOP_WORDS: ReadonlyArray<[FigureLanguage, Set<string>]> = FIGURE_LANGUAGES.map((language) => [
  language,
  new Set([...STOP_WORDS[language]].filter((w) => w.length > 1 && FIGURE_LANGUAGES.every((other) => other === language || !STOP_WORDS[other].has(w)))),
]);
/** A section leans away from the page's language with at least this many of another's own stop words. */
const MIN_LEANING = 3;

/** Whether the sample's own stop words of some other language outnumber the page language's. */
function leansAway(blocks: readonly string[], pageLanguage: string): boolean {
  let sample = '';
  for (const block of blocks) {
    sample += `${block.slice(0, SECTION_SAMPLE_CHARS - sample.length)} `;
    if (sample.length >= SECTION_SAMPLE_CHARS) break;
  }
  const counts = new Map<string, number>();
  for (const [word] of sample.toLowerCase().matchAll(/\p{L}+/gu)) {
    for (const [language, words] of OWN_STOP_WORDS) if (words.has(word)) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const own = counts.get(pageLanguage) ?? 0;
  return [...counts].some(([language, n]) => language !== pageLanguage && n >= MIN_LEANING && n > own);
}
