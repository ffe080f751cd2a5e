/**
 * What each recogniser proposes before overlaps are resolved, periods attached and keys made.
 */
import type { FigureDirection, FigureKind, FigureValue } from '../../model/index.ts';

/** A figure found in one sentence, with offsets into that sentence. */
export interface Candidate {
  kind: FigureKind;
  value: FigureValue;
  unit: string | null;
  /** Where the figure's raw text starts and ends in the sentence. */
  start: number;
  end: number;
  /**
   * The part of the raw text that carries the value (number, scale word, currency): left out of
   * the key. Words of the raw text outside it ("two French NGOs" → "French NGOs") stay in it.
   */
  valueStart: number;
  valueEnd: number;
  /** Year or year range the figure speaks of. */
  period: string | null;
  /** A guess from a bare number in a label row: loses every overlap, even to a year. */
  weak?: boolean;
  /**
   * A scaled number with no unit in prose ("1.8 million"): a count that names what it counts
   * ("1.8 million Canadians") wins the overlap, though measures otherwise win over counts.
   */
  loose?: boolean;
  /** For percent changes ("down 3.3%", "+34,8%"): which way the change went. */
  direction?: FigureDirection;
  /** For a share of a distribution: its place, as printed ("à Paris"); see `Figure.place`. */
  place?: string;
}

/** Spans of a sentence that are no figure at all (phone numbers, addresses, list numbering). */
export interface Span {
  start: number;
  end: number;
}

/** Builds a candidate whose whole raw text is its value (the common case). */
export function makeCandidate(
  kind: FigureKind,
  value: FigureValue,
  unit: string | null,
  start: number,
  end: number,
): Candidate {
  return { kind, value, unit, start, end, valueStart: start, valueEnd: end, period: null };
}
