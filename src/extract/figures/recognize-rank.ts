/**
 * Ranks: "ranks 200", "ranking 184", "153th ranking supplier", "third-largest trading partner",
 * "fourth largest", "20th President", "60ᵗʰ anniversary", "160ème", "1er rang mondial",
 * "Platz 3", "drittgrößter", "zwölftgrößte", "15.-größte", and a place in a group of the first
 * N: "among the three leading foreign investors", "parmi les cinq premiers fournisseurs" (rank
 * 3, 5: TOP_GROUP).
 *
 * Digit ordinals are ranks wherever they stand (dates have already claimed "1er janvier"; a
 * century is no figure, see find-non-figures.ts). Word ordinals are ranks only beside a ranking
 * word or a ranked noun ("third nuclear test", "sixième session", "der dritte Staatsbesuch"),
 * after a ranking verb ("ranking second") or before "in the …", "since …" ("fourth in the
 * world", "der dritte seit 1910"): "first six months" and "Premier ministre" are not ranks.
 */
import { makeCandidate, type Candidate } from './candidate.ts';
import { memoizeByLanguage } from './memoize.ts';
import { numberPattern, readNumber, type Notation } from './read-number.ts';
import {
  NUMBER_WORDS, ORDINAL_TENS, ORDINAL_WORDS, pickLanguage, RANK_AFTER, RANK_CONTEXT, RANK_NOUNS, RANK_VERBS, STOP_WORDS,
  TOP_GROUP, type FigureLanguage,
} from '../../model/figure-vocabulary.ts';
import { escapeRegExp, wordAlternation } from '../../text/word-alternation.ts';

const SP = '[ \\u00A0]';

/** Ordinal suffixes per language, longest first. */
const SUFFIXES: Record<FigureLanguage, string> = {
  en: '(?:st|nd|rd|th|ˢᵗ|ⁿᵈ|ʳᵈ|ᵗʰ)',
  fr: '(?:ème|eme|ère|ere|er|re|e|è|ᵉʳ|ʳᵉ|ᵉ)',
  de: '\\.',
};



const rankPatterns = memoizeByLanguage((language, notation) => {
  const lang = pickLanguage(language);
  const number = numberPattern(language, notation);
  const context = RANK_CONTEXT[lang].map(escapeRegExp).join('|');
  const nouns = wordAlternation(RANK_NOUNS[lang]);
  // "ranks 200", "ranked 5th", "rang 160", "Platz 3", "Rang 12".
  const verbs = lang === 'en' ? 'ranks|ranked|ranking|rank' : lang === 'fr' ? 'rang|classée?' : 'Platz|Rang';
  const suffix = lang === 'de' ? '' : SUFFIXES[lang];
  const verbal = new RegExp(`(?<![\\p{L}])(?:${verbs})${SP}(?:No\\.?${SP})?(?<num>${number})(?:${suffix})?(?![\\p{L}\\d])`, 'giu');
  // Digit ordinals with an optional ranking phrase: "153th ranking supplier", "1er rang mondial";
  // German: "3. Platz", "25. und 40. Jubiläums" (a short number, a dot, a capitalised noun).
  const ordinal =
    lang === 'de'
      ? /(?<![\p{L}\d.,])(?<num>\d{1,3})\.[ \u00A0](?=\p{Lu}\p{Ll}|(?:und|oder|bis)[ \u00A0]\d{1,3}\.[ \u00A0]\p{Lu})/gu
      : new RegExp(
          `(?<![\\p{L}\\d.,])(?<num>\\d{1,4})(?:${SUFFIXES[lang]})(?![\\p{L}\\d])` +
            `(?<tail>(?:[- \\u00A0](?:${context}))(?:${SP}(?:${context}|trading|mondial))?|${SP}(?:${nouns}))?(?![\\p{L}])`,
          'giu',
        );
  // Word ordinals beside a ranking word: "third-largest", "fourth largest", "troisième partenaire";
  // before a ranked noun, one adjective allowed between ("third nuclear test"); after a ranking
  // verb ("ranking second"); before "in the …" or "since …" ("fourth in the world").
  // German ordinals are stems, fused ("drittgrößte") or inflected ("dritte", "ersten").
  const tens = Object.keys(ORDINAL_TENS[lang]);
  const word = `(?:(?<tens>${wordAlternation(tens)})-)?(?<word>${wordAlternation(Object.keys(ORDINAL_WORDS[lang]))})`;
  const inflection = lang === 'de' ? '(?:e[rnsm]?)' : '';
  const adjective = lang === 'de' ? '(?:\\p{Ll}{2,20}e[rnsm]?[ \\u00A0])?' : '(?:\\p{Ll}{2,20}[ \\u00A0])?';
  const after =
    `(?<tail>[ \\u00A0]${adjective}(?:${nouns})(?![\\p{L}])` +
    `|[ \\u00A0](?:${wordAlternation(RANK_AFTER[lang])})(?![\\p{L}]))`;
  const wordOrdinal =
    lang === 'de'
      ? new RegExp(
          `(?<![\\p{L}])${word}(?:(?:e[rnsm]?)?(?:${context})[rnsm]?(?![\\p{L}])|${inflection}(?![\\p{L}])${after})`,
          'giu',
        )
      : new RegExp(`(?<![\\p{L}])${word}(?:[- \\u00A0](?:${context})(?![\\p{L}])|(?![\\p{L}])${after})`, 'giu');
  const afterVerb = new RegExp(
    `(?<![\\p{L}])(?:${wordAlternation(RANK_VERBS[lang])})[ \\u00A0](?:the[ \\u00A0])?${word}${inflection}(?![\\p{L}])`,
    'giu',
  );
  // "15.-größte", "3.-wichtigster": a digit ordinal fused with a German ranking adjective.
  const fusedDigits = lang === 'de' ? new RegExp(`(?<![\\p{L}\\d.,])(?<num>\\d{1,3})\\.-?(?:${context})[rnsm]?(?![\\p{L}])`, 'giu') : null;
  // "among the three leading foreign investors": the raw text runs from the number over the
  // ranking word and up to two more words ("foreign investors"), as a count's would.
  const group = TOP_GROUP[lang];
  const topGroup = new RegExp(
    `(?<![\\p{L}])(?<pre>(?:${wordAlternation(group.before)})${SP})(?<num>${wordAlternation(Object.keys(NUMBER_WORDS[lang]))}|\\d{1,2})${SP}` +
      `(?:${wordAlternation(group.after)})(?![\\p{L}])(?:${SP}\\p{L}[\\p{L}’'-]*){0,2}`,
    'giu',
  );
  const negated = new RegExp(`(?<![\\p{L}])(?:${wordAlternation(group.negations)})(?![\\p{L}])(?:${SP}\\p{L}+){0,3}${SP}?$`, 'iu');
  const topGroupGate = new RegExp(group.after.map(escapeRegExp).join('|'), 'i');
  // Plain searches for what each pattern cannot match without, with the pattern's own flags (so
  // whatever the pattern finds, its gate finds): a ranking verb, a digit with an ordinal suffix,
  // an ordinal word. Most sentences hold none, and the patterns are tried at every position.
  const gates = {
    verbal: new RegExp(verbs, 'iu'),
    ordinal: lang === 'de' ? /\d\.[ \u00A0]/u : new RegExp(`\\d(?:${SUFFIXES[lang]})`, 'iu'),
    ordinalWord: new RegExp(wordAlternation(Object.keys(ORDINAL_WORDS[lang])), 'iu'),
  };
  return { verbal, ordinal, wordOrdinal, afterVerb, fusedDigits, topGroup, topGroupGate, negated, gates };
});

/** Whether a word ordinal's tail is a "since …"/"in the …" (left out of the rank's raw text). */
const RANK_AFTER_START = Object.fromEntries(
  (['en', 'fr', 'de'] as const).map((lang) => [lang, new RegExp(`^[ \\u00A0](?:${wordAlternation(RANK_AFTER[lang])})(?![\\p{L}])`, 'iu')]),
) as Record<FigureLanguage, RegExp>;

/** Finds the ranks of one sentence. */
export function recognizeRank(sentence: string, language: string, notation?: Notation): Candidate[] {
  const lang = pickLanguage(language);
  const { verbal, ordinal, wordOrdinal, afterVerb, fusedDigits, topGroup, topGroupGate, negated, gates } = rankPatterns(language, notation);
  const none: Iterable<RegExpExecArray> = [];
  const hasOrdinalWord = gates.ordinalWord.test(sentence);
  const found: Candidate[] = [];
  const add = (value: number | null, start: number, end: number, valueStart = start, valueEnd = end) => {
    if (value === null || !Number.isInteger(value) || value <= 0) return;
    found.push({ ...makeCandidate('rank', value, null, start, end), valueStart, valueEnd });
  };
  for (const m of gates.verbal.test(sentence) ? sentence.matchAll(verbal) : none) {
    const numStart = m.index + m[0].indexOf(m.groups!.num!);
    add(readNumber(m.groups!.num!, language, notation), m.index, m.index + m[0].length, numStart, m.index + m[0].length);
  }
  for (const m of gates.ordinal.test(sentence) ? sentence.matchAll(ordinal) : none) {
    const tail = m.groups!.tail?.length ?? 0;
    const end = lang === 'de' ? m.index + m[0].length - 1 : m.index + m[0].length;
    add(Number(m.groups!.num), m.index, end, m.index, end - tail);
  }
  const wordValue = (groups: Record<string, string | undefined>): number | null => {
    const unit = ORDINAL_WORDS[lang][groups.word!.toLowerCase()];
    if (unit === undefined) return null;
    if (groups.tens === undefined) return unit;
    // A compound takes a unit ordinal only: "twenty-first", not "twenty-tenth".
    return unit < 10 ? (ORDINAL_TENS[lang][groups.tens.toLowerCase()] ?? 0) + unit : null;
  };
  for (const m of hasOrdinalWord ? sentence.matchAll(wordOrdinal) : none) {
    const groups = m.groups!;
    const wordEnd = m.index + (groups.tens === undefined ? 0 : groups.tens.length + 1) + groups.word!.length;
    // A "since …" or "in the …" after the ordinal makes it a rank but is not part of it; a
    // ranked noun is ("third nuclear test").
    const tail = groups.tail;
    const end = tail !== undefined && RANK_AFTER_START[lang].test(tail) ? m.index + m[0].length - tail.length : m.index + m[0].length;
    add(wordValue(groups), m.index, end, m.index, Math.min(wordEnd, end));
  }
  for (const m of hasOrdinalWord ? sentence.matchAll(afterVerb) : none) {
    const groups = m.groups!;
    // The verb stays in the raw text and the key, as with "ranks 200".
    const ordinalLength = (groups.tens === undefined ? 0 : groups.tens.length + 1) + groups.word!.length;
    const end = m.index + m[0].length;
    add(wordValue(groups), m.index, end, end - ordinalLength - (m[0].length - m[0].trimEnd().length), end);
  }
  // A plain search for a ranking word of the group first: most sentences have none.
  for (const m of topGroupGate.test(sentence) ? sentence.matchAll(topGroup) : []) {
    // "nicht mehr zu den zehn wichtigsten …": no rank of the subject; the count recogniser reads the group's size.
    if (negated.test(sentence.slice(Math.max(0, m.index - 40), m.index))) continue;
    const num = m.groups!.num!;
    const start = m.index + m.groups!.pre!.length;
    // The words after the ranking word end before a function word ("premiers fournisseurs du").
    const words = m[0].slice(m.groups!.pre!.length).split(/[ \u00A0]/u);
    while (words.length > 2 && STOP_WORDS[lang].has(words.at(-1)!.toLowerCase())) words.pop();
    const value = /\d/u.test(num) ? Number(num) : NUMBER_WORDS[lang][num.toLowerCase()] ?? null;
    add(value, start, start + words.join(' ').length, start, start + num.length);
  }
  if (fusedDigits !== null) {
    for (const m of sentence.matchAll(fusedDigits)) add(Number(m.groups!.num), m.index, m.index + m[0].length, m.index, m.index + m.groups!.num!.length + 1);
  }
  return found;
}
