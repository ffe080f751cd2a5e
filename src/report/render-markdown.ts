import type { Change, Hunk } from '../model/index.ts';
import { valueWithPeriod } from '../describe/value-with-period.ts';
import { buildReportModel, type ReportModel } from './build-report-model.ts';
import { codeFence, escapeMarkdown as md } from './escape.ts';
import type { ReportMeta } from './report-meta.ts';
import { formatHunk } from './render-text.ts';

/**
 * A change report in Markdown (for issues, chat, files). Page text is escaped everywhere it is
 * inline; word hunks go in a fenced block in the same `[-…-]{+…+}` notation as the terminal,
 * with a fence longer than any backtick run in the text so nothing can break out of it.
 */
export function renderMarkdown(change: Change | null, meta: ReportMeta): string {
  const model = buildReportModel(change, meta);
  const out: string[] = [`# ${md(model.heading)}`, '', '| | |', '|---|---|'];
  for (const { label, value } of model.header) out.push(`| ${label} | ${md(value)} |`);
  out.push('');
  if (model.firstCaptureLine !== null) out.push(md(model.firstCaptureLine), '');
  else out.push(`**Summary:** ${md(model.summary)}`, '');
  if (model.stamp !== null) out.push(`- **Revision stamp:** ${md(model.stamp)}`);
  if (model.moved !== null) out.push(`- **Page moved:** ${md(model.moved.from)} → ${md(model.moved.to)}`);
  if (model.title !== null) out.push(`- **Title changed:** ${md(model.title.from)} → ${md(model.title.to)}`);

  pushList(out, 'Sections added', model.sectionsAdded);
  pushList(out, 'Sections removed', model.sectionsRemoved);
  if (model.sectionsRenamed.length > 0) {
    out.push('', `## Sections renamed (${model.sectionsRenamed.length})`);
    for (const r of model.sectionsRenamed) {
      out.push('', `### ${md(r.from)} → ${md(r.to)}`);
      if (r.hunks.length > 0) out.push('', ...hunkBlock(r.hunks));
    }
  }
  if (model.textMoved.length > 0) {
    out.push('', `## Text moved to another section (${model.textMoved.length})`, '');
    for (const m of model.textMoved) {
      out.push(`- ${md(m.from)} → ${md(m.to)}: “${md(m.excerpt)}”`);
      // At the margin, not indented under the item: a fence inside a list item ends at the first
      // line of the body that is not indented, and page text would then read as Markdown.
      if (m.hunks.length > 0) out.push('', ...hunkBlock(m.hunks), '');
    }
  }
  if (model.sectionsChanged.length > 0) {
    out.push('', `## Sections changed (${model.sectionsChanged.length})`);
    for (const section of model.sectionsChanged) {
      out.push('', `### ${md(section.heading)}`, '', ...hunkBlock(section.hunks));
    }
  }
  pushFigureTable(out, model);
  if (model.notifications.length > 0) {
    out.push('', '## Notifications', '');
    for (const line of model.notifications) out.push(`- ${md(line)}`);
  }
  return `${out.join('\n')}\n`;
}

function pushList(out: string[], title: string, items: readonly string[]): void {
  if (items.length === 0) return;
  out.push('', `## ${title} (${items.length})`, '');
  for (const item of items) out.push(`- ${md(item)}`);
}

function hunkBlock(hunks: readonly Hunk[]): string[] {
  const body = hunks.map((h) => formatHunk(h)).join('\n');
  const fence = codeFence(body);
  return [`${fence}text`, body, fence];
}

/** One table: added, removed and changed figures, each with its section. */
function pushFigureTable(out: string[], model: ReportModel): void {
  const rows: string[] = [];
  for (const r of model.figuresChanged) {
    rows.push(row('changed', r.section, r.label, r.from, r.to, r.delta ?? ''));
  }
  for (const r of model.figuresAdded) {
    rows.push(row('added', r.section, r.label, '', valueWithPeriod(r.value, r.period), ''));
  }
  for (const r of model.figuresRemoved) {
    rows.push(row('removed', r.section, r.label, valueWithPeriod(r.value, r.period), '', ''));
  }
  if (rows.length === 0) return;
  out.push('', `## Figures (${rows.length})`, '', '| | Section | Figure | Before | After | Change |', '|---|---|---|---|---|---|', ...rows);
}

function row(kind: string, ...cells: string[]): string {
  return `| ${kind} |${cells.map((c) => (c === '' ? ' |' : ` ${md(c)} |`)).join('')}`;
}
