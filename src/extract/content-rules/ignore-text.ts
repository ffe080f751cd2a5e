/**
 * `ignoreText`: regular expressions from a source's configuration whose matches are taken out of
 * the text before it is hashed (a visitor counter, "Printed on 3 May 2024").
 *
 * The patterns come from a file a user edits, and run on pages a stranger writes, so they run on
 * RE2 (`re2js`, a pure-JS port of Google's RE2): matching takes time linear in the text, whatever
 * the pattern — `(a+)+$` on 100,000 "a"s and a "b" is a few milliseconds, where JavaScript's own
 * backtracking engine would not finish. The price is RE2's dialect: no lookaround and no
 * backreferences (docs/monitoring.md, "Content rules"). The text is bounded too: each pattern
 * runs on one block (a paragraph, a list item, a cell), a heading or the title at a time, never on
 * the page as a whole, and the page itself is bounded by `fetch.maxBytes` and the judge's deadline.
 */
import { RE2JS } from 're2js';

/** All of a source's patterns as one RE2 program: one linear pass per text, however many patterns. */
type Compiled = RE2JS;

/** Compiled programs by their pattern list: a pass judges many pages of few sources. Bounded. */
const cache = new Map<string, Compiled>();
const MAX_CACHED = 256;

/** Why `pattern` is not an RE2 regular expression, or null when it is. */
export function regexProblem(pattern: string): string | null {
  try {
    RE2JS.compile(pattern);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function compile(patterns: readonly string[]): Compiled {
  const key = patterns.join('\u0000');
  let compiled = cache.get(key);
  if (compiled === undefined) {
    // Each pattern in a group of its own, so an inline flag (`(?i)`) or a top-level `|` stays within it.
    compiled = RE2JS.compile(patterns.map((p) => `(?:${p})`).join('|'));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, compiled);
  }
  return compiled;
}

/**
 * A function that removes every match of `patterns` from a text and normalises the spaces the
 * removal leaves (one space, none at the ends); the identity when there are no patterns.
 */
export function textRemover(patterns: readonly string[] | undefined): (text: string) => string {
  if (patterns === undefined || patterns.length === 0) return (text) => text;
  const program = compile(patterns);
  return (text) => {
    const removed = program.matcher(text).replaceAll('');
    return removed === text ? text : removed.replace(/[ \t\n\f\r]+/g, ' ').trim();
  };
}
