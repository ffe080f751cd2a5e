import { normalizeHeading } from './normalize-text.ts';

/**
 * Numbering a page or its table of contents puts before a heading ("1.", "2.3", "IV.", "a)"):
 * "1. Politische Beziehung" and "Politische Beziehung" are one heading to a reader.
 */
const NUMBERING = /^(?:\d+(?:\.\d+)*[.)]?|(?:[ivxlc]+|[a-z])[.)])\s+/u;

/** A heading's key without its numbering, for recognising a table of contents and renames. */
export function headingWords(heading: string): string {
  return normalizeHeading(heading).replace(NUMBERING, '');
}

/**
 * Indices of the blocks that form a table of contents inside the article: a run of at least
 * two consecutive blocks each repeating a different heading of the page that comes after it.
 * Such a list is chrome — it changes whenever a heading is added or renamed, and would otherwise
 * report every such revision as a change of the section it sits in as well. One line alone is
 * kept (a paragraph may well say just what a heading says).
 *
 * `sections` are the page's headings and blocks in page order.
 */
export function tableOfContentsBlocks(sections: ReadonlyArray<{ heading: string | null; blocks: readonly string[] }>): Set<string> {
  const out = new Set<string>();
  const headingAt = sections.map((s) => (s.heading === null ? null : headingWords(s.heading)));
  // A line longer than every heading (numbering and spacing aside) cannot repeat one: not normalised at all.
  const longest = Math.max(0, ...sections.map((s) => s.heading?.length ?? 0)) + 16;
  sections.forEach((section, si) => {
    const later = new Set(headingAt.slice(si + 1).filter((h): h is string => h !== null && h !== ''));
    let run: number[] = [];
    const seen = new Set<string>();
    const close = () => {
      if (run.length >= 2) for (const bi of run) out.add(`${si}:${bi}`);
      run = [];
      seen.clear();
    };
    section.blocks.forEach((block, bi) => {
      const words = block.length > longest ? '' : headingWords(block);
      if (later.has(words) && !seen.has(words)) {
        run.push(bi);
        seen.add(words);
      } else {
        close();
      }
    });
    close();
  });
  return out;
}
