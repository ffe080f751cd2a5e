import type { PageDocument, Section, SectionChange, SectionChanges } from '../model/index.ts';
import type { WordDiffBounds } from './bounded-word-diff.ts';
import { buildHunks } from './build-hunks.ts';
import { collapseWhitespace } from '../text/collapse-whitespace.ts';
import { normalizeHeading } from './normalize-text.ts';

/**
 * Sections added, removed and changed between two documents, aligned by normalised heading.
 *
 * - Headings are compared case- and whitespace-insensitively ("Political relations" and
 *   "Political Relations" are one section). A heading that occurs twice on a page is paired by
 *   occurrence (first with first …).
 * - The untitled lead section (heading `null`) is always aligned with the other lead section;
 *   when one side has none it counts as empty text, so lead text appearing or vanishing is a
 *   `changed` entry (the `added`/`removed` lists hold headings, and a lead has none).
 * - The block that merely repeats the page's revision stamp ("Updated: 5 July 2017") is left
 *   out of the comparison: the stamp is reported on its own, and otherwise every revision
 *   would also "change" whichever section the stamp happens to end.
 * - A renamed section is reported as one removed and one added section, deliberately: guessing
 *   a rename from similar text could hide a real rewrite, and a reader sees both headings.
 *   Moving a section without changing it is not reported.
 */
export function alignSections(
  from: PageDocument,
  to: PageDocument,
  bounds?: WordDiffBounds,
): SectionChanges {
  const fromSections = indexSections(from);
  const toSections = indexSections(to);
  const added: string[] = [];
  const removed: string[] = [];
  const changed: SectionChange[] = [];

  for (const [key, target] of toSections) {
    const source = fromSections.get(key);
    if (source === undefined && target.section.heading !== null) {
      added.push(target.section.heading);
      continue;
    }
    const fromBlocks = source?.blocks ?? [];
    if (!sameBlocks(fromBlocks, target.blocks)) {
      changed.push({ heading: target.section.heading, hunks: buildHunks(fromBlocks, target.blocks, bounds) });
    }
  }
  for (const [key, source] of fromSections) {
    if (toSections.has(key)) continue;
    if (source.section.heading !== null) {
      removed.push(source.section.heading);
    } else if (source.blocks.length > 0) {
      changed.push({ heading: null, hunks: buildHunks(source.blocks, [], bounds) });
    }
  }
  return { added, removed, changed };
}

interface IndexedSection {
  section: Section;
  /** Blocks compared: whitespace-collapsed, without the revision-stamp block, empty ones dropped. */
  blocks: string[];
}

/** Sections by alignment key, in page order (Map keeps insertion order). */
function indexSections(doc: PageDocument): Map<string, IndexedSection> {
  const stamp = doc.updatedText === null ? null : collapseWhitespace(doc.updatedText);
  const seen = new Map<string, number>();
  const out = new Map<string, IndexedSection>();
  for (const section of doc.sections) {
    const base = normalizeHeading(section.heading);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    const blocks = sectionBlocks(section)
      .map(collapseWhitespace)
      .filter((block) => block !== '' && block !== stamp);
    const key = occurrence === 0 ? base : `${base}\u0000${occurrence}`;
    out.set(key, { section, blocks });
  }
  return out;
}

/** A section's blocks; falls back to splitting `text` for documents built without blocks. */
function sectionBlocks(section: Section): string[] {
  if (section.blocks.length > 0) return section.blocks;
  return section.text.split(/\n\s*\n/u);
}

function sameBlocks(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((block, i) => block === b[i]);
}
