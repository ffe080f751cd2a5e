import { FIGURE_LANGUAGES, LABEL_WORDS, MONTHS, NUMBER_WORDS, ORDINAL_WORDS, PRESENCE_COUNTS, SCALE_WORDS, type FigureLanguage, type LabelWords } from '../model/figure-vocabulary.ts';
import { wordAlternation } from '../text/word-alternation.ts';
import { collapseWhitespace } from '../text/collapse-whitespace.ts';

/*
 * The words a label is read with, shared by the rules that read one (label-figure.ts and the
 * rules in files of their own, share-labels.ts): the extractor's vocabulary in every language,
 * and the word-level steps — a sentence's tokens, their punctuation, the function words at a
 * label's edges, number words, verbs, noun phrases. One place, so every rule ends a noun phrase
 * where the others do.
 */

/**
 * The words of one of the extractor's tables (src/model/figure-vocabulary.ts) in every language,
 * lower case. The extractor's, so that a label knows every month, number and scale word the
 * extractor reads ("Oktober", "quinze", "Milliarden"); every language, because a figure does not
 * say which language its sentence is in.
 */
function inEveryLanguage(table: Record<FigureLanguage, Record<string, number>>): Set<string> {
  // "Mrd." is compared without its dot: `stripPunctuation` takes it off the page's word.
  return new Set(FIGURE_LANGUAGES.flatMap((lang) => Object.keys(table[lang]).map((word) => word.replace(/\.$/u, ''))));
}

/** One list of LABEL_WORDS in every language, lower case, one word each (phrases are left out). */
function labelWords(list: keyof LabelWords): Set<string> {
  return new Set(FIGURE_LANGUAGES.flatMap((lang) => LABEL_WORDS[lang][list]).filter((w) => !w.includes(' ')));
}

const MONTH_NAMES = inEveryLanguage(MONTHS);
export const NUMBER_NAMES = inEveryLanguage(NUMBER_WORDS);
export const SCALE_NAMES = inEveryLanguage(SCALE_WORDS);
/**
 * The quantifiers of none and of one that open a count's raw text ("no French companies", "une
 * seule entreprise", "pas d’entreprise"), in every language, with the space or elision after them.
 */
export const QUANTIFIER_OPENING = new RegExp(
  `^(?:${wordAlternation(new Set(FIGURE_LANGUAGES.flatMap((lang) => {
    const q = PRESENCE_COUNTS[lang];
    return [...q.none, ...q.noneAfterExistential, ...q.one, ...q.oneAfterExistential, ...q.onlyOne];
  })))})(?:[ \u00A0]+|(?<=[’']))`,
  'iu',
);
const ORDINAL_NAMES = inEveryLanguage(ORDINAL_WORDS);
export const DETERMINERS = labelWords('determiners');
export const PREPOSITIONS = labelWords('prepositions');
export const COORDINATIONS = labelWords('coordinations');
export const VERBS = labelWords('verbs');
export const RELATIVES = new Set([...LABEL_WORDS.en.relatives, ...LABEL_WORDS.fr.relatives, 'welche', 'welcher', 'welches']);
export const WEAK = labelWords('weak');
export const EVENTS = labelWords('events');

/** Words that carry no meaning at the edge of a label ("the", "of", "und", "million"). */
export const EDGE_WORDS = new Set([
  ...DETERMINERS, ...PREPOSITIONS, ...COORDINATIONS, ...WEAK, ...SCALE_NAMES, ...VERBS,
  ...'than more less plus moins mehr weniger amount amounted account accounts accounted totalling ranks ranked ranking who since until'.split(' '),
]);

/** Words that only link: never the last word of a predicate ("visited India and", "s’est rendu à"). */
export const LINK_WORDS = new Set([...DETERMINERS, ...PREPOSITIONS, ...COORDINATIONS, ...WEAK]);

export const MAX_LABEL_WORDS = 6;

/**
 * A noun phrase from the start of `words`: it ends before a verb, a relative pronoun, a
 * coordination (unless what follows is no figure and the phrase has one word: "goods and
 * services trading partner"), a number, or after a clause mark; at most six words, no function
 * word at either edge.
 */
export function nounPhrase(words: string[], lang: Lang): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const w = stripPunctuation(word).toLowerCase();
    if (w === '' || isNumberWord(word)) break;
    if (out.length > 0) {
      if (RELATIVES.has(w) || (lang === 'de' && ['der', 'die', 'das'].includes(w) && /,$/u.test(words[i - 1]!))) break;
      if (isVerb(word, words[i - 1]!, lang)) break;
      if (COORDINATIONS.has(w)) {
        const following = words[i + 1];
        if (out.length > 1 || following === undefined || isNumberWord(following)) break;
      }
    }
    out.push(word);
    if (/[,;:)]$/u.test(word) || out.length >= MAX_LABEL_WORDS) break;
  }
  return trimEdges(out);
}

/** Is `word` a verb, after `previous`? The verbs of the lists; English "-ed"; in German, a lower-case word after a noun. */
export function isVerb(word: string, previous: string | undefined, lang: Lang): boolean {
  const w = stripPunctuation(word);
  const lower = w.toLowerCase();
  // French "a" (has) is English "a" (an article).
  if (lower === 'a') return lang === 'fr';
  if (VERBS.has(lower)) return true;
  // A French participle after its auxiliary ("a investi", "ont conclu").
  if (lang === 'fr' && previous !== undefined && /^\p{Ll}/u.test(w) && FRENCH_AUXILIARIES.has(stripPunctuation(previous).toLowerCase())) return true;
  if (/^\p{Ll}/u.test(w) && /\p{L}{3}ed$/u.test(w)) return true;
  if (lang === 'de' && previous !== undefined && /^\p{Ll}/u.test(w) && !DETERMINERS.has(lower) && !PREPOSITIONS.has(lower) && !COORDINATIONS.has(lower) && !WEAK.has(lower)) {
    const p = stripPunctuation(previous);
    return /^\p{Lu}/u.test(p) && !DETERMINERS.has(p.toLowerCase()) && !/[,;:(]$/u.test(previous);
  }
  return false;
}

const FRENCH_AUXILIARIES = new Set('a ont avait avaient aura auront'.split(' '));

/** The language a figure's sentence is written in, by its function words (a figure does not say). */
export type Lang = FigureLanguage;

/**
 * Read by the sentence's commonest function words: a German noun phrase ends where a lower-case
 * word follows its noun, and French "a" is a verb where English "a" is an article.
 */
export function sentenceLanguage(sentence: string): Lang {
  const words = sentence.toLowerCase().split(/[^\p{L}]+/u);
  const count = (list: string[]) => words.filter((w) => list.includes(w)).length;
  const de = count(['der', 'die', 'das', 'und', 'ist', 'mit', 'den', 'dem', 'des', 'sich', 'auf', 'für', 'von', 'im', 'am', 'zu', 'wurde']);
  const en = count(['the', 'and', 'of', 'is', 'to', 'was', 'with', 'an', 'for', 'by', 'are', 'has', 'have', 'were', 'from', 'its']);
  const fr = count(['le', 'la', 'les', 'et', 'est', 'du', 'une', 'pour', 'dans', 'des', 'au', 'aux', 'un', 'sur', 'par', 'avec', 'ont', 'qui', 'depuis', 'l', 'd']);
  if (de > Math.max(en, fr)) return 'de';
  return fr > en ? 'fr' : 'en';
}

export function hasContent(words: string[]): boolean {
  return words.some((w) => {
    const s = stripPunctuation(w).toLowerCase();
    return s.length >= 3 && !EDGE_WORDS.has(s) && !VERBS.has(s) && !/\d/u.test(s);
  });
}

export function isFigureWord(word: string): boolean {
  return /\d/u.test(word) || MONTH_NAMES.has(stripPunctuation(word).toLowerCase());
}

/**
 * A number of any form: digits, a month, a number word, an ordinal ("sixth-largest", "dritte",
 * "quatrième"): where a noun phrase ends, since what follows belongs to another figure.
 */
export function isNumberWord(word: string): boolean {
  if (isFigureWord(word)) return true;
  const w = stripPunctuation(word).toLowerCase();
  const head = w.split('-')[0]!;
  if (NUMBER_NAMES.has(w) || ORDINAL_NAMES.has(w) || ORDINAL_NAMES.has(head)) return true;
  // German ordinals are stems with an ending ("dritte", "ersten"), or fused ("drittgrößte").
  return /^(erst|zweit|dritt|viert|fünft|sechst|siebt|neunt|zehnt)(e|er|es|en|em)?$/u.test(w);
}

export function words_(text: string): string[] {
  const collapsed = collapseWhitespace(text);
  return collapsed === '' ? [] : collapsed.split(' ');
}

export function stripPunctuation(word: string): string {
  return word.replace(/^[("“‘'«[]+|[)"”’'»\],;:.!?]+$/gu, '');
}

export function trimEdges(words: string[]): string[] {
  const isEdge = (word: string): boolean => EDGE_WORDS.has(stripPunctuation(word).toLowerCase());
  let start = 0;
  let end = words.length;
  while (start < end && isEdge(words[start]!)) start++;
  while (end > start && isEdge(words[end - 1]!)) end--;
  return words.slice(start, end);
}

/** Words joined, with punctuation kept inside ("North Korea, France’s") but not at the ends. */
export function joinLabel(words: string[]): string {
  const joined = words.join(' ');
  let label = stripPunctuation(joined);
  // A parenthesis is closed or left out: "Agence française de développement (AFD)", never "… (AFD".
  if (label.lastIndexOf('(') > label.lastIndexOf(')')) {
    const closed = label + ')';
    label = joined.startsWith(closed) ? closed : label.slice(0, label.lastIndexOf('(')).trim();
  }
  // An elided article is no part of the name ("l’Agence" → "Agence").
  return label.replace(/,$/u, '').replace(/^[dDlL][’'](?=\p{Lu})/u, '');
}
