/**
 * `ignoreText` applied to the sections a content region gave: each block, heading and table cell
 * loses the matches, a block left empty is dropped, and so is a section left with neither heading
 * nor blocks. Done before the language is read and the stamp is taken, so an ignored text moves
 * neither, nor any figure, nor the content hash.
 */
import type { Section } from '../../model/index.ts';
import { withText } from '../collect-sections.ts';

export function ignoreInSections(sections: readonly Section[], remove: (text: string) => string): Section[] {
  const out: Section[] = [];
  for (const section of sections) {
    const heading = section.heading === null ? null : remove(section.heading) || null;
    const blocks = section.blocks.map(remove).filter((b) => b !== '');
    if (heading === null && blocks.length === 0) continue;
    const cells = section.cells?.flatMap((cell) => {
      const text = remove(cell.text);
      return text === '' ? [] : [{ text, row: cell.row === null ? null : remove(cell.row) || null, column: cell.column === null ? null : remove(cell.column) || null }];
    });
    const { cells: _cells, ...rest } = section;
    out.push(withText({ ...rest, heading, blocks, ...(cells?.length ? { cells } : {}) }));
  }
  return out;
}
