import { diffArrays } from 'diff';
import { splitWords } from './normalize-text.ts';

/** Stands between two blocks (paragraphs, list items) in the token stream. */
export const PARAGRAPH_BREAK = '\u00b6';

/** One stretch of a word diff: unchanged words, or an edit (removed and/or added words). */
export type DiffSegment =
  | { kind: 'equal'; tokens: string[] }
  | { kind: 'edit'; removed: string[]; added: string[] };

/** Limits that keep a word diff from running away on large, very different texts. */
export interface WordDiffBounds {
  /**
   * Largest edit distance (in words) worth computing. Myers' algorithm costs about
   * O((N+M)·D); past this many edits a word-level diff is unreadable anyway, so we stop.
   */
  maxEditLength: number;
  /** Wall-clock safety net in ms, for pathological inputs that are slow even below the bound. */
  timeoutMs: number;
}

/**
 * Defaults: 1,000 word edits is several rewritten paragraphs — beyond that a reader is better
 * served by "old text / new text". The timeout is only a last resort; `maxEditLength` is what
 * normally stops the search, and it does so deterministically.
 */
export const DEFAULT_WORD_DIFF_BOUNDS: WordDiffBounds = { maxEditLength: 1000, timeoutMs: 2000 };

/** Turn blocks into one word stream with paragraph-break tokens between blocks. */
export function tokenizeBlocks(blocks: readonly string[]): string[] {
  const tokens: string[] = [];
  for (const block of blocks) {
    const words = splitWords(block);
    if (words.length === 0) continue;
    if (tokens.length > 0) tokens.push(PARAGRAPH_BREAK);
    tokens.push(...words);
  }
  return tokens;
}

/**
 * Word-level diff of two token streams, or `null` when the bounds were hit.
 *
 * Why `diffArrays` over whitespace-delimited words rather than `diffWords`: `diffWords` splits
 * punctuation into separate tokens, so "€8.2 million" → "€5.1 million" comes out as
 * "€[-8-]{+5+}.[-2-]{+1+} million". Whole words ("€8.2", "2016).") read the way a reader
 * quotes a page, and fewer tokens also make the diff cheaper. Both are jsdiff's Myers diff
 * with the same `maxEditLength` / `timeout` bounds.
 */
export function diffTokens(
  from: readonly string[],
  to: readonly string[],
  bounds: WordDiffBounds = DEFAULT_WORD_DIFF_BOUNDS,
): DiffSegment[] | null {
  const changes = diffArrays([...from], [...to], {
    maxEditLength: bounds.maxEditLength,
    timeout: bounds.timeoutMs,
  });
  if (changes === undefined) return null;
  const segments: DiffSegment[] = [];
  for (const change of changes) {
    const last = segments.at(-1);
    if (!change.added && !change.removed) {
      segments.push({ kind: 'equal', tokens: change.value });
    } else if (last?.kind === 'edit') {
      (change.added ? last.added : last.removed).push(...change.value);
    } else {
      segments.push({
        kind: 'edit',
        removed: change.removed ? [...change.value] : [],
        added: change.added ? [...change.value] : [],
      });
    }
  }
  return segments;
}
