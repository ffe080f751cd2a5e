/**
 * The change page's content: the figure table first (what moved, by how much), then the
 * revision stamp, sections added/removed (with their text)/renamed and text moved between them, and the word diff
 * of changed paragraphs (renamed sections and moved text included) — inline or side by side. Built from the stored `Change`, in the report's words (labels, value formats).
 */
import { html } from 'hono/html';
import { describeFigureDelta } from '../../describe/format-value.ts';
import { labelFigure } from '../../describe/label-figure.ts';
import { sectionName } from '../../describe/section-name.ts';
import { textExcerpt } from '../../describe/text-excerpt.ts';
import { formatValueWithPeriod } from '../../describe/value-with-period.ts';
import type { Change, Figure, Hunk, PageDocument } from '../../model/index.ts';
import { collapseWhitespace } from '../../text/collapse-whitespace.ts';
import { queryString, sourcePath } from './format.ts';
import { scrollBox, type Html } from './layout.ts';
import { renderSectionTexts } from './section-text.ts';

export type DiffView = 'inline' | 'split';

interface FigureLine {
  kind: 'changed' | 'added' | 'removed';
  key: string;
  /** The series the figure page follows: the newer figure's, which continues the older one's. */
  series: string;
  label: string;
  /** The sentence it stands in (the newer one for a change), opened on demand under the label. */
  sentence: string;
  section: string;
  before: string;
  after: string;
  delta: string;
  percent: string;
  direction: 'up' | 'down' | null;
}

/** Table rows: changed first (the news), then added, then removed. */
export function figureLines(change: Change): FigureLine[] {
  const lines: FigureLine[] = [];
  for (const { key, from, to } of change.figures.changed) {
    const words = describeFigureDelta(from, to);
    const direction = typeof from.value === 'number' && typeof to.value === 'number' && from.value !== to.value ? (to.value > from.value ? 'up' : 'down') : null;
    const showPeriod = from.period !== to.period;
    lines.push({
      kind: 'changed',
      key,
      series: to.series ?? from.series ?? key,
      label: labelFigure(to),
      sentence: collapseWhitespace(to.sentence),
      section: sectionName(to.section),
      before: formatValueWithPeriod(from, showPeriod),
      after: formatValueWithPeriod(to, showPeriod),
      delta: words?.absolute ?? '',
      percent: words?.relative ?? '',
      direction,
    });
  }
  for (const f of change.figures.added) lines.push(single('added', f));
  for (const f of change.figures.removed) lines.push(single('removed', f));
  return lines;
}

function single(kind: 'added' | 'removed', f: Figure): FigureLine {
  const value = formatValueWithPeriod(f);
  return { kind, key: f.key, series: f.series ?? f.key, label: labelFigure(f), sentence: collapseWhitespace(f.sentence), section: sectionName(f.section), before: kind === 'removed' ? value : '', after: kind === 'added' ? value : '', delta: '', percent: '', direction: null };
}

export function renderFigureTable(sourceId: string, change: Change): Html {
  const lines = figureLines(change);
  if (lines.length === 0) return html`<p class="muted">No figure changed.</p>`;
  return scrollBox(html`<table class="figures" id="figures"><thead><tr>
      <th></th><th>Figure</th><th>Section</th><th>Before</th><th>After</th><th class="num">Change</th><th class="num">%</th>
    </tr></thead><tbody>
    ${lines.map(
      (l) => html`<tr class="figure-${l.kind}" data-key="${l.key}">
        <td class="kind-${l.kind}">${l.kind}</td>
        <td><a href="${sourcePath(sourceId, `/figures${queryString({ key: l.series })}`)}">${l.label}</a><details class="sentence"><summary>sentence</summary><q>${l.sentence}</q></details></td>
        <td class="small">${l.section}</td>
        <td class="value">${l.before}</td>
        <td class="value">${l.after}</td>
        <td class="num${l.direction === null ? '' : ` delta-${l.direction}`}">${l.delta}</td>
        <td class="num${l.direction === null ? '' : ` delta-${l.direction}`}">${l.percent}</td>
      </tr>`,
    )}
    </tbody></table>`);
}

/** The versions on either side of a change, for the text of sections added (newer) and removed (older). */
export interface ChangeSides {
  sourceId: string;
  from: { seq: number; document: PageDocument | null } | null;
  to: { seq: number; document: PageDocument | null };
}

export function renderSectionLists(change: Change, sides: ChangeSides): Html {
  const list = (title: string, cls: string, items: string[]) =>
    items.length === 0 ? null : html`<h3>${title} (${items.length})</h3><ul class="${cls}">${items.map((i) => html`<li>${i}</li>`)}</ul>`;
  const { added, removed } = change.sections;
  const renamed = (change.sections.renamed ?? []).map((r) => `${r.from} → ${r.to}`);
  const moved = (change.sections.moved ?? []).map((m) => `${sectionName(m.from)} → ${sectionName(m.to)}: “${textExcerpt(m.text)}”`);
  if (added.length + removed.length + renamed.length + moved.length === 0) return html``;
  const texts = (kind: 'added' | 'removed', headings: string[], side: ChangeSides['to'] | null) =>
    renderSectionTexts({ kind, headings, sourceId: sides.sourceId, document: side?.document ?? null, seq: side?.seq ?? sides.to.seq });
  return html`${texts('added', added, sides.to)}${texts('removed', removed, sides.from)}${list('Sections renamed', 'renamed', renamed)}${list(
    'Text moved to another section',
    'moved',
    moved,
  )}`;
}

export function renderChangedSections(change: Change, view: DiffView, selfPath: string): Html {
  // Renamed sections and moved blocks that were also edited show their word diff here too.
  const sections = [
    ...(change.sections.renamed ?? []).filter((r) => r.hunks.length > 0).map((r) => ({ title: `${r.from} → ${r.to}`, hunks: r.hunks })),
    ...(change.sections.moved ?? []).filter((m) => m.hunks.length > 0).map((m) => ({ title: `Moved: ${sectionName(m.from)} → ${sectionName(m.to)}`, hunks: m.hunks })),
    ...change.sections.changed.map((c) => ({ title: sectionName(c.heading), hunks: c.hunks })),
  ];
  if (sections.length === 0) return html`<p class="muted">No paragraph of an existing section changed.</p>`;
  const toggle = html`<span class="toggle" aria-label="diff layout">
      <a href="${selfPath}${queryString({ view: 'inline' })}#text" aria-current="${view === 'inline' ? 'true' : 'false'}">inline</a>
      <a href="${selfPath}${queryString({ view: 'split' })}#text" aria-current="${view === 'split' ? 'true' : 'false'}">side by side</a>
    </span>`;
  return html`<p class="small muted">Word-level differences, with a few words of context. ${toggle}</p>
    ${sections.map(
      (s) => html`<h3>${s.title}</h3>
        ${view === 'split' ? html`<div class="split"><div class="split-head">Before</div><div class="split-head">After</div>${s.hunks.map(splitHunk)}</div>` : s.hunks.map(inlineHunk)}`,
    )}`;
}

function inlineHunk(h: Hunk): Html {
  return html`<p class="hunk">${context(h.before, 'before')}${h.removed === '' ? null : html`<del>${h.removed}</del>`}${h.added === '' ? null : html`<ins>${h.added}</ins>`}${context(h.after, 'after')}</p>`;
}

function splitHunk(h: Hunk): Html {
  return html`<p class="hunk">${context(h.before, 'before')}${h.removed === '' ? null : html`<del>${h.removed}</del>`}${context(h.after, 'after')}</p>
    <p class="hunk">${context(h.before, 'before')}${h.added === '' ? null : html`<ins>${h.added}</ins>`}${context(h.after, 'after')}</p>`;
}

function context(text: string, side: 'before' | 'after'): string {
  if (text === '') return '';
  return side === 'before' ? `… ${text} ` : ` ${text} …`;
}
