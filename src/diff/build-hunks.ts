import type { Hunk } from '../model/index.ts';
import {
  DEFAULT_WORD_DIFF_BOUNDS,
  PARAGRAPH_BREAK,
  diffTokens,
  tokenizeBlocks,
  type DiffSegment,
  type WordDiffBounds,
} from './bounded-word-diff.ts';

/** Words of unchanged context shown on each side of an edit. */
export const CONTEXT_WORDS = 5;
/**
 * Two edits separated by at most this many unchanged words become one hunk: "[-€8.2 million
 * in 2016-]{+€5.1 million in 2017+}" reads better than two hunks around a lone "in".
 */
export const MERGE_GAP_WORDS = 2;

type Edit = { removed: string[]; added: string[]; beforeIndex: number; afterIndex: number };

/**
 * Word-level hunks between two sections' blocks. Never hangs: when the bounded diff gives up,
 * the whole old text is reported removed and the whole new text added (one coarse hunk).
 */
export function buildHunks(
  fromBlocks: readonly string[],
  toBlocks: readonly string[],
  bounds: WordDiffBounds = DEFAULT_WORD_DIFF_BOUNDS,
): Hunk[] {
  const from = tokenizeBlocks(fromBlocks);
  const to = tokenizeBlocks(toBlocks);
  const segments = diffTokens(from, to, bounds);
  if (segments === null) {
    return [{ before: '', removed: joinTokens(from), added: joinTokens(to), after: '' }];
  }
  return mergeEdits(segments).map((edit) => ({
    before: joinTokens(contextBefore(segments[edit.beforeIndex])),
    removed: joinTokens(edit.removed),
    added: joinTokens(edit.added),
    after: joinTokens(contextAfter(segments[edit.afterIndex])),
  }));
}

/** Fold edits separated by a short unchanged gap (within one paragraph) into one edit. */
function mergeEdits(segments: DiffSegment[]): Edit[] {
  const edits: Edit[] = [];
  segments.forEach((segment, index) => {
    if (segment.kind !== 'edit') return;
    const previous = edits.at(-1);
    const gap = segments[index - 1];
    if (
      previous !== undefined &&
      gap?.kind === 'equal' &&
      previous.afterIndex === index - 1 &&
      gap.tokens.length <= MERGE_GAP_WORDS &&
      !gap.tokens.includes(PARAGRAPH_BREAK)
    ) {
      previous.removed.push(...gap.tokens, ...segment.removed);
      previous.added.push(...gap.tokens, ...segment.added);
      previous.afterIndex = index + 1;
      return;
    }
    edits.push({
      removed: [...segment.removed],
      added: [...segment.added],
      beforeIndex: index - 1,
      afterIndex: index + 1,
    });
  });
  return edits;
}

/** The last few unchanged words before an edit, not reaching back past a paragraph break. */
function contextBefore(segment: DiffSegment | undefined): string[] {
  if (segment?.kind !== 'equal') return [];
  const breakAt = segment.tokens.lastIndexOf(PARAGRAPH_BREAK);
  return segment.tokens.slice(breakAt + 1).slice(-CONTEXT_WORDS);
}

/** The first few unchanged words after an edit, stopping at a paragraph break. */
function contextAfter(segment: DiffSegment | undefined): string[] {
  if (segment?.kind !== 'equal') return [];
  const breakAt = segment.tokens.indexOf(PARAGRAPH_BREAK);
  return segment.tokens.slice(0, breakAt === -1 ? undefined : breakAt).slice(0, CONTEXT_WORDS);
}

/** Words joined by spaces; a paragraph break shows as "¶" so a reader sees where blocks split. */
function joinTokens(tokens: readonly string[]): string {
  return tokens.join(' ');
}
