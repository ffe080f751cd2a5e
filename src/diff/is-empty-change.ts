import type { Change } from '../model/index.ts';

/**
 * Whether a change has nothing to report at all. A URL-only change (the page moved, same
 * content) is NOT empty: readers and the history need to know where the page lives now. A
 * revision stamp that moved with no other change is not empty either — the site says it
 * revised the page. A section renamed over the same text, or a block moved as it was, is a
 * change too: the page reads differently.
 */
export function isEmptyChange(change: Change): boolean {
  return (
    change.updated.from === change.updated.to &&
    change.url === null &&
    change.title === null &&
    change.sections.added.length === 0 &&
    change.sections.removed.length === 0 &&
    change.sections.changed.length === 0 &&
    (change.sections.renamed ?? []).length === 0 &&
    (change.sections.moved ?? []).length === 0 &&
    change.figures.added.length === 0 &&
    change.figures.removed.length === 0 &&
    change.figures.changed.length === 0
  );
}
