/**
 * Per-language memo for compiled patterns: recognisers build their regular expressions from
 * vocabulary tables, and compiling them once per language instead of once per sentence is most
 * of their cost. (`matchAll` copies a global regex, so sharing one is safe.)
 */
export function memoizeByLanguage<T>(build: (language: string) => T): (language: string) => T {
  const cache = new Map<string, T>();
  return (language) => {
    let value = cache.get(language);
    if (value === undefined) {
      value = build(language);
      cache.set(language, value);
    }
    return value;
  };
}
