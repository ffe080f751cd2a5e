/**
 * Counts of none and of one, said in words (issue 17): "There are no French companies working in
 * the country" (0), "One French company is represented in the country" (1), "il n’y a aucune
 * entreprise française" (0), "une seule entreprise française est représentée" (1), "es gibt keine
 * französischen Unternehmen" (0), "nur ein französisches Unternehmen" (1).
 *
 * "No", "one", "aucun", "kein" are far more often not quantities than quantities ("no longer",
 * "no doubt", "one of the largest", "one must", "il n’y a aucun doute", "kein Zweifel"), and
 * "une"/"ein" are the indefinite article ("un accord", "ein Abkommen"). So a quantifier of the
 * vocabulary (`PRESENCE_COUNTS`) is read as a count only in a frame that makes it one:
 * - an **existential** before it ("there are …", "il n’y a …", "es gibt …", "gibt es …", up to
 *   three words between), when what follows names an entity a page counts — a company, a school,
 *   an embassy, nationals (`entities`) — or says it is present ("… working", "… implantées");
 * - **opening a clause** whose verb says presence: "One French company is represented …", "No
 *   French company is present …", "Aucune entreprise française n’est présente …", "Kein
 *   französisches Unternehmen ist in Nordkorea tätig";
 * - "only one", "une seule", "ein einziges", "nur ein" say "exactly one" by themselves: before an
 *   entity anywhere ("France has only one consulate"), else in one of the frames above; not after
 *   a negation ("not only one", "nicht nur ein", "pas une seule").
 * A bare article is never one ("Une entreprise française est présente", "Ein Unternehmen ist …"
 * may mean "a company"); "a single" is left out ("the single market").
 *
 * The raw text is the quantifier and the noun phrase it determines ("no French companies",
 * "une seule entreprise française"); the quantifier is the value's span, so the key and the diff
 * see the counted noun ("French companies"), as for "two French NGOs", and "One French company" →
 * "no French companies" is one count changed, 1 → 0.
 */
import type { Candidate } from './candidate.ts';
import { makeCandidate } from './candidate.ts';
import { memoizeByLanguage } from './memoize.ts';
import { isNounLike } from './recognize-count.ts';
import { LABEL_WORDS, pickLanguage, PRESENCE_COUNTS, type FigureLanguage } from '../../model/figure-vocabulary.ts';
import { wordAlternation } from '../../text/word-alternation.ts';

/** What a quantifier needs around it to be a count. */
type Need = 'frame' | 'existential' | 'strong';

interface Quantifier {
  value: 0 | 1;
  need: Need;
}

const SPACE = '[ \\u00A0]';
/** A word of letters (apostrophes and hyphens inside). */
const WORD = "[\\p{L}][\\p{L}’'-]*";
/** Words between an existential and its quantifier ("es gibt in Nordkorea keine …"), and between a copula and its presence word. */
const EXISTENTIAL_GAP = 3;
const COPULA_GAP: Record<FigureLanguage, number> = { en: 1, fr: 1, de: 4 };
/** The most words a counted noun phrase takes ("French companies", "französischen Unternehmen"). */
const MAX_PHRASE_WORDS = 3;
/** Looked at before a quantifier for its existential: longer than any opener with its gap. */
const EXISTENTIAL_REACH = 80;

const normalize = (text: string) => text.toLowerCase().replace(/\u00A0/gu, ' ');

const quantifiers = memoizeByLanguage((language) => {
  const words = PRESENCE_COUNTS[pickLanguage(language)];
  const table = new Map<string, Quantifier>();
  const add = (list: string[], value: 0 | 1, need: Need) => list.forEach((q) => table.set(normalize(q), { value, need }));
  add(words.none, 0, 'frame');
  add(words.noneAfterExistential, 0, 'existential');
  add(words.one, 1, 'frame');
  add(words.oneAfterExistential, 1, 'existential');
  add(words.onlyOne, 1, 'strong');
  return table;
});

/** A quantifier, then a space (or, after an elision, "pas d’entreprise", nothing) and a letter. */
const quantifierPattern = memoizeByLanguage((language) => {
  const alternation = wordAlternation(quantifiers(language).keys());
  return new RegExp(`(?<![\\p{L}’'])(?<q>${alternation})(?:${SPACE}|(?<=[’']))(?=\\p{L})`, 'giu');
});

/** Whether a sentence holds a quantifier at all: the one test made on every sentence. */
export const presenceCountGate = memoizeByLanguage((language) => new RegExp(quantifierPattern(language).source, 'iu'));

const existentialBefore = memoizeByLanguage((language) => {
  const words = PRESENCE_COUNTS[pickLanguage(language)];
  return new RegExp(`(?<![\\p{L}])(?:${wordAlternation(words.existential)})(?:${SPACE}${WORD}){0,${EXISTENTIAL_GAP}}${SPACE}$`, 'iu');
});

/** A clause starts right before: the sentence's start, a clause mark, or a coordination. */
const CLAUSE_START = /(?:^|[,;:(–—][ \u00A0]*|[ \u00A0](?:and|but|et|mais|und|aber)[ \u00A0]+)[«"“]?$/iu;

const presenceAfter = memoizeByLanguage((language) =>
  new RegExp(`^${SPACE}(?:${wordAlternation(PRESENCE_COUNTS[pickLanguage(language)].presence)})(?![\\p{L}])`, 'iu'),
);
const copulaPresenceAfter = memoizeByLanguage((language) => {
  const lang = pickLanguage(language);
  const words = PRESENCE_COUNTS[lang];
  return new RegExp(
    `^${SPACE}(?:${wordAlternation(words.copulas)})(?:${SPACE}${WORD}){0,${COPULA_GAP[lang]}}${SPACE}(?:${wordAlternation(words.presence)})(?![\\p{L}])`,
    'iu',
  );
});
const negationBefore = memoizeByLanguage((language) =>
  new RegExp(`(?<![\\p{L}])(?:${wordAlternation(PRESENCE_COUNTS[pickLanguage(language)].negations)})${SPACE}$`, 'iu'),
);

const entityWords = memoizeByLanguage((language) => new Set(PRESENCE_COUNTS[pickLanguage(language)].entities.map((w) => w.toLowerCase())));
const presenceWords = memoizeByLanguage((language) => new Set(PRESENCE_COUNTS[pickLanguage(language)].presence.map((w) => w.toLowerCase())));
const verbWords = memoizeByLanguage((language) => new Set(LABEL_WORDS[pickLanguage(language)].verbs));

interface NounPhrase {
  end: number;
  /** Whether its head is one of the vocabulary's entities. */
  entity: boolean;
}

/**
 * The noun phrase a quantifier determines, from `from`: in English modifiers then the noun
 * ("French companies": it ends at an entity, a presence word or anything no noun), in French the
 * noun then one adjective ("entreprise française"), in German adjectives then the capitalised
 * noun ("französischen Unternehmen"). Null when none.
 */
function readNounPhrase(sentence: string, from: number, language: string): NounPhrase | null {
  const lang = pickLanguage(language);
  const entities = entityWords(language);
  const presence = presenceWords(language);
  const words: Array<{ text: string; end: number }> = [];
  const pattern = new RegExp(`(?:${SPACE})?(${WORD})`, 'uy');
  pattern.lastIndex = from;
  for (let i = 0; i < MAX_PHRASE_WORDS; i++) {
    const m = pattern.exec(sentence);
    if (m === null || (i > 0 && m[0] === m[1])) break;
    words.push({ text: m[1]!, end: m.index + m[0].length });
  }
  const usable = (w: string) => isNounLike(w, lang) && !presence.has(w.toLowerCase()) && !/^(?:[ldjnsctm]|qu)[’']/iu.test(w);
  if (lang === 'de') {
    // Adjectives (lower case), then the noun (capitalised).
    for (const [i, w] of words.entries()) {
      if (!usable(w.text)) return null;
      if (/^\p{Lu}/u.test(w.text)) return { end: w.end, entity: entities.has(w.text.toLowerCase()) };
      if (i === words.length - 1) return null;
    }
    return null;
  }
  if (lang === 'fr') {
    const head = words[0];
    if (head === undefined || !usable(head.text)) return null;
    const adjective = words[1];
    const takesAdjective = adjective !== undefined && usable(adjective.text) && /^\p{Ll}/u.test(adjective.text) && !verbWords(language).has(adjective.text.toLowerCase());
    return { end: takesAdjective ? adjective.end : head.end, entity: entities.has(head.text.toLowerCase()) };
  }
  let end = -1;
  for (const w of words) {
    if (!usable(w.text)) break;
    end = w.end;
    if (entities.has(w.text.toLowerCase())) return { end, entity: true };
  }
  return end === -1 ? null : { end, entity: false };
}

/** Finds the counts of none and of one in a sentence (see the module comment for the frames). */
export function recognizePresenceCount(sentence: string, language: string): Candidate[] {
  if (!presenceCountGate(language).test(sentence)) return [];
  const table = quantifiers(language);
  const found: Candidate[] = [];
  for (const m of sentence.matchAll(quantifierPattern(language))) {
    const q = m.groups!.q!;
    const quantifier = table.get(normalize(q));
    if (quantifier === undefined) continue;
    const start = m.index;
    const valueEnd = start + q.length;
    const phrase = readNounPhrase(sentence, valueEnd, language);
    if (phrase === null) continue;
    const before = sentence.slice(Math.max(0, start - EXISTENTIAL_REACH), start);
    const rest = sentence.slice(phrase.end);
    const existential = existentialBefore(language).test(before);
    const presentAfter = presenceAfter(language).test(rest);
    const saidPresent = copulaPresenceAfter(language).test(rest);
    const inExistential = existential && (phrase.entity || presentAfter);
    let counts: boolean;
    if (quantifier.need === 'existential') counts = inExistential;
    else if (quantifier.need === 'frame') counts = inExistential || (CLAUSE_START.test(sentence.slice(0, start)) && saidPresent);
    else counts = !negationBefore(language).test(before) && (phrase.entity || saidPresent || inExistential);
    if (!counts) continue;
    found.push({ ...makeCandidate('count', quantifier.value, null, start, phrase.end), valueEnd });
  }
  return found;
}
