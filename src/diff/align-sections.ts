import type { BlockMove, PageDocument, Section, SectionChange, SectionChanges, SectionRename } from '../model/index.ts';
import { assignOneToOne } from './assign-one-to-one.ts';
import type { WordDiffBounds } from './bounded-word-diff.ts';
import { buildHunks } from './build-hunks.ts';
import { pairLooseBlocks, type LooseBlock } from './move-blocks.ts';
import { collapseWhitespace } from '../text/collapse-whitespace.ts';
import { normalizeHeading } from './normalize-text.ts';
import { headingWords, tableOfContentsBlocks } from './table-of-contents.ts';
import { shingles, similarity } from './text-similarity.ts';

/**
 * Sections added, removed, renamed and changed between two documents, and blocks that moved
 * from one section to another.
 *
 * 1. **By heading.** Headings are compared case- and whitespace-insensitively ("Political
 *    relations" and "Political Relations" are one section, `changed` if its text did). A heading
 *    that occurs twice on a page is paired by occurrence (first with first …). The untitled lead
 *    section (heading `null`) is always paired with the other lead; when one side has none it
 *    counts as empty text, so lead text appearing or vanishing is a `changed` entry.
 * 2. **By content**, what is left: a section whose text is nearly the same under another heading
 *    (word-pair similarity ≥ `RENAME_THRESHOLD`), or whose heading says the same with other words
 *    or numbering ("Politische Beziehung und jüngste Besuche" → "1. Politische Beziehung …",
 *    → "Politische Beziehungen") over text that still shares its phrases, is `renamed`, with the
 *    word diff of its text. One optimal assignment with a margin (assign-one-to-one.ts): an
 *    ambiguous pairing stays removed + added, since a wrong rename would hide a rewrite.
 * 3. **Moved blocks.** A block gone from its section that turns up in another (a heading inserted
 *    above unchanged text, a heading removed so its text joins the section before) is `moved`,
 *    with its word diff when it changed too, and is left out of both sections' diffs — not shown
 *    as removed from one and added to the other. The headings stay in `added` / `removed`.
 *
 * Left out of the comparison: the block that merely repeats the page's revision stamp
 * ("Updated: 5 July 2017", reported on its own, and it would otherwise "change" whichever
 * section it ends), and a table of contents inside the article (table-of-contents.ts), which
 * changes with every heading. Moving a whole section without changing it is not reported.
 */
export function alignSections(from: PageDocument, to: PageDocument, bounds?: WordDiffBounds): SectionChanges {
  const a = indexSections(from);
  const b = indexSections(to);
  const pairings = pairByHeading(a, b);
  const pairedA = new Set(pairings.map((p) => p.from).filter((x): x is IndexedSection => x !== null));
  const pairedB = new Set(pairings.map((p) => p.to).filter((x): x is IndexedSection => x !== null));
  const leftA = a.filter((s) => !pairedA.has(s));
  const leftB = b.filter((s) => !pairedB.has(s));
  const renames = pairByContent(leftA, leftB);
  for (const [i, j] of renames) pairings.push({ from: leftA[i]!, to: leftB[j]!, renamed: true });
  const renamedA = new Set(renames.map(([i]) => leftA[i]!));
  const renamedB = new Set(renames.map(([, j]) => leftB[j]!));
  const removed = leftA.filter((s) => !renamedA.has(s));
  const added = leftB.filter((s) => !renamedB.has(s));

  const { moved, movedOut, movedIn } = findMoves(pairings, removed, added, bounds);

  const changed: Array<{ at: number; entry: SectionChange }> = [];
  const renamed: Array<{ at: number; entry: SectionRename }> = [];
  for (const p of pairings) {
    const fromBlocks = p.from === null ? [] : p.from.blocks.filter((_, i) => !movedOut.has(blockId(p.from!, i)));
    const toBlocks = p.to === null ? [] : p.to.blocks.filter((_, i) => !movedIn.has(blockId(p.to!, i)));
    const same = sameBlocks(fromBlocks, toBlocks);
    const at = p.to?.position ?? Infinity;
    const hunks = same ? [] : buildHunks(fromBlocks, toBlocks, bounds);
    if (p.renamed) renamed.push({ at, entry: { from: p.from!.heading!, to: p.to!.heading!, hunks } });
    else if (!same) changed.push({ at, entry: { heading: (p.to ?? p.from!).heading, hunks } });
  }
  const inPageOrder = <T>(xs: Array<{ at: number; entry: T }>) => xs.sort((x, y) => x.at - y.at).map((x) => x.entry);
  return {
    added: added.map((s) => s.heading!),
    removed: removed.map((s) => s.heading!),
    ...(renamed.length > 0 ? { renamed: inPageOrder(renamed) } : {}),
    ...(moved.length > 0 ? { moved } : {}),
    changed: inPageOrder(changed),
  };
}

interface IndexedSection {
  section: Section;
  heading: string | null;
  /** Alignment key: normalised heading, with its occurrence when the heading repeats. */
  key: string;
  /** Place on its page, for reporting in page order. */
  position: number;
  /** Blocks compared: whitespace-collapsed, without the revision stamp and the table of contents, empty ones dropped. */
  blocks: string[];
}

/** Two sections taken as one: by heading, or (`renamed`) by content. `null`: the empty lead a page lacks. */
interface Pairing {
  from: IndexedSection | null;
  to: IndexedSection | null;
  renamed: boolean;
}

/** Sections in page order, with their alignment keys and compared blocks. */
function indexSections(doc: PageDocument): IndexedSection[] {
  const stamp = doc.updatedText === null ? null : collapseWhitespace(doc.updatedText);
  const toc = tableOfContentsBlocks(doc.sections.map((s) => ({ heading: s.heading, blocks: sectionBlocks(s).map(collapseWhitespace) })));
  const seen = new Map<string, number>();
  return doc.sections.map((section, position) => {
    const base = normalizeHeading(section.heading);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    const blocks = sectionBlocks(section)
      .map(collapseWhitespace)
      .filter((block, i) => block !== '' && block !== stamp && !toc.has(`${position}:${i}`));
    const key = occurrence === 0 ? base : `${base}\u0000${occurrence}`;
    return { section, heading: section.heading, key, position, blocks };
  });
}

/** Pairs by alignment key; a lead (or any untitled section) without a counterpart pairs with nothing. */
function pairByHeading(a: readonly IndexedSection[], b: readonly IndexedSection[]): Pairing[] {
  const byKey = new Map(a.map((s) => [s.key, s]));
  const keysB = new Set(b.map((s) => s.key));
  const pairings: Pairing[] = [];
  for (const target of b) {
    const source = byKey.get(target.key);
    if (source !== undefined) pairings.push({ from: source, to: target, renamed: false });
    else if (target.heading === null) pairings.push({ from: null, to: target, renamed: false });
  }
  for (const source of a) {
    if (source.heading === null && !keysB.has(source.key)) pairings.push({ from: source, to: null, renamed: false });
  }
  return pairings;
}

/** Word-pair similarity at which a section's text is the same text under a new heading. */
const RENAME_THRESHOLD = 0.5;
/** Similarity the text still needs when the headings say the same thing (`sameHeadingWords`). */
const RENAME_WITH_HEADING_THRESHOLD = 0.1;
/** What a heading that says the same adds to a pair's score, so that it wins over a look-alike. */
const HEADING_BONUS = 0.5;
const RENAME_MARGIN = 0.1;

/** Past this many left-over sections × sections no rename is guessed: the assignment is cubic, and a page redone from end to end reads best as removed + added. */
const MAX_RENAME_CELLS = 40_000;

/** Headed sections left after heading pairing, paired by content: `[index in a, index in b]`. */
function pairByContent(a: readonly IndexedSection[], b: readonly IndexedSection[]): Array<[number, number]> {
  if (a.length * b.length > MAX_RENAME_CELLS) return [];
  const textA = a.map((s) => shingles(s.blocks.join(' ')));
  const textB = b.map((s) => shingles(s.blocks.join(' ')));
  const score = (i: number, j: number): number => {
    const content = similarity(textA[i]!, textB[j]!);
    if (content >= RENAME_THRESHOLD) return content + (sameHeadingWords(a[i]!.heading!, b[j]!.heading!) ? HEADING_BONUS : 0);
    if (content >= RENAME_WITH_HEADING_THRESHOLD && sameHeadingWords(a[i]!.heading!, b[j]!.heading!)) return content + HEADING_BONUS;
    return 0;
  };
  return assignOneToOne(a.length, b.length, score, { threshold: RENAME_WITH_HEADING_THRESHOLD, margin: RENAME_MARGIN });
}

/**
 * Two headings that say the same: numbering aside, every word of the shorter one (two words at
 * least: "Visits" alone names too little) is a word of the longer one, compared by their first
 * six letters so that inflections agree ("Beziehung" / "Beziehungen", "relation" / "relations").
 */
function sameHeadingWords(x: string, y: string): boolean {
  const stems = (h: string) => new Set(headingWords(h).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '').map((w) => w.slice(0, 6)));
  const [short, long] = [stems(x), stems(y)].sort((p, q) => p.size - q.size) as [Set<string>, Set<string>];
  return short.size >= 2 && [...short].every((w) => long.has(w));
}

/** A block's identity within this diff: its section's page and place, and its index. */
const blockId = (s: IndexedSection, i: number) => `${s.position}:${i}`;

interface BlockRef {
  section: IndexedSection;
  index: number;
}

/**
 * Blocks that left one section for another. Each section pairing (and each removed or added
 * section, on its own) owns the blocks one side has and the other lacks; those are paired by
 * content across all owners at once (move-blocks.ts), and a pair of two owners is a move.
 * `movedOut` / `movedIn` are the ids (`blockId`) of the older and newer page's moved blocks.
 */
function findMoves(
  pairings: readonly Pairing[],
  removed: readonly IndexedSection[],
  added: readonly IndexedSection[],
  bounds: WordDiffBounds | undefined,
): { moved: BlockMove[]; movedOut: Set<string>; movedIn: Set<string> } {
  const lost: LooseBlock[] = [];
  const gained: LooseBlock[] = [];
  const lostAt: BlockRef[] = [];
  const gainedAt: BlockRef[] = [];
  const loose = (owner: number, side: IndexedSection | null, other: readonly string[], into: LooseBlock[], at: BlockRef[]) => {
    if (side === null) return;
    const left = new Map<string, number>();
    for (const text of other) left.set(text, (left.get(text) ?? 0) + 1);
    side.blocks.forEach((text, index) => {
      const n = left.get(text) ?? 0;
      if (n > 0) {
        left.set(text, n - 1);
        return;
      }
      into.push({ owner, text });
      at.push({ section: side, index });
    });
  };
  pairings.forEach((p, owner) => {
    loose(owner, p.from, p.to?.blocks ?? [], lost, lostAt);
    loose(owner, p.to, p.from?.blocks ?? [], gained, gainedAt);
  });
  removed.forEach((s, k) => loose(pairings.length + k, s, [], lost, lostAt));
  added.forEach((s, k) => loose(pairings.length + removed.length + k, s, [], gained, gainedAt));

  const moves = pairLooseBlocks(lost, gained)
    .filter(([i, j]) => lost[i]!.owner !== gained[j]!.owner)
    .map(([i, j]) => ({ out: lostAt[i]!, in: gainedAt[j]!, from: lost[i]!.text, to: gained[j]!.text }))
    .sort((x, y) => x.in.section.position - y.in.section.position || x.in.index - y.in.index);
  return {
    moved: moves.map((m) => ({
      text: m.to,
      from: m.out.section.heading,
      to: m.in.section.heading,
      hunks: m.from === m.to ? [] : buildHunks([m.from], [m.to], bounds),
    })),
    movedOut: new Set(moves.map((m) => blockId(m.out.section, m.out.index))),
    movedIn: new Set(moves.map((m) => blockId(m.in.section, m.in.index))),
  };
}

/** A section's blocks; falls back to splitting `text` for documents built without blocks. */
function sectionBlocks(section: Section): string[] {
  if (section.blocks.length > 0) return section.blocks;
  return section.text.split(/\n\s*\n/u);
}

function sameBlocks(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((block, i) => block === b[i]);
}
