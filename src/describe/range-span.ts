/**
 * The printed span of a number together with the other end of its range: "45-50%", "5–10 %",
 * "EUR 10-12 Mio.". The extractor gives each end its own figure ("45" and "50%"), but a reader
 * names both by the one thing they bound; seen alone, the first end's label would start at the
 * dash of the second ("-50% de l’enveloppe"), and the second's would end at the first's number.
 * Dates have theirs in date-span.ts.
 */
export function rangeSpan(sentence: string, start: number, end: number): { start: number; end: number } {
  const left = LEFT.exec(sentence.slice(0, start));
  const right = left === null ? RIGHT.exec(sentence.slice(end)) : null;
  return { start: start - (left?.[0].length ?? 0), end: end + (right?.[0].length ?? 0) };
}

/**
 * One end of a range as printed: "45", "4,5", "10 %". Never a year: "im Jahre 2019 – 6,15 Mrd."
 * is a year and its value, "2014-2020" a period.
 */
const END = '(?!(?:1[6-9]|20)\\d\\d(?![\\d.,]))\\d+(?:[.,]\\d+)?(?:\\s?%)?';
/** What joins the ends: a hyphen or a dash, with or without spaces around it. */
const LINK = '\\s?[-–]\\s?';
const LEFT = new RegExp(`(?<![\\p{L}\\p{N}.,-])${END}${LINK}$`, 'u');
const RIGHT = new RegExp(`^${LINK}${END}(?![\\p{N}])`, 'u');
