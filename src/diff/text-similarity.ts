/**
 * How much two texts say the same thing, for pairing sections and blocks by content when their
 * headings do not pair them. Word pairs (bigrams) rather than single words: two sections of one
 * page share most of their vocabulary ("France", "relations", "cooperation") but rarely their
 * phrases, so bigrams keep a rename apart from a neighbour on the same subject.
 */

/** Lower-cased words of letters and digits; punctuation and typography do not count. */
function contentWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** A text's word bigrams (its single word when it has one); the unit of `similarity`. */
export function shingles(text: string): Set<string> {
  const words = contentWords(text);
  if (words.length === 1) return new Set(words);
  const out = new Set<string>();
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]!} ${words[i]!}`);
  return out;
}

/** Words in a text, as `contentWords` counts them (a move needs a block long enough to mean it). */
export function wordCount(text: string): number {
  return contentWords(text).length;
}

/** Dice coefficient of two shingle sets: 1 for the same phrases, 0 for none shared. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return (2 * shared) / (a.size + b.size);
}
