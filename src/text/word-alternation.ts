/**
 * Regular expressions built from word lists (the vocabularies of src/model/figure-vocabulary.ts):
 * one way to escape a word and one way to join a list, so every recogniser matches a phrase of
 * the tables the same way — the longest alternative first ("millions" before "million", "knapp
 * über" before "knapp"), a space in a phrase matching a no-break space too.
 */

/** `text` with every regular-expression metacharacter escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The words as one alternation, longest first, spaces matching no-break spaces; `(?!)` (nothing) for no words. */
export function wordAlternation(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length).map((w) => escapeRegExp(w).replace(/ /g, '[ \\u00A0]')).join('|') || '(?!)';
}
