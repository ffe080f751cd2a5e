/**
 * Turns a content region into sections: every h2–h5 opens a section, and the text between
 * block boundaries (paragraphs, list items, bare text runs) becomes that section's blocks.
 *
 * Walking the raw domhandler nodes rather than querying with selectors keeps page order exact
 * and makes nested lists, bare text and inline markup (`<a>`, `<strong>`) come out right
 * without special cases.
 */
import type { AnyNode, Element } from 'domhandler';
import type { Section } from '../model/index.ts';
import { normalizeWhitespace } from './normalize-text.ts';
import { NEVER_CONTENT } from './profiles/site-profile.ts';
import { visibleText } from './visible-text.ts';

const SKIPPED = new Set(NEVER_CONTENT);

/** Elements that end the text run before them and start a new one. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details',
  'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h6',
  'header', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

const SECTION_HEADING = /^h([2-5])$/;

/** The text of a node and its descendants, with never-content elements left out. */
function makeSection(heading: string | null, level: number): Section {
  return { heading, level, blocks: [], text: '' };
}

/**
 * Walks `roots` in order and returns their sections. Content before the first heading forms
 * a lead section (`heading: null`, level 0), kept only when it has blocks.
 */
export function collectSections(roots: readonly AnyNode[]): Section[] {
  const sections: Section[] = [makeSection(null, 0)];
  let current = sections[0]!;
  let run = '';
  const headers = new Map<AnyNode, { row: string | null; column: string | null }>();

  const flush = (): void => {
    const block = normalizeWhitespace(run);
    run = '';
    if (block !== '') current.blocks.push(block);
  };

  const walk = (node: AnyNode): void => {
    if (node.type === 'text') {
      run += node.data;
      return;
    }
    if (node.type === 'root') {
      node.children.forEach(walk);
      return;
    }
    // `script`/`style` nodes have their own node types; comments and directives carry no text.
    if (node.type !== 'tag') return;
    const name = node.name;
    if (SKIPPED.has(name)) return;
    if (name === 'br') {
      run += ' ';
      return;
    }
    const heading = SECTION_HEADING.exec(name);
    if (heading !== null) {
      flush();
      const text = normalizeWhitespace(visibleText(node));
      if (text !== '') {
        current = makeSection(text, Number(heading[1]));
        sections.push(current);
      }
      return;
    }
    if (name === 'table') readTableHeaders(node, headers);
    if (BLOCK_TAGS.has(name)) {
      flush();
      node.children.forEach(walk);
      const cell = headers.get(node);
      const text = cell === undefined ? '' : normalizeWhitespace(run);
      flush();
      if (cell !== undefined && text !== '' && (cell.row !== null || cell.column !== null)) (current.cells ??= []).push({ text, ...cell });
      return;
    }
    node.children.forEach(walk);
  };

  for (const root of roots) {
    walk(root);
    flush();
  }
  return sections.filter((s) => s.heading !== null || s.blocks.length > 0).map(withText);
}

/**
 * The row and column headers of each data cell of a table: the column's header is the cell at
 * its index in the first row when that row is all `th` (or stands in `thead`); the row's header
 * is the row's first cell when the cell is not that one. A cell with neither is left out.
 * Column spans are not followed (a spanning header names the first column it covers).
 */
function readTableHeaders(table: Element, out: Map<AnyNode, { row: string | null; column: string | null }>): void {
  const rows: Element[] = [];
  const collectRows = (node: Element): void => {
    for (const child of node.children) {
      if (child.type !== 'tag') continue;
      if (child.name === 'tr') rows.push(child);
      else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') collectRows(child);
    }
  };
  collectRows(table);
  const cellsOf = (row: Element): Element[] => row.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));
  const textOf = (cell: Element | undefined): string | null => {
    const text = cell === undefined ? '' : normalizeWhitespace(visibleText(cell));
    return text === '' ? null : text;
  };
  const first = rows[0];
  const headed = first !== undefined && (first.parent?.type === 'tag' && (first.parent as Element).name === 'thead' || cellsOf(first).every((c) => c.name === 'th'));
  // Each header's text is read once, so a wide or long table costs one pass over its text.
  const columnHeads = headed ? cellsOf(first).map(textOf) : [];
  for (const row of headed ? rows.slice(1) : rows) {
    const cells = cellsOf(row);
    const rowHead = cells.length > 1 ? textOf(cells[0]) : null;
    cells.forEach((cell, i) => out.set(cell, { row: i > 0 ? rowHead : null, column: columnHeads[i] ?? null }));
  }
}

/** Recomputes `text` from `blocks`: the one place the joining rule lives. */
export function withText(section: Section): Section {
  return { ...section, text: section.blocks.join('\n\n') };
}
