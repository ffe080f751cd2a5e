import { FIGURE_LANGUAGES, ONE_WORDS, PLACE_PREPOSITIONS } from '../model/figure-vocabulary.ts';
import type { Figure } from '../model/index.ts';
import {
  COORDINATIONS, DETERMINERS, LINK_WORDS, NUMBER_NAMES, PREPOSITIONS, RELATIVES,
  hasContent, isNumberWord, isVerb, joinLabel, nounPhrase, sentenceLanguage, stripPunctuation, words_, type Lang,
} from './label-words.ts';

/**
 * The label of a figure that is a share of a whole printed in a parenthesis, or null when the
 * figure is not one. Two forms, each named by what the page printed around the parenthesis:
 * - a part of a distribution after its total: "six visites présidentielles bilatérales ont eu
 *   lieu (quatre à Paris, deux à Astana)" → "visites présidentielles bilatérales à Paris". Alone,
 *   "deux à Astana" says where but not what: the words after it are the next part's, or a
 *   neighbour's (a place alone, "Astana", names as well any other visit the page dates there).
 *   The total itself is named by its noun phrase without its verb ("visites présidentielles
 *   bilatérales", not "… ont eu lieu");
 * - a share after the noun phrase it is the share for, with what it is a share of: "la
 *   gouvernance et les droits de l’Homme (5-10% de l’enveloppe)" → "gouvernance et droits de
 *   l’Homme (part de l’enveloppe)". A reader quotes both halves: the noun phrase alone does not
 *   say it is a share, the whole alone ("l’enveloppe") is the same for every share of the list.
 *   Coordinated noun phrases are kept whole ("la gouvernance et les droits de l’Homme" is one
 *   sector); the list's own links ("ainsi que", "and to") and the articles are left out.
 * `start` and `end` are the figure's span in `sentence` (both ends of a range: range-span.ts).
 */
export function shareLabel(figure: Figure, sentence: string, start: number, end: number): string | null {
  // Printed twice in its sentence ("l’éducation (45-50% …), l’agriculture (45-50% …)"), the figure cannot say which share it is.
  const printed = sentence.slice(start, end);
  if (sentence.indexOf(printed) !== sentence.lastIndexOf(printed)) return null;
  const lang = sentenceLanguage(sentence);
  if (figure.kind === 'count') return figure.place !== undefined ? distributionPart(sentence, start, figure.place, lang) : distributionTotal(sentence, end, lang);
  if (figure.kind === 'percent' || figure.kind === 'money') return shareOfWhole(sentence, start, end, lang);
  return null;
}

/**
 * The noun phrase a total counts, when a parenthesis right after it lists its parts ("six
 * visites présidentielles bilatérales ont eu lieu (quatre à Paris, deux à Astana)" → "visites
 * présidentielles bilatérales"), or null: the phrase ends before its verb, which says that the
 * visits took place, not which ones. `end` is where the total's printed text ends.
 */
function distributionTotal(sentence: string, end: number, lang: Lang): string | null {
  const open = sentence.indexOf('(', end);
  if (open === -1 || /[;:.)]/u.test(sentence.slice(end, open)) || words_(sentence.slice(end, open)).some(isNumberWord)) return null;
  const close = sentence.indexOf(')', open);
  if (close === -1 || parts(sentence.slice(open + 1, close)) === null) return null;
  return totalBefore(sentence.slice(0, open), lang);
}

/**
 * "quatre à Paris" of "(quatre à Paris, deux à Astana)": the total's noun phrase and this part's
 * place (the extractor's `Figure.place`: it found the distribution).
 */
function distributionPart(sentence: string, start: number, place: string, lang: Lang): string | null {
  const open = sentence.lastIndexOf('(', start);
  if (open === -1 || sentence.slice(open + 1, start).includes(')')) return null;
  const total = totalBefore(sentence.slice(0, open), lang);
  return total === null ? null : `${total} ${place}`;
}

/**
 * The parts of a distribution, or null when the parenthesis is not one: two or more parts, each
 * a number and a place ("quatre à Paris", "two in Rome", "drei in Berlin"), joined by commas or
 * a coordination ("deux à Paris et une à Hanoï").
 */
function parts(inner: string): Array<{ at: number; text: string; place: string }> | null {
  const out: Array<{ at: number; text: string; place: string }> = [];
  for (const m of inner.matchAll(/[^,;]+/gu)) {
    let at = m.index;
    for (const piece of m[0].split(/(?<=\s)(?=(?:et|and|und|sowie)\s)/u)) {
      const words = words_(piece);
      const link = COORDINATIONS.has(words[0]?.toLowerCase() ?? '') ? 1 : 0;
      const [number, preposition, ...place] = words.slice(link);
      if (number === undefined || !isCount(number)) return null;
      if (preposition === undefined || !PLACES.has(preposition.toLowerCase())) return null;
      if (place.length === 0 || place.length > MAX_PLACE_WORDS || place.some((w) => /\d/u.test(w))) return null;
      out.push({ at, text: piece, place: [preposition, ...place].map(stripPunctuation).join(' ') });
      at += piece.length;
    }
  }
  return out.length >= 2 ? out : null;
}

/**
 * A number a count is printed with: digits that are no year ("2009"), a number word ("six",
 * "zwei"), or "one" / "une" / "eine", which the extractor reads as one inside a distribution
 * (src/extract/figures/recognize-distribution.ts).
 */
function isCount(word: string): boolean {
  const w = word.toLowerCase();
  return (/^\d+$/u.test(w) && !/^(1[6-9]|20)\d\d$/u.test(w)) || NUMBER_NAMES.has(w) || ONE.has(w);
}

const ONE = new Set(FIGURE_LANGUAGES.flatMap((lang) => ONE_WORDS[lang]));
/** The extractor's prepositions of a distribution's places: "à Paris", "in London", "nach Wien". */
const PLACES = new Set(FIGURE_LANGUAGES.flatMap((lang) => PLACE_PREPOSITIONS[lang]));
const MAX_PLACE_WORDS = 4;

/** The noun phrase after the last number of the text before a distribution's parenthesis ("six visites …"), without its verb. */
function totalBefore(text: string, lang: Lang): string | null {
  const words = words_(text);
  const at = words.findLastIndex((w) => isCount(stripPunctuation(w)));
  if (at === -1 || words.slice(at, -1).some((w) => /[;:.]$/u.test(w))) return null;
  const np = nounPhrase(words.slice(at + 1), lang);
  return np.length > 0 && hasContent(np) ? joinLabel(np) : null;
}

/** "l’éducation (45-50% de l’enveloppe)": the noun phrase before the parenthesis and what the figure is a share of. */
function shareOfWhole(sentence: string, start: number, end: number, lang: Lang): string | null {
  const before = sentence.slice(0, start);
  const close = sentence.indexOf(')', end);
  if (!/\S\s?\(\s*$/u.test(before) || close === -1 || sentence.slice(end, close).includes('(')) return null;
  const whole = WHOLE.exec(sentence.slice(end, close));
  if (whole === null || /\d/u.test(whole[0]) || words_(whole[0]).length > MAX_WHOLE_WORDS) return null;
  // The parenthesis names the whole and no more: "(41,1% der Lieferungen gingen dorthin)" says something else.
  const of = whole[1]!;
  const named = words_(whole[0].trim().slice(of.length));
  if (named.length === 0 || nounPhrase(named, lang).at(-1) !== named.at(-1)) return null;
  const share = phraseBeforeParenthesis(words_(before.replace(/\s?\(\s*$/u, '')), lang);
  return share === null ? null : `${share} (${shareWord(of, lang)} ${whole[0].trim()})`;
}

/** What a figure is a share of, as printed: "of the budget", "de l’enveloppe", "du budget", "des Budgets", "der Mittel". */
const WHOLE = /^\s((?:of|de|du|des|der)(?=\s)|d[’'](?=\p{L}))\s?\S.*$/u;
const MAX_WHOLE_WORDS = 7;

/** "share", "part" or "Anteil": in the language of the word that says "of" ("des" is French or German, as the sentence is). */
function shareWord(of: string, lang: Lang): string {
  if (of === 'of') return 'share';
  return of === 'der' || (of === 'des' && lang === 'de') ? 'Anteil' : 'part';
}

/**
 * The noun phrase right before a parenthesis, back to the previous parenthesis or clause mark,
 * the verb, or the preposition that governs it ("goes to health", "gehen an die Bildung"); "of",
 * "de", "von" are inside a noun phrase ("droits de l’Homme"), not before it. Null when that is
 * more words than a name.
 */
function phraseBeforeParenthesis(words: string[], lang: Lang): string | null {
  let start = words.length;
  while (start > 0) {
    const word = words[start - 1]!;
    const w = stripPunctuation(word).toLowerCase();
    if (/[,;:.)]$/u.test(word) || isNumberWord(word) || RELATIVES.has(w) || isVerb(word, words[start - 2], lang)) break;
    if (PREPOSITIONS.has(w) && !INNER_PREPOSITIONS.has(w.replace(/[’']$/u, ''))) break;
    start--;
  }
  let phrase = words.slice(start);
  // The list's own links ("ainsi que", "and to", "sowie") are no part of the name.
  while (phrase.length > 0 && (LINK_WORDS.has(stripPunctuation(phrase[0]!).toLowerCase()) || LIST_LINKS.has(phrase[0]!.toLowerCase()))) phrase = phrase.slice(1);
  if (phrase.length === 0 || phrase.length > MAX_WHOLE_WORDS || !hasContent(phrase)) return null;
  // Each coordinated noun phrase without its article: "la gouvernance et les droits de l’Homme" → "gouvernance et droits de l’Homme".
  const named = phrase
    .filter((w, i) => !(DETERMINERS.has(w.toLowerCase()) && (i === 0 || COORDINATIONS.has(phrase[i - 1]!.toLowerCase()))))
    .map((w, i, all) => (i === 0 || COORDINATIONS.has(all[i - 1]!.toLowerCase()) ? w.replace(/^[lL][’'](?=\p{L})/u, '') : w));
  return joinLabel(named);
}

/** Prepositions inside a noun phrase: "droits de l’Homme", "rights of women", "Förderung von Frauen". */
const INNER_PREPOSITIONS = new Set('of de d du des von vom'.split(' '));
/** Words of a list's links that the vocabulary does not list: "ainsi que", "as well as". */
const LIST_LINKS = new Set('que well'.split(' '));
