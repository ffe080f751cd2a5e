import { assignOneToOne } from './assign-one-to-one.ts';
import { shingles, similarity, wordCount } from './text-similarity.ts';

/** A block one side has and its counterpart section lacks; `owner` names the section pairing it belongs to. */
export interface LooseBlock {
  owner: number;
  text: string;
}

/**
 * A block needs this many words to count as moved: "Visits", "Read more" or a date alone recur
 * anywhere and say nothing about where a text went.
 */
const MIN_MOVE_WORDS = 4;
/** Word-pair similarity for a block to be the same block, edited on the way (1: moved as it was). */
const MOVE_THRESHOLD = 0.6;
const MOVE_MARGIN = 0.1;
/** Past this many lost × gained blocks only blocks moved word for word are paired (the assignment is cubic). */
const MAX_SCORED_CELLS = 40_000;

/**
 * Which lost block (in the older page, missing from its section's counterpart) is which gained
 * block (in the newer page, missing from its section's counterpart): `[lost, gained]` index
 * pairs. Blocks of one owner can pair too — that is a block edited in place, and taking it here
 * keeps it from being claimed as a move by a look-alike elsewhere; the caller tells them apart.
 */
export function pairLooseBlocks(lost: readonly LooseBlock[], gained: readonly LooseBlock[]): Array<[number, number]> {
  const movable = (b: LooseBlock) => wordCount(b.text) >= MIN_MOVE_WORDS;
  if (lost.length * gained.length > MAX_SCORED_CELLS) return pairVerbatim(lost, gained, movable);
  const a = lost.map((b) => (movable(b) ? shingles(b.text) : new Set<string>()));
  const b = gained.map((g) => (movable(g) ? shingles(g.text) : new Set<string>()));
  return assignOneToOne(lost.length, gained.length, (i, j) => similarity(a[i]!, b[j]!), { threshold: MOVE_THRESHOLD, margin: MOVE_MARGIN });
}

/** Blocks that occur exactly once among the lost and once among the gained, word for word. */
function pairVerbatim(lost: readonly LooseBlock[], gained: readonly LooseBlock[], movable: (b: LooseBlock) => boolean): Array<[number, number]> {
  const once = (blocks: readonly LooseBlock[]) => {
    const at = new Map<string, number>();
    blocks.forEach((block, i) => at.set(block.text, at.has(block.text) ? -1 : i));
    return at;
  };
  const lostAt = once(lost);
  const gainedAt = once(gained);
  const pairs: Array<[number, number]> = [];
  for (const [text, i] of lostAt) {
    const j = gainedAt.get(text);
    if (i >= 0 && j !== undefined && j >= 0 && movable(lost[i]!)) pairs.push([i, j]);
  }
  return pairs.sort((x, y) => x[0] - y[0]);
}
