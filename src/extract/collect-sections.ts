/**
 * Turns a content region into sections: every h2–h5 opens a section, and the text between
 * block boundaries (paragraphs, list items, bare text runs) becomes that section's blocks.
 *
 * Walking the raw domhandler nodes rather than querying with selectors keeps page order exact
 * and makes nested lists, bare text and inline markup (`<a>`, `<strong>`) come out right
 * without special cases.
 */
import type { AnyNode } from 'domhandler';
import type { Section } from '../model/index.ts';
import { normalizeWhitespace } from './normalize-text.ts';
import { NEVER_CONTENT } from './profiles/site-profile.ts';

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
function collectText(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  if ((node.type === 'tag' || node.type === 'root') && !(node.type === 'tag' && SKIPPED.has(node.name))) {
    return node.children.map(collectText).join('');
  }
  return '';
}

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
      const text = normalizeWhitespace(collectText(node));
      if (text !== '') {
        current = makeSection(text, Number(heading[1]));
        sections.push(current);
      }
      return;
    }
    if (BLOCK_TAGS.has(name)) {
      flush();
      node.children.forEach(walk);
      flush();
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

/** Recomputes `text` from `blocks`: the one place the joining rule lives. */
export function withText(section: Section): Section {
  return { ...section, text: section.blocks.join('\n\n') };
}
