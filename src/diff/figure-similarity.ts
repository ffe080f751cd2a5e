/**
 * The evidence that a figure of one revision and a figure of the next are the same figure, and a
 * confidence from it (docs/figures.md, "Keys and alignment across revisions").
 *
 * A key is made from a few words around a figure; an editor who rewrites exactly those words
 * breaks it, and the figure would read as removed + added. Before saying so, the diff weighs:
 *
 * - **context**: the content words of the two sentences, numbers and value words (number words,
 *   ordinals, months) masked, lightly stemmed so that "Beziehung"/"Beziehungen" or
 *   "marked"/"mark" count as one word; the words nearest the figure (a window in its sentence),
 *   so that a sentence merged into a longer one still matches; and the words of the keys;
 * - **value**: an equal value says much when it is specific ("down 41.5%", "24. August 2018")
 *   and unique on both pages, little when it is "two" or "2018"; a coarser date of the same event
 *   ("13–16 October 2018" → "October 2018", "2012" → "January 2012") is the same value said
 *   less precisely; a changed number close to the old one is slightly likelier the same;
 * - **kind and unit**: kinds of one family may meet (a year, a date or a duration over a range of
 *   one event; a count and a measure of people), and money may change currency; each costs
 *   confidence and asks for more context; anything else is never the same figure;
 * - **what is counted**: two counts whose own words name different things ("two French NGOs",
 *   "two cooperation programmes") are different figures, however alike their sentences;
 * - **section** (heading words) and **neighbours** (the figures next to them already paired).
 *
 * The confidence is 0–1; below `MIN_CONFIDENCE`, or without enough context for what the pair
 * claims, the honest answer is removed + added.
 */
import type { Figure, FigureValue } from '../model/index.ts';
import { APPROXIMATIONS, FIGURE_LANGUAGES, MONTHS, NUMBER_WORDS, ORDINAL_WORDS, PEOPLE_NOUNS, PRESENCE_COUNTS, REPETITION_WORDS, STOP_WORDS } from '../model/figure-vocabulary.ts';
import { wordAlternation } from '../text/word-alternation.ts';
import { foldWord } from '../text/fold-word.ts';
import { forEachLetterWord } from '../text/letter-words.ts';

/** Words that say nothing about what a figure is: stop words and the words that ARE values, in every language we read. */
const STOP = new Set(
  FIGURE_LANGUAGES.flatMap((lang) => [
    ...[...STOP_WORDS[lang]].map((word) => foldWord(word)),
    ...[NUMBER_WORDS, ORDINAL_WORDS, MONTHS].flatMap((table) => Object.keys(table[lang]).map((word) => foldWord(word))),
    // The quantifiers of counts of none and one ("aucune", "une seule", "keine", "nur ein") are their values.
    ...quantifierWords(lang),
  ]),
);

/** The single words of a language's quantifiers of none and one, folded ("ein einziges" → "ein", "einziges"). */
function quantifierWords(lang: (typeof FIGURE_LANGUAGES)[number]): string[] {
  const q = PRESENCE_COUNTS[lang];
  return [...q.none, ...q.noneAfterExistential, ...q.one, ...q.oneAfterExistential, ...q.onlyOne]
    .flatMap((phrase) => phrase.split(/[ ’']+/u))
    .filter((word) => word.length > 1)
    .map((word) => foldWord(word));
}

/** Below this confidence, two figures are not paired. */
export const MIN_CONFIDENCE = 0.5;

/** Least context (0–1) a pair needs, by what it claims. */
const MIN_CONTEXT = {
  /** The same value: only some shared words ("two" in unrelated sentences is not enough, see `countedWordsClash`). */
  same: 0.1,
  /** A coarser or finer date of one event. */
  refined: 0.12,
  /** A number that changed. */
  changed: 0.3,
  /** A date that moved: pages list many dates in look-alike sentences ("Visit of …"). */
  changedDate: 0.45,
  /** Across kinds or currencies. */
  crossing: 0.4,
};

/** What a crossing of kinds or currencies costs, on top of the context it needs (`MIN_CONTEXT.crossing`). */
const CROSSING_COST = 0.1;

/** A changed pair is taken only if no free rival for either side comes this close. */
export const MIN_MARGIN = 0.08;

/** Content words this many either side of the figure make its local context. */
const WINDOW = 6;


const SUFFIXES = ['ungen', 'ung', 'ing', 'ant', 'ed', 'es', 'en', 'er', 'e', 's', 'n'];

/** A light stem, the same for the languages we read: a common ending off, then five letters. */
function stem(word: string): string {
  let w = word;
  for (const suffix of SUFFIXES) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.slice(0, 5);
}

/** The content words of a text, in order: letters only, folded, elisions off, no stop or one-letter words. */
function contentWordList(text: string): string[] {
  const words: string[] = [];
  forEachLetterWord(text, (raw) => {
    const folded = foldWord(raw);
    // Elisions ("d’euros") and possessives ("France’s") only where there is an apostrophe: most words have none.
    const word = folded.includes('’') || folded.includes("'") ? folded.replace(/^(?:[ldjnsctm]|qu)[’']/u, '').replace(/[’']s$/u, '') : folded;
    if (word.length > 1 && !STOP.has(word)) words.push(word);
  });
  return words;
}

/** The stemmed content words of a text. */
export function contentStems(text: string): Set<string> {
  return new Set(contentWordList(text).map(stem));
}

/** |A ∩ B| / |A ∪ B|; 0 for two empty sets (nothing in common is no evidence). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

function sharesAny(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const word of a) if (b.has(word)) return true;
  return false;
}

/** What alignment reads of one figure, computed once per figure. */
export interface FigureProfile {
  figure: Figure;
  /** Position on its page (0–1). */
  position: number;
  sentence: Set<string>;
  /** Stems within `WINDOW` content words of the figure in its sentence. */
  local: Set<string>;
  keyWords: Set<string>;
  /** The figure's own words ("French NGOs" in "two French NGOs"), stemmed. */
  counted: Set<string>;
  /** The stemmed words of its raw text ("quatre à Paris"), compared pair by pair when a key pair is overruled. */
  rawStems: Set<string>;
  section: Set<string>;
  /** How specific the value is (0–1), lowered when it repeats on either page. */
  distinctiveness: number;
  /** A string naming the value, for blocking and for counting repeats. */
  valueToken: string;
}

export function profileFigures(figures: readonly Figure[]): FigureProfile[] {
  const profiles = figures.map((figure, i) => {
    // A count's own words name what is counted; other kinds' raw text is all value and unit
    // ("30,3 Milliarden US-Dollar"), masked like the numbers so that a new currency is no new context.
    const masked = OWN_WORDS_COUNT.has(figure.kind) ? figure.sentence : figure.sentence.replace(figure.raw, ' ');
    const sentenceWords = contentWordList(masked);
    return {
      figure,
      position: figures.length <= 1 ? 0 : i / (figures.length - 1),
      sentence: new Set(sentenceWords.map(stem)),
      local: localWords(figure, sentenceWords),
      keyWords: new Set(
        figure.key
          .replace(/^[^/]*\//u, '')
          .replace(/[@#].*$/u, '')
          .split('-')
          .filter((w) => w !== '')
          .map(stem),
      ),
      counted: OWN_WORDS_COUNT.has(figure.kind) ? countedWords(figure) : new Set<string>(),
      rawStems: contentStems(figure.raw),
      section: contentStems((figure.section ?? '').replace(/^\s*[\dIVX]+\.\s*/u, '')),
      distinctiveness: specificity(figure),
      valueToken: valueToken(figure),
    };
  });
  return profiles;
}

/** Lowers each profile's distinctiveness by how often its value occurs on either page. */
export function discountRepeats(from: FigureProfile[], to: FigureProfile[]): void {
  const counts = new Map<string, number>();
  for (const p of [...from, ...to]) counts.set(p.valueToken, (counts.get(p.valueToken) ?? 0) + 1);
  for (const p of [...from, ...to]) {
    // Once on each page is the normal case (2); more is a repeat.
    const n = counts.get(p.valueToken)!;
    if (n > 2) p.distinctiveness /= n - 1;
  }
}

/**
 * The figure's own words: a count's raw text ("two French NGOs"); a rank's raw text and the two
 * words after it, which say what is ranked ("14th largest | export market", "13th largest
 * trading | partner").
 */
function countedWords(figure: Figure): Set<string> {
  // A share of a distribution ("deux à Astana") names where, not what: its counted noun was
  // named before the list, so a renamed place ("deux à Nour-Soultan") is no other thing counted.
  if (figure.place !== undefined) return new Set();
  // "twice", "zweimal" count occurrences, as "four times" does: the adverb names no other thing.
  if (figure.kind === 'count' && REPETITIONS.has(foldWord(figure.raw.trim()))) return new Set();
  // "estimé à 100 000", "more than 40 projects": the approximation says how exact, not what.
  const own = contentWordList(figure.raw.replace(LEADING_APPROXIMATION, ''));
  if (figure.kind === 'rank') {
    const at = figure.sentence.indexOf(figure.raw);
    if (at >= 0) own.push(...contentWordList(figure.sentence.slice(at + figure.raw.length)).slice(0, 2));
  }
  // "837,000 people" → "1 million citizens": every noun of people counts people.
  return new Set(own.map((w) => (PEOPLE.has(w) ? PERSON : stem(w))));
}

/** The nouns of people of every language (PEOPLE_NOUNS), folded: one thing counted, `PERSON`. */
const PEOPLE = new Set(FIGURE_LANGUAGES.flatMap((lang) => PEOPLE_NOUNS[lang].map((word) => foldWord(word))));
const PERSON = 'person';

/** An approximation opening a raw text (APPROXIMATIONS of every language, up to two: "knapp über"). */
const LEADING_APPROXIMATION = (() => {
  const words = wordAlternation(new Set(FIGURE_LANGUAGES.flatMap((lang) => APPROXIMATIONS[lang])));
  return new RegExp(`^(?:(?:${words})[ \\u00A0]){1,2}`, 'iu');
})();

const REPETITIONS = new Set(FIGURE_LANGUAGES.flatMap((lang) => Object.keys(REPETITION_WORDS[lang]).map((word) => foldWord(word))));

/** Kinds whose raw text carries words of what the figure is ("two French NGOs", "10th largest trading"). */
const OWN_WORDS_COUNT = new Set(['count', 'rank']);

function localWords(figure: Figure, sentenceWords: string[]): Set<string> {
  const at = figure.sentence.indexOf(figure.raw);
  if (at < 0) return new Set(sentenceWords.map(stem));
  const before = contentWordList(figure.sentence.slice(0, at)).slice(-WINDOW);
  const after = contentWordList(figure.sentence.slice(at + figure.raw.length)).slice(0, WINDOW);
  const own = OWN_WORDS_COUNT.has(figure.kind) ? contentWordList(figure.raw) : [];
  return new Set([...before, ...own, ...after].map(stem));
}

function valueToken(f: Figure): string {
  return `${family(f)}:${String(f.value)}:${f.unit ?? ''}`;
}

/** How much an equal value says by itself, 0–1. */
export function specificity(f: Figure): number {
  if (f.kind === 'year') return 0.3;
  if (typeof f.value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/u.test(f.value)) return 1;
    if (/^\d{4}-\d{2}$/u.test(f.value) || /^--\d{2}-\d{2}$/u.test(f.value)) return 0.7;
    return 0.4;
  }
  const v = Math.abs(f.value);
  if (Number.isInteger(v) && v <= 12) return 0.1;
  const digits = significantDigits(v);
  if (digits <= 1) return 0.3;
  if (digits === 2) return 0.6;
  return 0.9;
}

function significantDigits(v: number): number {
  const s = Number(v.toPrecision(12)).toExponential().replace(/e.*$/u, '').replace(/[.-]/gu, '');
  return s.replace(/0+$/u, '').length;
}

/** Kinds that may be one figure: the time family, the people family, and each kind alone. */
function family(f: Figure): string {
  if (f.kind === 'year' || f.kind === 'date' || (f.kind === 'measure' && f.unit === 'years' && isRange(f.period))) return 'time';
  if (f.kind === 'count' || (f.kind === 'measure' && (f.unit === null || f.unit === 'inhabitants'))) return 'people';
  return f.kind;
}

/** The blocking family of a figure: only figures of one family are ever compared. */
export const familyOf = family;

function isRange(period: string | null): boolean {
  return period !== null && /^\d{4}\s*[-–]\s*\d{4}$/u.test(period);
}

const isCurrency = (unit: string | null) => unit !== null && /^[A-Z]{3}$/u.test(unit);

/** Whether the two units keep the meaning: equal, one unknown, or money in two currencies. */
function unitsCompatible(a: Figure, b: Figure): boolean {
  if (a.unit === b.unit) return true;
  if (a.kind === 'money' && b.kind === 'money') return isCurrency(a.unit) && isCurrency(b.unit);
  if (family(a) === 'people') return true;
  return a.unit === null || b.unit === null;
}

/** Whether two values are equal (float noise tolerated: "€8.2 million" parsed twice may differ in the last bit). */
export function sameValue(a: FigureValue, b: FigureValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/** The ISO form of a time figure's value ("2012", "2012-01", "--07-14"), or null. */
function timeValue(f: Figure): string | null {
  if (f.kind === 'date' && typeof f.value === 'string') return f.value;
  if (f.kind === 'year' && typeof f.value === 'number' && !isRange(f.period)) return String(f.value);
  return null;
}

/**
 * Whether one time figure is the other said more or less precisely: "2018-10" ⊃ "2018-10-13",
 * "2012" ⊃ "2012-01", "--07-14" (no year) ~ "2020-07-14". Returns the coarser figure, or null.
 */
function refinement(a: Figure, b: Figure): Figure | null {
  const x = timeValue(a);
  const y = timeValue(b);
  if (x === null || y === null || x === y) return null;
  if (y.startsWith(`${x}-`)) return a;
  if (x.startsWith(`${y}-`)) return b;
  if (x.startsWith('--') && y.endsWith(x.slice(1))) return a;
  if (y.startsWith('--') && x.endsWith(y.slice(1))) return b;
  return null;
}

/** Two counts whose own words name different things ("French NGOs" / "cooperation programmes"). */
function countedWordsClash(a: FigureProfile, b: FigureProfile): boolean {
  if (a.figure.kind !== 'count' || b.figure.kind !== 'count') return false;
  return a.counted.size > 0 && b.counted.size > 0 && !sharesAny(a.counted, b.counted);
}

/** What a scored pair claims, for the report and for the rules of the assignment. */
export type PairClaim = 'same' | 'refined' | 'changed';

export interface PairScore {
  confidence: number;
  claim: PairClaim;
}

/**
 * The confidence that `a` (older page) and `b` (newer page) are one figure, with what the pair
 * claims; null when they cannot be (incompatible kinds or units, different things counted, too
 * little context for the claim). `neighbours` (0–1): how many of their neighbours are already
 * paired with each other.
 */
export function scorePair(a: FigureProfile, b: FigureProfile, neighbours = 0): PairScore | null {
  const fa = a.figure;
  const fb = b.figure;
  if (family(fa) !== family(fb) || !unitsCompatible(fa, fb)) return null;
  if (countedWordsClash(a, b)) return null;
  const sentence = jaccard(a.sentence, b.sentence);
  const local = jaccard(a.local, b.local);
  const key = 0.8 * jaccard(a.keyWords, b.keyWords);
  // The same value may stand in a reworded or merged sentence; a changed one must be tied to its
  // own words too (in "convenu en 2021 … ; consultations … en 2022" the sentence alone says little).
  const sameContext = Math.max(sentence, local, key);
  const changeContext = Math.max((sentence + local) / 2, key);
  const section = jaccard(a.section, b.section) || (fa.section === null && fb.section === null ? 1 : 0);
  const crossing = fa.kind !== fb.kind || fa.unit !== fb.unit;
  // What the figures' own words share ("13th largest trading" / "10th largest trading" more than "14th largest").
  const counted = 0.2 * jaccard(a.counted, b.counted);
  const equal = sameValue(fa.value, fb.value) && (fa.period ?? null) === (fb.period ?? null) && fa.kind === fb.kind;

  // What every claim shares: the words, the section, the place on the page, the neighbours.
  const order = 1 - Math.abs(a.position - b.position);
  const base = (context: number) => 0.7 * context + 0.1 * section + 0.05 * order + counted + 0.15 * neighbours;
  if (equal && !crossing) {
    if (sameContext < MIN_CONTEXT.same) return null;
    // An equal value is evidence on top of the words, so a pair saying "the same" outranks a
    // pair in the same words saying "changed".
    const d = Math.min(a.distinctiveness, b.distinctiveness);
    return { claim: 'same', confidence: clamp(base(sameContext) + 0.15 + 0.35 * d) };
  }
  const coarser = refinement(fa, fb);
  if (coarser !== null) {
    if (sameContext < (crossing ? MIN_CONTEXT.crossing : MIN_CONTEXT.refined)) return null;
    const d = (coarser === fa ? a : b).distinctiveness;
    return { claim: 'refined', confidence: clamp(base(sameContext) + 0.1 + 0.3 * d - (crossing ? CROSSING_COST : 0)) };
  }
  const isTime = family(fa) === 'time';
  const needed = crossing ? MIN_CONTEXT.crossing : isTime ? MIN_CONTEXT.changedDate : MIN_CONTEXT.changed;
  if (changeContext < needed) return null;
  const proximity = valueProximity(fa.value, fb.value);
  return { claim: 'changed', confidence: clamp(base(changeContext) + 0.1 * proximity - (crossing ? CROSSING_COST : 0)) };
}

/** 1 for equal numbers, falling to 0 as they move apart (relative distance); other values: 0. */
function valueProximity(a: FigureValue, b: FigureValue): number {
  if (typeof a === 'number' && typeof b === 'number') {
    const scale = Math.max(Math.abs(a), Math.abs(b));
    return scale === 0 ? 1 : Math.max(0, 1 - Math.abs(a - b) / scale);
  }
  return 0;
}

function clamp(x: number): number {
  return Math.max(0, Math.min(1, Math.round(x * 1000) / 1000));
}
