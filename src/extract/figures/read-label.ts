/**
 * What a fact sheet's "label : value" row says about its figures besides the value:
 * "Population : 25,3 millions (2014, Banque Mondiale)" → name "Population", period "2014"
 * (attach-periods.ts), source "Banque Mondiale".
 *
 * The source is read only from the parentheses that follow a figure (or the rest of the
 * parenthesis it stands in): the part of them that is no year, no number, and starts with a
 * capital or with "source"/"Quelle" — "(PPA)" alone is a qualifier, not a source, and is skipped
 * when a longer segment follows ("1800 dollars (PPA) (Banque de Corée du Sud)").
 */
import type { Candidate } from './candidate.ts';

/** The row's label as a name: "PIB (2013) :" → "PIB", "Taux de croissance (2014) :" → "Taux de croissance". */
export function readLabelName(label: string): string | null {
  const name = label
    .replace(/\([^)]*\)/gu, ' ')
    .replace(/[ \u00A0]*:[ \u00A0]*$/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
  return name === '' ? null : name;
}

/** What may stand between a figure and its parentheses: a period ("en 2014", "in 2016"). */
const PERIOD_LINK = /^[ \u00A0]*(?:(?:en|in|im|au|à)[ \u00A0]+)?(?:1\d{3}|20\d{2})(?:[-–/]\d{2,4})?/u;
const FOLLOWING_PARENTHESIS = /^[ \u00A0]*\(([^()]*)\)/u;
/** How many parentheses after a figure are searched for its source. */
const MAX_PARENTHESES = 3;
const SOURCE_WORD = /^(?:sources?|Quelle|d’après|selon|according to)[ \u00A0:]*/iu;

/** The source named in the parentheses after `figure` in `sentence`, or null. */
export function findSource(sentence: string, figure: Candidate): string | null {
  const segments: string[] = [];
  let rest = sentence.slice(figure.end);
  const enclosing = closeOfEnclosingParenthesis(sentence, figure.end);
  if (enclosing >= 0) {
    segments.push(...splitSegments(sentence.slice(figure.end, enclosing)));
    rest = sentence.slice(enclosing + 1);
  } else {
    rest = rest.replace(PERIOD_LINK, '');
  }
  // A source stands in the first parentheses after the figure; reading every one that follows
  // would read the rest of a sentence of "(…) (…) (…)" once per figure in it.
  let groups = 0;
  for (let m = FOLLOWING_PARENTHESIS.exec(rest); m !== null && groups < MAX_PARENTHESES; m = FOLLOWING_PARENTHESIS.exec(rest), groups++) {
    segments.push(...splitSegments(m[1]!));
    rest = rest.slice(m[0].length);
  }
  const named = segments
    .map((s) => s.replace(SOURCE_WORD, '').replace(/[ \u00A0]*[?!.]+$/u, '').trim())
    .filter((s, i) => /^\p{Lu}/u.test(s) || SOURCE_WORD.test(segments[i]!.trim()))
    .filter((s) => !/\d/u.test(s) && s.length >= 2);
  // A short acronym-only qualifier ("PPA") yields to a longer segment when there is one.
  return named.find((s) => /\s/u.test(s)) ?? named[0] ?? null;
}

function splitSegments(text: string): string[] {
  return text.split(/[,;]/u).map((s) => s.trim()).filter((s) => s !== '');
}

/** Offset of the ")" closing the parenthesis `offset` stands in, or -1 when it stands in none. */
function closeOfEnclosingParenthesis(sentence: string, offset: number): number {
  let depth = 0;
  for (let i = offset - 1; i >= 0; i--) {
    if (sentence[i] === ')') depth++;
    else if (sentence[i] === '(') {
      if (depth === 0) {
        const close = sentence.indexOf(')', offset);
        return close;
      }
      depth--;
    }
  }
  return -1;
}
