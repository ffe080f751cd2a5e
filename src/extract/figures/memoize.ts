import { defaultNotation, type Notation } from './read-number.ts';

/**
 * Per-language (and per-notation) memo for compiled patterns: recognisers build their regular
 * expressions from vocabulary tables, and compiling them once per language instead of once per
 * sentence is most of their cost. (`matchAll` copies a global regex, so sharing one is safe.)
 */
export function memoizeByLanguage<T>(
  build: (language: string, notation: Notation) => T,
): (language: string, notation?: Notation) => T {
  const cache = new Map<string, T>();
  return (language, notation = defaultNotation(language)) => {
    const key = `${language}\u0000${notation}`;
    let value = cache.get(key);
    if (value === undefined) {
      value = build(language, notation);
      cache.set(key, value);
    }
    return value;
  };
}
