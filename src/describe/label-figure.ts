import { FIGURE_LANGUAGES, MONTHS, NUMBER_WORDS, SCALE_WORDS, type FigureLanguage } from '../model/figure-vocabulary.ts';
import { FIGURE_KINDS, type Figure } from '../model/index.ts';
import { collapseWhitespace } from '../text/collapse-whitespace.ts';

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

const MONTH_NAMES = inEveryLanguage(MONTHS);
const NUMBER_NAMES = inEveryLanguage(NUMBER_WORDS);

/**
 * Words that carry no meaning at the edge of a label: "EU humanitarian aid totalled €135.3
 * million" should read "EU humanitarian aid", not "EU humanitarian aid totalled". Scale words
 * ("million", "Milliarden") are the extractor's.
 */
const EDGE_WORDS = new Set([
  ...(
    'a an and the of to in at on for by with from as than about around approximately some nearly almost ' +
    'over under more less is are was were be been being has have had its their our his her this that these those ' +
    'amount amounts amounted account accounts accounted totalled totaled totals total totalling reached reaches ' +
    'stood stands ranks ranked ranking which who since until while de du des la le les et à en von der die das und im'
  ).split(' '),
  ...inEveryLanguage(SCALE_WORDS),
]);

const MAX_LABEL_WORDS = 6;

/**
 * A short name for a figure, read from its sentence. In order of preference:
 * - the noun phrase the number quantifies, when the page prints one right after it: "€300,000
 *   in funds to …" → "funds to …", "0.002% of our imports" → "share of our imports", "ranks 200
 *   among France’s customers" → "rank among France’s customers", "130 projects" → "projects";
 * - for a date or year, the clause it dates, without its time phrase ("Germany held the rotating
 *   EU presidency … for the first six months of 2017"), and for the later dates of a list ("in May
 *   2016, on 6 April and 16 October 2017") the clause before the list;
 * - the words just before it ("EU humanitarian aid totalled €135.3 million"), or after it when
 *   fewer than two words precede it (a count starts with what it counts);
 * - the key made readable; else its section.
 * Leading pronouns and auxiliaries ("It also provided", "them have") go: they name nothing. A
 * change ("down 3.3%") says what rose or fell, since its value is printed without a sign.
 *
 * Why the sentence and not the key: the key is built for stability, not for reading, and its
 * format belongs to the extractor; the sentence is what the reader saw on the page.
 */
export function labelFigure(figure: Figure): string {
  const sentence = collapseWhitespace(figure.sentence);
  let raw = collapseWhitespace(figure.raw);
  // The extractor may complete a raw text ("6 April (2017)"); look for what the page printed.
  if (!sentence.includes(raw)) raw = raw.replace(/\s*\([^)]*\)\s*$/u, '');
  const at = raw === '' ? -1 : sentence.indexOf(raw);
  if (at !== -1) {
    const label = labelFromSentence(figure, sentence, raw, at);
    // "down 3.3%" is printed without its sign in a report: the label says what fell.
    const worded = figure.direction !== undefined && /^(down|up|fell|rose|falling|rising)\b/iu.test(raw);
    if (label !== null) return worded ? `${figure.direction === 'down' ? 'fall' : 'rise'} in ${label}` : label;
  }
  if (figure.section !== null && figure.section.trim() !== '') return collapseWhitespace(figure.section);
  return humanizeKey(figure.key) || figure.key;
}

function labelFromSentence(figure: Figure, sentence: string, raw: string, at: number): string | null {
  const beforeText = sentence.slice(0, at);
  const afterText = sentence.slice(at + raw.length);
  const quantified = quantifiedPhrase(figure, raw, beforeText, afterText);
  if (quantified !== null) return quantified;
  const isDate = figure.kind === 'date' || figure.kind === 'year';
  const clause = lastClause(isDate ? listHead(beforeText) : beforeText);
  let before = dropLeadingWeak(trimEdges(isDate ? clause.slice(-12) : (subjectBeforeCopula(clause) ?? clause.slice(-MAX_LABEL_WORDS))), true);
  if (isDate) before = datedClause(before, sentence);
  // A count names what it counts ("130 projects", "ten French nationals"): start with that.
  const counted = figure.kind === 'count' ? countedNoun(raw) : [];
  let after = dropLeadingWeak(trimEdges(stopAtRelative([...counted, ...firstClause(afterText)]).slice(0, MAX_LABEL_WORDS)), false);
  if (counted.length > 0) after = withoutTimePhrase(after);
  // One word before ("Fewer than ten …") names less than the words after.
  const preferAfter = (counted.length > 0 && after.length >= 2) || (before.length < 2 && after.length > before.length);
  const best = preferAfter ? after : before;
  if (best.length >= 2) return joinLabel(best);
  // "130 projects" alone still names what was counted, when nothing before it does.
  if (counted.length > 0 && after.length === 1 && before.length < 2) return joinLabel(after);
  const fromKey = humanizeKey(figure.key);
  if (fromKey.split(' ').length >= 2) return fromKey;
  if (best.length > 0) return joinLabel(best);
  return null;
}

/**
 * The noun phrase a number quantifies, when the words right after it say so: money "in" a
 * thing (not "in 2016"), a share "of" a whole, a rank "among" its peers. Null when the page
 * prints none; the caller then reads the words around the figure.
 */
function quantifiedPhrase(figure: Figure, raw: string, beforeText: string, afterText: string): string | null {
  const next = firstClause(afterText);
  const lead = stripPunctuation(next[0] ?? '').toLowerCase();
  const phrase = (words: string[]): string[] => trimEdges(stopAtVerb(words).slice(0, MAX_LABEL_WORDS));
  if (figure.kind === 'money' && (lead === 'in' || lead === 'en') && next.length > 1 && !isFigureWord(next[1]!)) {
    const np = phrase(next.slice(1));
    if (np.length >= 1) return joinLabel(np);
  }
  if (figure.kind === 'percent' && (lead === 'of' || lead === 'du' || lead === 'des' || lead === 'de') && next.length > 1) {
    const np = phrase(next.slice(1));
    if (np.length >= 1) return `share of ${joinLabel(np)}`;
  }
  if (figure.kind === 'rank') {
    if ((lead === 'among' || lead === 'amongst') && next.length > 1) {
      const np = phrase(next.slice(1));
      if (np.length >= 1) return `rank among ${joinLabel(np)}`;
    }
    // "France’s 153th ranking supplier": the rank as what, for whom.
    const noun = words_(raw).filter((w) => !/\d/u.test(w) && !/^rank/iu.test(w));
    const owner = words_(beforeText).at(-1);
    if (noun.length > 0 && noun.length <= 3 && owner !== undefined && /['’]s$/u.test(owner)) {
      return `rank as ${stripPunctuation(owner)} ${joinLabel(noun)}`;
    }
  }
  return null;
}

/**
 * A dated clause without its time phrase: "Germany held the rotating EU presidency in North
 * Korea for the first six months of" → "… presidency in North Korea"; a clause left with its verb
 * only ("They were strengthened" → "strengthened") takes its subject from a closing parenthesis
 * ("(sectoral sanctions and individual designations)") when the page gives one.
 */
function datedClause(words: string[], sentence: string): string[] {
  const kept = withoutTimePhrase(words);
  const clause = trimEdges(kept.length >= 1 ? kept.slice(-MAX_LABEL_WORDS) : words.slice(-MAX_LABEL_WORDS));
  if (clause.length === 1) {
    const subject = closingParenthesisNoun(sentence);
    if (subject.length > 0) return [...subject, ...clause];
  }
  return clause;
}

/** Words without a closing time phrase ("… for the first six months of", "projects for the period"). */
function withoutTimePhrase(words: string[]): string[] {
  let cut = words.length;
  for (let i = words.length - 1; i >= 0; i--) {
    const w = stripPunctuation(words[i]!).toLowerCase();
    if (TIME_PREPOSITIONS.has(w)) {
      cut = i;
      break;
    }
    if (!TIME_WORDS.has(w)) break;
  }
  return cut === words.length ? words : trimEdges(words.slice(0, cut));
}

/**
 * The subject of "X is …" before a figure: "Trade between France and North Korea is not very
 * significant (€8.2 million …)" is about the trade, not about its significance.
 */
function subjectBeforeCopula(clause: string[]): string[] | null {
  const at = clause.findIndex((w) => COPULAS.has(stripPunctuation(w).toLowerCase()));
  if (at < 2 || at > MAX_LABEL_WORDS) return null;
  const subject = trimEdges(clause.slice(0, at));
  return subject.length >= 2 ? subject : null;
}

const COPULAS = new Set('is are was were remains remained sont est'.split(' '));

/** A relative clause ends a name: "two French NGOs that have been working …" → "French NGOs". */
function stopAtRelative(words: string[]): string[] {
  const at = words.findIndex((w, i) => i > 0 && /^(that|which|who|whose|qui|que|die|der)$/iu.test(stripPunctuation(w)));
  return at === -1 ? words : words.slice(0, at);
}

const TIME_PREPOSITIONS = new Set('in on since from for during until till by at between depuis en le au dès seit am im'.split(' '));
const TIME_WORDS = new Set(
  (
    'the a of first last early late end start beginning middle mid half one two three four five six seven eight nine ten ' +
    'twelve months month years year weeks week days quarter quarters period'
  ).split(' '),
);

/** The first noun phrase of a parenthesis closing the sentence: "(sectoral sanctions and …)". */
function closingParenthesisNoun(sentence: string): string[] {
  const m = /\(([^()]+)\)[.!?]?$/u.exec(sentence);
  if (!m || /\d/u.test(m[1]!)) return [];
  const out: string[] = [];
  for (const word of words_(m[1]!)) {
    if (/^(and|or|,|et|und)$/iu.test(word)) break;
    out.push(stripPunctuation(word));
    if (/[,;]$/u.test(word) || out.length >= 3) break;
  }
  return out;
}

/**
 * The text before a list of figures: for "strengthened in May 2016, on 6 April and 16 October
 * 2017", the later dates are preceded by nothing but links ("on", "and"), so they share the head
 * of the first one.
 */
function listHead(text: string): string {
  let words = words_(text);
  for (;;) {
    let i = words.length;
    while (i > 0 && !isFigureWord(words[i - 1]!) && isLink(words[i - 1]!)) i--;
    if (i === words.length || i === 0 || !isFigureWord(words[i - 1]!)) return words.join(' ');
    // Step back over the earlier figure (its number and the words of its date).
    let j = i - 1;
    while (j > 0 && isFigureWord(words[j - 1]!)) j--;
    words = words.slice(0, j);
  }
}

function isFigureWord(word: string): boolean {
  return /\d/u.test(word) || MONTH_NAMES.has(stripPunctuation(word).toLowerCase());
}

function isLink(word: string): boolean {
  const w = stripPunctuation(word).toLowerCase();
  return w === '' || ['and', 'or', 'on', 'in', 'then', 'et', 'le', 'en', 'und', 'am', 'im'].includes(w);
}

/** A noun phrase ends where a participle or relative starts: "efforts directed at …". */
function stopAtVerb(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const w = stripPunctuation(word).toLowerCase();
    if (out.length > 0 && (/^(which|that|who|where|directed|aimed|intended|used|made|provided)$/u.test(w) || /\d/u.test(w))) break;
    out.push(word);
    if (/[,;:)]$/u.test(word)) break;
  }
  return out;
}

/** Pronouns name nothing; before a figure, auxiliaries and "also" only link ("It also provided"). */
function dropLeadingWeak(words: string[], auxiliaries: boolean): string[] {
  let start = 0;
  while (start < words.length) {
    const w = stripPunctuation(words[start]!).toLowerCase();
    if (PRONOUNS.has(w) || (auxiliaries && AUXILIARIES.has(w))) start++;
    else break;
  }
  return words.slice(start);
}

const PRONOUNS = new Set('it they them he she we you us il elle ils elles on er sie es'.split(' '));
const AUXILIARIES = new Set('also still already has have had is are was were be been being will would did does do'.split(' '));

/**
 * The words of a count's raw text after its number: "130 projects" → ["projects"], "quinze
 * projets" → ["projets"]. A count's raw text starts with digits or with one of the extractor's
 * number words, the only ones it reads as a count.
 */
function countedNoun(raw: string): string[] {
  const words = words_(raw);
  const first = words[0];
  if (words.length < 2 || first === undefined) return [];
  return /\d/u.test(first) || NUMBER_NAMES.has(first.toLowerCase()) ? words.slice(1) : [];
}

/** "money/" or "money:" at the start of a key. */
const KIND_PREFIX = new RegExp(`^(?:${FIGURE_KINDS.join('|')})[/:]`, 'u');

/**
 * A key made readable as a last resort: a leading "kind/" and a trailing "#n" go, separators
 * become spaces ("date/strengthened-sanctions#2" → "strengthened sanctions"). Any key format
 * still gives something readable.
 */
function humanizeKey(key: string): string {
  return collapseWhitespace(
    key
      .replace(KIND_PREFIX, '')
      .replace(/#\d+$/u, '')
      .replace(/[-_/:.]+/gu, ' '),
  );
}

/** Words of the text after its last number or clause mark, so the label names this figure only. */
function lastClause(text: string): string[] {
  const words = words_(text);
  let start = 0;
  words.forEach((word, i) => {
    if (/\d/u.test(word) || /[;:.]$/u.test(word)) start = i + 1;
  });
  return words.slice(start).filter((w) => stripPunctuation(w) !== '');
}

function firstClause(text: string): string[] {
  const out: string[] = [];
  for (const word of words_(text)) {
    if (/\d/u.test(word) || /^[([]/u.test(word)) break;
    if (stripPunctuation(word) === '') {
      // Punctuation right after the figure ("2006, the EU began…") does not end the label.
      if (out.length === 0) continue;
      break;
    }
    out.push(word);
    if (/[;:.,)]$/u.test(word)) break;
  }
  return out;
}

function words_(text: string): string[] {
  const collapsed = collapseWhitespace(text);
  return collapsed === '' ? [] : collapsed.split(' ');
}

function stripPunctuation(word: string): string {
  return word.replace(/^[("“‘'«[]+|[)"”’'»\],;:.!?]+$/gu, '');
}

function trimEdges(words: string[]): string[] {
  const isEdge = (word: string): boolean => EDGE_WORDS.has(stripPunctuation(word).toLowerCase());
  let start = 0;
  let end = words.length;
  while (start < end && isEdge(words[start]!)) start++;
  while (end > start && isEdge(words[end - 1]!)) end--;
  return words.slice(start, end);
}

/** Words joined, with punctuation kept inside ("North Korea, France’s") but not at the ends. */
function joinLabel(words: string[]): string {
  return stripPunctuation(words.join(' '));
}
