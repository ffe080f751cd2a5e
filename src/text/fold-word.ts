/**
 * A word as keys and similarity compare it: lower case, no diacritics, ß → ss ("Économie" →
 * "economie", "Straße" → "strasse"). One definition for figure keys (extract) and figure
 * similarity (diff), so that both read a word the same way.
 */
export function foldWord(word: string): string {
  // Plain ASCII words (most of them) need no Unicode decomposition: that is most of its cost.
  if (/^[\x00-\x7F]*$/u.test(word)) return word.toLowerCase();
  return word.toLowerCase().replace(/ß/g, 'ss').normalize('NFD').replace(/\p{M}/gu, '');
}
