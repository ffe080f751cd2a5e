import type { Figure } from '../extract/page-document.ts';
import { collapseWhitespace } from './normalize-text.ts';

/**
 * Words that carry no meaning at the edge of a label: "EU humanitarian aid totalled €135.3
 * million" should read "EU humanitarian aid", not "EU humanitarian aid totalled".
 */
const EDGE_WORDS = new Set(
  (
    'a an and the of to in at on for by with from as than about around approximately some nearly almost ' +
    'over under more less is are was were be been being has have had its their our his her this that these those ' +
    'amount amounts amounted account accounts accounted totalled totaled totals total totalling reached reaches ' +
    'stood stands ranks ranked ranking thousand million millions billion billions trillion milliard milliards mio mrd which who since until while de du des la le les et à en von der die das und im'
  ).split(' '),
);

const MAX_LABEL_WORDS = 6;

/**
 * A short name for a figure, taken from the words just before it in its sentence ("EU
 * humanitarian aid"), or after it when fewer than two words precede it (a count starts with
 * what it counts: "French nationals live in North Korea"); when neither gives two words, the
 * key made readable; else its section.
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
    const before = trimEdges(lastClause(sentence.slice(0, at)).slice(-MAX_LABEL_WORDS));
    // A count names what it counts ("130 projects", "ten French nationals"): start with that.
    const counted = figure.kind === 'count' ? countedNoun(raw) : [];
    const after = trimEdges([...counted, ...firstClause(sentence.slice(at + raw.length))].slice(0, MAX_LABEL_WORDS));
    // One word before ("Fewer than ten …") names less than the words after.
    const preferAfter = (counted.length > 0 && after.length >= 2) || (before.length < 2 && after.length > before.length);
    const best = preferAfter ? after : before;
    if (best.length >= 2) return joinLabel(best);
    const fromKey = humanizeKey(figure.key);
    if (fromKey.split(' ').length >= 2) return fromKey;
    if (best.length > 0) return joinLabel(best);
  }
  if (figure.section !== null && figure.section.trim() !== '') return collapseWhitespace(figure.section);
  return humanizeKey(figure.key) || figure.key;
}

/** The words of a count's raw text after its number: "130 projects" → ["projects"]. */
function countedNoun(raw: string): string[] {
  const words = words_(raw);
  const first = words[0];
  if (words.length < 2 || first === undefined) return [];
  return /\d/u.test(first) || NUMBER_WORDS.has(first.toLowerCase()) ? words.slice(1) : [];
}

const NUMBER_WORDS = new Set(
  (
    'one two three four five six seven eight nine ten eleven twelve dozen hundred hundreds thousands ' +
    'un une deux trois quatre cinq six sept huit neuf dix douze cent ' +
    'ein eine zwei drei vier fünf sechs sieben acht neun zehn zwölf hundert'
  ).split(' '),
);

/**
 * A key made readable as a last resort: a leading "kind/" and a trailing "#n" go, separators
 * become spaces ("date/strengthened-sanctions#2" → "strengthened sanctions"). Any key format
 * still gives something readable.
 */
function humanizeKey(key: string): string {
  return collapseWhitespace(
    key
      .replace(/^(money|percent|rank|count|measure|date|year)[/:]/u, '')
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
    if (/\d/u.test(word) || /^[(\[]/u.test(word)) break;
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
  return word.replace(/^[("“‘'«\[]+|[)"”’'»\],;:.!?]+$/gu, '');
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
