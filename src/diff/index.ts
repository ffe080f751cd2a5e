export { diffDocuments } from './diff-documents.ts';
export { isEmptyChange } from './is-empty-change.ts';
export { alignSections } from './align-sections.ts';
export { alignFigures, sameMeaning } from './align-figures.ts';
export { buildHunks, CONTEXT_WORDS, MERGE_GAP_WORDS } from './build-hunks.ts';
export { DEFAULT_WORD_DIFF_BOUNDS, PARAGRAPH_BREAK, type WordDiffBounds } from './bounded-word-diff.ts';
