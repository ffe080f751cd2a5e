/**
 * Finds the revision stamp among a page's sections, takes every stamp line out of them, and
 * chooses the one the document declares.
 *
 * A stamp line is never content: left in, its date becomes a figure of the page, and a stamp
 * that a site prints as a heading ("<h5>Stand: September 2016</h5>") opens a pseudo-section
 * that swallows the rest of the page. So every stamp line is removed — a labelled one wherever
 * it stands, a bare date line only right under the title — and a stamp heading is dissolved:
 * its blocks go back to the section before it.
 */
import type { Section } from '../model/index.ts';
import { withText } from './collect-sections.ts';
import { parseStamp, type StampLine, type StampReadingContext } from './parse-stamp.ts';

/** The stamp a document declares: the line as printed and its date. */
export interface TakenStamp {
  text: string;
  updated: string | null;
}

interface Candidate extends StampLine {
  text: string;
}

/**
 * How many blocks may come before a bare date line for it to count as "right under the title"
 * (a standfirst or a kicker may sit between the title and the date).
 */
const BARE_DATE_WINDOW = 2;

/**
 * Chooses the page's stamp among its stamp lines, in this order:
 * 1. a labelled stamp with a date ("Last updated 22 July 2024") over a bare date line ("July
 *    22, 2024" under the title): the label says what the date is, while a date under a title
 *    is often the first publication;
 * 2. among labelled stamps with a date, the **latest date** — a page that prints "Updated" near
 *    its title and at its end declares its last revision, and whichever line is newer is the
 *    one that was kept up to date (the other is a leftover of a template); on a tie, the later
 *    line on the page (the stamp that closes the page, as France Diplomatie prints it);
 * 3. then the first bare date line right under the title;
 * 4. then a labelled stamp whose date is missing ("Dernière mise à jour le"): the page has a
 *    stamp line, its date is unknown (`updated` null).
 */
function choose(candidates: readonly Candidate[]): Candidate | null {
  const dated = candidates.filter((c) => c.labelled && c.updated !== null);
  if (dated.length > 0) {
    return dated.reduce((best, c) => (c.updated! >= best.updated! ? c : best));
  }
  return candidates.find((c) => !c.labelled) ?? candidates.findLast((c) => c.labelled) ?? null;
}

/**
 * Takes the stamp lines out of `sections` and returns the sections without them and the stamp
 * the page declares (see {@link choose}), or null when it has none.
 */
export function takeStamp(sections: readonly Section[], ctx: StampReadingContext): { sections: Section[]; stamp: TakenStamp | null } {
  const candidates: Candidate[] = [];
  const kept: Section[] = [];
  let blocksSeen = 0;
  const near = (): boolean => blocksSeen < BARE_DATE_WINDOW;

  for (const section of sections) {
    let target: Section;
    const headingStamp = section.heading === null ? undefined : parseStamp(section.heading, ctx, { bare: near() });
    if (headingStamp !== undefined) {
      candidates.push({ ...headingStamp, text: section.heading! });
      // The heading is dissolved: its blocks belong to the section before it.
      const previous = kept.pop();
      target = previous ?? { heading: null, level: 0, blocks: [], text: '' };
      target = { ...target, blocks: [...target.blocks] };
      // Its table cells' headers go with its blocks.
      if (section.cells !== undefined) target.cells = [...(target.cells ?? []), ...section.cells];
    } else {
      target = { ...section, blocks: [] };
    }
    for (const block of section.blocks) {
      const stamp = parseStamp(block, ctx, { bare: near() });
      if (stamp !== undefined) {
        candidates.push({ ...stamp, text: block });
        continue;
      }
      target.blocks.push(block);
      blocksSeen++;
    }
    kept.push(target);
  }
  const chosen = choose(candidates);
  return {
    sections: kept.filter((s) => s.heading !== null || s.blocks.length > 0).map(withText),
    stamp: chosen === null ? null : { text: chosen.text, updated: chosen.updated },
  };
}

/** A stamp a profile found outside the body: with its label, or the date alone. */
export function readHeaderStamp(text: string, ctx: StampReadingContext): string | null {
  return parseStamp(text, ctx, { bare: true })?.updated ?? null;
}
