/**
 * Sections added or removed by a change, shown with their text — a heading alone ("Relations
 * with the European Union") does not say what the page now tells its readers. The text comes
 * from the version that has the section (the newer for an added one, the older for a removed
 * one). A few lines show at once, the rest behind a `<details>` "show more" (no script), and
 * the whole is bounded: a generated page's section can be megabytes, the version page has it all.
 */
import { html } from 'hono/html';
import type { PageDocument, Section } from '../../model/index.ts';
import { collapseWhitespace } from '../../text/collapse-whitespace.ts';
import { pluralize, sourcePath } from './format.ts';
import type { Html } from './layout.ts';

/** Characters of a section shown before "show more". */
const PREVIEW_CHARS = 420;
/** Characters of a section shown at most, "show more" included. */
const MAX_CHARS = 20_000;

export interface SectionTextOptions {
  kind: 'added' | 'removed';
  headings: readonly string[];
  /** The document that has these sections; null when it could not be read (the headings alone then). */
  document: PageDocument | null;
  sourceId: string;
  /** That document's version, for the link to the whole text. */
  seq: number;
}

export function renderSectionTexts(opts: SectionTextOptions): Html | null {
  if (opts.headings.length === 0) return null;
  const sections = findSections(opts.document?.sections ?? [], opts.headings);
  const title = opts.kind === 'added' ? 'Sections added' : 'Sections removed';
  return html`<h3>${title} (${opts.headings.length})</h3>
    <ul class="${opts.kind} section-texts">${opts.headings.map((heading, i) => {
      const section = sections[i];
      return html`<li data-section="${heading}"><strong class="section-heading">${heading}</strong>${section === undefined ? null : sectionBody(section, opts)}</li>`;
    })}</ul>`;
}

function sectionBody(section: Section, opts: SectionTextOptions): Html | null {
  const blocks = bounded(section.blocks.map(collapseWhitespace).filter((b) => b !== ''), MAX_CHARS);
  if (blocks.shown.length === 0) return null;
  const { preview, rest } = split(blocks.shown, PREVIEW_CHARS);
  const more = rest.length === 0 ? null : html`<details class="more"><summary>Show more (${pluralize(rest.length, 'paragraph')})</summary>${rest.map((b) => html`<p>${b}</p>`)}</details>`;
  const cut = blocks.cut ? html`<p class="small muted">The section goes on: <a href="${sourcePath(opts.sourceId, `/versions/${opts.seq}`)}">v${opts.seq}</a> has the whole text.</p>` : null;
  return html`<div class="section-body ${opts.kind}">${preview.map((b) => html`<p>${b}</p>`)}${more}${cut}</div>`;
}

/** Each heading's section, in order; a heading that appears twice takes the next one each time. */
function findSections(sections: readonly Section[], headings: readonly string[]): Array<Section | undefined> {
  const used = new Set<number>();
  const norm = (h: string | null) => (h === null ? null : collapseWhitespace(h));
  return headings.map((heading) => {
    const at = sections.findIndex((s, i) => !used.has(i) && norm(s.heading) === norm(heading));
    if (at === -1) return undefined;
    used.add(at);
    return sections[at];
  });
}

/** The blocks that fit in `max` characters, the last one cut at a word when it does not. */
function bounded(blocks: readonly string[], max: number): { shown: string[]; cut: boolean } {
  const shown: string[] = [];
  let left = max;
  for (const block of blocks) {
    if (block.length <= left) {
      shown.push(block);
      left -= block.length;
      continue;
    }
    if (left > 0) shown.push(cutAtWord(block, left));
    return { shown, cut: true };
  }
  return { shown, cut: false };
}

/** What shows at once: whole blocks up to `preview` characters, or the first block cut short (its whole text then opens under "show more"). */
function split(blocks: string[], preview: number): { preview: string[]; rest: string[] } {
  const first = blocks[0]!;
  if (first.length > preview * 1.5) return { preview: [cutAtWord(first, preview)], rest: blocks };
  let length = 0;
  let n = 0;
  while (n < blocks.length && (n === 0 || length + blocks[n]!.length <= preview)) length += blocks[n++]!.length;
  return { preview: blocks.slice(0, n), rest: blocks.slice(n) };
}

function cutAtWord(text: string, max: number): string {
  const head = text.slice(0, max);
  const space = head.lastIndexOf(' ');
  return `${space > max / 2 ? head.slice(0, space) : head} …`;
}
