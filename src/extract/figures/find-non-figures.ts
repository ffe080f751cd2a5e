/**
 * Numbers that are not figures: part of a name, an address, a phone number, a reference, a file
 * size in a link's text, a list/heading numbering ("1. Politische Beziehungen") or the length of
 * a list a block opens with ("Top 5 merchandise exports:"). Their spans are excluded before any
 * recogniser's candidate is accepted.
 *
 * Names with digits glued to letters ("G7", "Covid-19", "A380") never match a number at all
 * (see `numberPattern`), so they need no span here.
 */
import type { Span } from './candidate.ts';

/**
 * Each pattern with a cheap test of whether it can match at all: most sentences name no
 * street, reference or clock time, and the address patterns are the costliest of the extractor.
 */
const PATTERNS: Array<[gate: RegExp | null, pattern: RegExp]> = [
  // Phone numbers: "+33 1 43 17 53 53", "01 43 17 53 53", "+49 (0)30 590 03 90 00".
  [null, /(?:\+\d{1,3}[ \u00A0.]?(?:\(0\)[ \u00A0]?)?|\b0)\d{1,3}(?:[ \u00A0.\-/]\d{2,4}){3,5}\b/gu],
  // Street addresses: "37 quai d’Orsay", "13, rue Saint-Honoré", "12 avenue …" — not the end of
  // a grouped number, nor an area ("300,000 square kilometres", "120 square metres").
  [/rue|av|bd|boulevard|quai|place|allée|chemin|impasse|square|cours|street|road|lane/iu, /(?<![\p{L}\d]|\d[,.])\d{1,4}(?:[ \u00A0]?(?:bis|ter))?,?[ \u00A0](?:rue|avenue|av\.|boulevard|bd|quai|place|allée|chemin|impasse|square(?![ \u00A0](?:kilomet|met|mile|feet|foot))|cours|street|road|lane)(?![\p{L}])/giu],
  // German addresses put the number after the street: "Pariser Platz 5", "Wilhelmstraße 65".
  [/stra(?:ß|ss)e|str\.|platz|allee|weg|damm|ufer|ring/iu, /(?<![\p{L}])\p{Lu}[\p{L}-]*(?:straße|strasse|str\.|platz|allee|weg|damm|ufer|ring)[ \u00A0]\d{1,4}[a-z]?(?![\p{L}\d])/gu],
  [/Straße|Platz|Allee|Weg|Damm|Ufer|Ring/u, /(?<![\p{L}])\p{Lu}[\p{L}-]*er[ \u00A0](?:Straße|Platz|Allee|Weg|Damm|Ufer|Ring)[ \u00A0]\d{1,4}[a-z]?(?![\p{L}\d])/gu],
  // Postcodes right before a town: "75007 Paris", "10117 Berlin" (after a comma or line start).
  [null, /(?:^|(?<=,[ \u00A0]?))\d{5}[ \u00A0]\p{Lu}\p{Ll}+/gu],
  // References: "Resolution 2397", "article 5", "n° 12", "No. 3", "Nr. 7", "Act 2018-123".
  [/resolution|résolution|article|art\.|chap|section|n°|no\.|nr\.|decree|décret|loi|law|act|paragraph|annex|Absatz|Artikel|Kapitel|Abschnitt/iu, /(?<![\p{L}])(?:resolutions?|résolutions?|resolution|article|articles|art\.|chapter|chapitre|section|n°|no\.|nr\.|decree|décret|loi|law|act|paragraph|paragraphe|annex|annexe|Absatz|Artikel|Kapitel|Abschnitt)[ \u00A0]\d[\d./-]*/giu],
  // Centuries name a time, not a rank: "21st century", "20e siècle", "21. Jahrhundert".
  [/centur|siècle|jahrhundert/iu, /(?<![\p{L}\d])\d{1,2}(?:st|nd|rd|th|ˢᵗ|ⁿᵈ|ʳᵈ|ᵗʰ|ème|eme|ᵉ|e|\.)?[- \u00A0](?:century|centuries|siècles?|Jahrhunderts?|Jahrhunderten)(?![\p{L}])/giu],
  // Numbered sessions and revisions name a meeting or a text, not a rank: "3rd session", "2nd
  // revision of the agreement", "5e session", "3. Sitzung" (see RANK_NOUNS).
  [/session|sitzung|tagung|revision|révision|amendment|amendement/i, /(?<![\p{L}\d])\d{1,3}(?:st|nd|rd|th|ˢᵗ|ⁿᵈ|ʳᵈ|ᵗʰ|ème|eme|ᵉ|e|\.)?[ \u00A0](?:sessions?|Sitzung|Tagung|revision|révision|Revision|amendment|amendement)(?![\p{L}])/giu],
  // Formats named by their numbers: "P5+1", "2+2 dialogue", "EU+3".
  [/\+\d/u, /(?<![\p{L}\d])(?:\p{Lu}{0,3}\d{1,2}|\p{Lu}{1,3})\+\d{1,2}(?![\d%])/gu],
  // File sizes in link text, the page's chrome: "pdf - 62 KB", "[81 KB]", "(PDF, 1,2 Mo)", "3 MB".
  [/[kKMGT]i?B|[KMG]o\b|bytes|octets/u, /(?<![\p{L}\d])\d+(?:[.,]\d+)?[ \u00A0]?(?:[kKMGT]i?B|[KMG]o|[Bb]ytes|octets)(?![\p{L}])/gu],
  // Clock times: "10:30", "10h30", "10.30 Uhr".
  [/\d[:h.]\d/u, /(?<![\p{L}\d])\d{1,2}(?:[:h]\d{2}|\.\d{2}[ \u00A0]Uhr)(?![\d])/gu],
];

/** Numbering at the very start of a block or heading: "1.", "2.3", "IV.", "a)", "3)". */
const LEADING_NUMBERING = /^\s*(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|[IVXLC]{1,5}\.|[a-z]\))(?=[ \u00A0]+\p{Lu})/u;
/** A list's title at the start of a block: "Top 5 merchandise exports:", "Top 10 des partenaires". */
const LEADING_TOP = /^\s*top[ \u00A0-]\d{1,3}(?![\d.,])/iu;

/** Spans of `sentence` that hold no figure. `isBlockStart` checks for a list numbering too. */
export function findNonFigures(sentence: string, isBlockStart: boolean): Span[] {
  const spans: Span[] = [];
  // Every pattern needs a digit; most prose sentences have none, and these patterns are costly.
  if (!/\d/u.test(sentence)) return spans;
  for (const [gate, pattern] of PATTERNS) {
    if (gate !== null && !gate.test(sentence)) continue;
    for (const m of sentence.matchAll(pattern)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  if (isBlockStart) {
    const numbering = LEADING_NUMBERING.exec(sentence);
    if (numbering) spans.push({ start: 0, end: numbering[0].length });
    const top = LEADING_TOP.exec(sentence);
    if (top) spans.push({ start: 0, end: top[0].length });
  }
  return spans;
}
