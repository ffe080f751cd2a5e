/**
 * Counts: a number — digits or a number word — with the noun it counts: "two cooperation
 * programmes", "130 projects", "3,513 French nationals", "Seven of them", "trois grands secteurs",
 * "15 prioritärer Vorhaben".
 *
 * The counted noun (up to two words) is part of `raw` and of the key; the number is not. Noise
 * filters, because a false count is worse than a missed one:
 * - a time span is not a count ("the first six months": a span opener before the number);
 * - a number word after a definite article points back ("the two countries", "les deux pays");
 * - the noun must be a word: not a stop word, month, scale word or currency;
 * - a number with a time or physical unit ("two years") is a measure, handed back as such.
 * A whole number with no noun after it is a count only when approximated or estimated and ending
 * its clause: "the number of students is approximately 3000, rising …", "nos compatriotes
 * (environ 140)", "estimé à 100 000," — the noun was named before it; a bare number alone
 * stays unread (it may be anything).
 * Adverbs of repetition are counts of events ("visited Nigeria twice", "zweimal"), except before
 * a comparison or a rate ("twice as many", "twice the size", "twice a year").
 */
import { makeCandidate, type Candidate } from './candidate.ts';
import { isUnitWord, normalizeUnit } from './recognize-measure.ts';
import { memoizeByLanguage } from './memoize.ts';
import { numberPattern, readNumber, scaleNumber, type Notation } from './read-number.ts';
import {
  ANAPHORIC_ARTICLES, APPROXIMATIONS, COLLECTIVE_NUMBERS, MONTHS, NUMBER_WORDS, pickLanguage, REPETITION_WORDS, SCALE_WORDS, SPAN_OPENERS,
  STOP_WORDS, type FigureLanguage,
} from '../../model/figure-vocabulary.ts';
import { escapeRegExp, wordAlternation } from '../../text/word-alternation.ts';

const PARTITIVES: Record<FigureLanguage, string> = {
  en: 'of (?:them|these|those|which|whom)',
  fr: 'd[’\'](?:entre eux|entre elles)|d[’\']entre (?:eux|elles)',
  de: 'davon|von ihnen',
};

const CURRENCY_WORDS = new Set(['euros', 'euro', 'dollars', 'dollar', 'eur', 'usd', 'pounds', 'yen', 'won', 'percent', 'cent', 'prozent']);

/** Whether `word` may be (part of) what a count counts: a word of letters, no stop, month, scale, currency or number word. */
export function isNounLike(word: string, lang: FigureLanguage): boolean {
  const lower = word.toLowerCase();
  if (STOP_WORDS[lang].has(lower)) return false;
  if (lower in MONTHS[lang] || lower in SCALE_WORDS[lang] || CURRENCY_WORDS.has(lower)) return false;
  if (lower in NUMBER_WORDS[lang]) return false;
  return /^\p{L}[\p{L}’'-]*$/u.test(word) && word.length > 1;
}

/** Whether `word` is the start of a scale word of the language, cut short ("milli", "billi"). */
function isCutScaleWord(word: string, lang: FigureLanguage): boolean {
  const lower = word.toLowerCase();
  return lower.length >= 3 && Object.keys(SCALE_WORDS[lang]).some((scale) => scale.length > lower.length && scale.startsWith(lower));
}

/** Articles before a collective number word: "une centaine", "ein Dutzend". */
const COLLECTIVE_ARTICLES: Record<FigureLanguage, string> = { en: 'a', fr: 'une|un', de: 'ein|eine' };


const countPattern = memoizeByLanguage((language, notation) => {
  const lang = pickLanguage(language);
  const numberWord = `(?<![\\p{L}])(?:${wordAlternation(Object.keys(NUMBER_WORDS[lang]))})(?![\\p{L}])`;
  const collective = `(?<![\\p{L}])(?:${COLLECTIVE_ARTICLES[lang]})[ \\u00A0](?<coll>${wordAlternation(Object.keys(COLLECTIVE_NUMBERS[lang]))})(?![\\p{L}])`;
  // "1.8 million Canadians", "2 millions de personnes", "837-thousand people": a scale word
  // (spaced or hyphenated), then what is counted.
  const scales = wordAlternation(Object.keys(SCALE_WORDS[lang]));
  return new RegExp(
    `(?<num>${numberPattern(language, notation)}|${numberWord}|${collective})` +
      `(?:[ \\u00A0-](?<scale>${scales})(?![\\p{L}]))?` +
      `(?:[ \\u00A0](?<partitive>${PARTITIVES[lang]})(?![\\p{L}])` +
      `|[ \\u00A0](?<de>de[ \\u00A0]|d['’])?(?<w1>[\\p{L}][\\p{L}’'-]*)(?:[ \\u00A0](?<w2>[\\p{L}][\\p{L}’'-]*))?)`,
    'giu',
  );
});

const repetitionPattern = memoizeByLanguage((language) => {
  const words = Object.keys(REPETITION_WORDS[pickLanguage(language)]);
  if (words.length === 0) return null;
  // Not before a comparison or a rate: "twice as large", "twice the size", "zweimal so viel", "twice a year".
  return new RegExp(
    `(?<![\\p{L}])(?:${wordAlternation(words)})(?![\\p{L}])(?![ \\u00A0](?:as|the|a|an|per|more|less|that|so|mehr|pro|im)(?![\\p{L}]))`,
    'giu',
  );
});

/**
 * Found number first, approximation second: a number ending its clause is rare, and the
 * approximation (an alternation of phrases) is then tested only on the few characters before it
 * — tried at every position of every sentence, it was the costliest pattern of the recogniser.
 */
const clauseEndNumber = memoizeByLanguage((language, notation) =>
  // Not one number of a list ("about 5, 6 or 7 points": the noun follows the list).
  new RegExp(`(?<num>${numberPattern(language, notation)})(?=[ \\u00A0]?[;:)]|,(?![ \\u00A0]?\\d)|[ \\u00A0]?\\.?$)`, 'gu'),
);
const approximationBefore = memoizeByLanguage((language) => {
  return new RegExp(`(?<![\\p{L}])(?:${wordAlternation(APPROXIMATIONS[pickLanguage(language)])})[ \\u00A0]$`, 'iu');
});
/** Whether any approximation word occurs at all: a plain search, no boundaries (they are checked later). */
const approximationGate = memoizeByLanguage((language) => new RegExp(APPROXIMATIONS[pickLanguage(language)].map(escapeRegExp).join('|'), 'i'));
const CLAUSE_END_DIGIT = /\d[ \u00A0]?(?:[,;:)]|\.?$)/u;
/** The longest approximation phrase, in characters, and its space. */
const APPROXIMATION_REACH = 24;

/** Approximated whole numbers that end their clause ("approximately 3000,"): counts of what the clause named. */
function recognizeApproximated(sentence: string, language: string, notation?: Notation): Candidate[] {
  const found: Candidate[] = [];
  // Cheap tests first: a digit ending a clause, and one of the approximation words.
  if (!CLAUSE_END_DIGIT.test(sentence) || !approximationGate(language).test(sentence)) return found;
  for (const m of sentence.matchAll(clauseEndNumber(language, notation))) {
    const num = m.groups!.num!;
    if (!/^\d{1,3}(?:[ ,.\u00A0\u202F\u2009]\d{3})*$|^\d+$/u.test(num)) continue;
    if (!approximationBefore(language).test(sentence.slice(Math.max(0, m.index - APPROXIMATION_REACH), m.index))) continue;
    const value = readNumber(num, language, notation);
    if (value === null || !Number.isInteger(value)) continue;
    found.push(makeCandidate('count', value, null, m.index, m.index + num.length));
  }
  return found;
}

const repetitionGate = memoizeByLanguage((language) => {
  const words = Object.keys(REPETITION_WORDS[pickLanguage(language)]);
  return words.length === 0 ? null : new RegExp(words.map(escapeRegExp).join('|'), 'i');
});

/** Counts of events written as an adverb ("twice", "dreimal"). */
function recognizeRepetitions(sentence: string, language: string): Candidate[] {
  const table = REPETITION_WORDS[pickLanguage(language)];
  const pattern = repetitionPattern(language);
  // A plain search first: most sentences hold none of these few words.
  if (pattern === null || !repetitionGate(language)!.test(sentence)) return [];
  return [...sentence.matchAll(pattern)].map((m) => makeCandidate('count', table[m[0].toLowerCase()]!, null, m.index, m.index + m[0].length));
}

/** "the two countries" points back; "the five permanent members" counts (see `recognizeCount`). */
const ANAPHORIC_MAX = 2;

/** Finds the counts (and word-number measures such as "two years") of one sentence. */
export function recognizeCount(sentence: string, language: string, notation?: Notation): Candidate[] {
  const lang = pickLanguage(language);
  const pattern = countPattern(language, notation);
  const found: Candidate[] = [...recognizeRepetitions(sentence, language), ...recognizeApproximated(sentence, language, notation)];
  for (const m of sentence.matchAll(pattern)) {
    const groups = m.groups!;
    const numText = groups.num!;
    const isWord = !/\d/.test(numText);
    const scale = groups.scale === undefined ? 1 : SCALE_WORDS[lang][groups.scale.toLowerCase()] ?? 1;
    // Counts are whole numbers written without a decimal part ("2.0 naissances" is a measure),
    // unless a scale word makes them whole ("1.8 million Canadians").
    if (!isWord && groups.scale === undefined && !/^\d{1,3}(?:[ ,.\u00A0\u202F\u2009]\d{3})*$|^\d+$/u.test(numText)) continue;
    const read = groups.coll !== undefined
      ? COLLECTIVE_NUMBERS[lang][groups.coll.toLowerCase()] ?? null
      : isWord ? NUMBER_WORDS[lang][numText.toLowerCase()] ?? null : readNumber(numText, language, notation);
    if (read === null) continue;
    const value = scaleNumber(read, scale);
    // "de"/"d’" links a count to its noun only after a scale or collective word ("une centaine
    // de projets", "2 millions de personnes"), not after a bare number ("3 de ces projets").
    if (groups.de !== undefined && groups.scale === undefined && groups.coll === undefined) continue;
    const previous = /([\p{L}]+)[ \u00A0]*$/u.exec(sentence.slice(Math.max(0, m.index - 40), m.index))?.[1]?.toLowerCase();
    if (previous !== undefined && SPAN_OPENERS[lang].includes(previous)) continue;
    // "a 5-million project": a hyphenated scale after an indefinite article qualifies the noun.
    if (groups.scale !== undefined && sentence[m.index + numText.length] === '-' && previous !== undefined && COLLECTIVE_ARTICLES[lang].split('|').includes(previous)) continue;
    // "the two countries", "les deux pays" point back to the pair the page is about; "the five
    // permanent members", "die vier Alliierten-Mächte" count a group.
    if (isWord && groups.coll === undefined && read <= ANAPHORIC_MAX && previous !== undefined && ANAPHORIC_ARTICLES[lang].includes(previous)) continue;
    const numEnd = groups.scale === undefined ? m.index + numText.length : m.index + numText.length + 1 + groups.scale.length;
    const bridge = groups.de?.length ?? 0;
    if (groups.partitive !== undefined) {
      if (Number.isInteger(value)) found.push({ ...makeCandidate('count', value, null, m.index, m.index + m[0].length), valueEnd: numEnd });
      continue;
    }
    const w1 = groups.w1!;
    if (!isNounLike(w1, lang) && !isUnitWord(w1)) continue;
    // "approximately 109 milli" at the end of a copy cut off mid-word is a scale word cut short
    // ("million"), not a noun: the count's value is unknown.
    if (isCutScaleWord(w1, lang) && sentence.slice(m.index + m[0].length).trim() === '') continue;
    if (isUnitWord(w1)) {
      const unit = normalizeUnit(w1);
      if (isWord && unit !== null) found.push(makeCandidate('measure', value, unit, m.index, numEnd + 1 + bridge + w1.length));
      continue;
    }
    if (!Number.isInteger(value)) continue;
    const w2 = groups.w2;
    const takeSecond = w2 !== undefined && isNounLike(w2, lang) && !isUnitWord(w2) && /^[\p{L}’'-]+$/u.test(w2);
    const end = numEnd + 1 + bridge + w1.length + (takeSecond ? 1 + w2.length : 0);
    found.push({ ...makeCandidate('count', value, null, m.index, end), valueEnd: numEnd });
  }
  return found;
}
