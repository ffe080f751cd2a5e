import type { Change, Hunk } from '../model/index.ts';
import { valueWithPeriod } from '../describe/value-with-period.ts';
import { buildReportModel, groupBySection, type FigureChangeRow, type FigureRow } from './build-report-model.ts';
import type { ReportMeta } from './report-meta.ts';

const ANSI = { red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', bold: '\u001b[1m', dim: '\u001b[2m', reset: '\u001b[0m' };
type Style = keyof Omit<typeof ANSI, 'reset'>;

/**
 * A change report for the terminal. Word edits keep their `[-removed-]{+added+}` markers even
 * in colour, so the report still reads when pasted somewhere without colour. With `sentences`,
 * each figure line is followed by the sentence it stands in (the label names the figure; the
 * sentence is what a reader quotes or checks it against).
 */
export function renderText(change: Change | null, meta: ReportMeta, opts: { color?: boolean; sentences?: boolean } = {}): string {
  const paint = (style: Style, text: string): string => (opts.color === true ? `${ANSI[style]}${text}${ANSI.reset}` : text);
  const model = buildReportModel(change, meta);
  const lines: string[] = [paint('bold', model.heading), ''];
  const width = Math.max(...model.header.map((h) => h.label.length)) + 1;
  for (const { label, value } of model.header) lines.push(`${`${label}:`.padEnd(width)} ${value}`);
  lines.push('');

  if (model.firstCaptureLine !== null) lines.push(model.firstCaptureLine);
  else lines.push(`Summary: ${model.summary}`);
  if (model.stamp !== null) lines.push(`Revision stamp: ${model.stamp}`);
  if (model.moved !== null) lines.push(`Page moved: ${model.moved.from} → ${model.moved.to}`);
  if (model.title !== null) lines.push(`Title changed: ${model.title.from} → ${model.title.to}`);

  if (model.sectionsAdded.length > 0) {
    lines.push('', paint('bold', `Sections added (${model.sectionsAdded.length})`));
    for (const heading of model.sectionsAdded) lines.push(`  ${paint('green', `+ ${heading}`)}`);
  }
  if (model.sectionsRemoved.length > 0) {
    lines.push('', paint('bold', `Sections removed (${model.sectionsRemoved.length})`));
    for (const heading of model.sectionsRemoved) lines.push(`  ${paint('red', `- ${heading}`)}`);
  }
  if (model.sectionsRenamed.length > 0) {
    lines.push('', paint('bold', `Sections renamed (${model.sectionsRenamed.length})`));
    for (const r of model.sectionsRenamed) {
      lines.push(`  ${paint('yellow', `~ ${r.from} → ${r.to}`)}`);
      for (const hunk of r.hunks) lines.push(`      ${formatHunk(hunk, paint)}`);
    }
  }
  if (model.textMoved.length > 0) {
    lines.push('', paint('bold', `Text moved to another section (${model.textMoved.length})`));
    for (const m of model.textMoved) {
      lines.push(`  > ${m.from} → ${m.to}: "${m.excerpt}"`);
      for (const hunk of m.hunks) lines.push(`      ${formatHunk(hunk, paint)}`);
    }
  }
  if (model.sectionsChanged.length > 0) {
    lines.push('', paint('bold', `Sections changed (${model.sectionsChanged.length})`));
    for (const section of model.sectionsChanged) {
      lines.push(`  ${paint('yellow', `~ ${section.heading}`)}`);
      for (const hunk of section.hunks) lines.push(`      ${formatHunk(hunk, paint)}`);
    }
  }
  const quoted = (row: { sentence: string }, line: string): string => (opts.sentences === true ? `${line}\n      ${paint('dim', `“${row.sentence}”`)}` : line);
  pushFigures(lines, 'Figures added', model.figuresAdded, (row) => quoted(row, paint('green', `+ ${figureLine(row)}`)), paint);
  pushFigures(lines, 'Figures removed', model.figuresRemoved, (row) => quoted(row, paint('red', `- ${figureLine(row)}`)), paint);
  pushFigures(lines, 'Figures changed', model.figuresChanged, (row) => quoted(row, `~ ${changeLine(row, paint)}`), paint);
  if (model.notifications.length > 0) {
    lines.push('', paint('bold', 'Notifications'));
    for (const line of model.notifications) lines.push(`  ${line}`);
  }
  return `${lines.join('\n')}\n`;
}

/** "… context [-old words-]{+new words+} context …" */
export function formatHunk(hunk: Hunk, paint: (style: Style, text: string) => string = (_s, t) => t): string {
  const parts: string[] = [];
  if (hunk.before !== '') parts.push(`… ${hunk.before}`);
  let edit = '';
  if (hunk.removed !== '') edit += paint('red', `[-${hunk.removed}-]`);
  if (hunk.added !== '') edit += paint('green', `{+${hunk.added}+}`);
  parts.push(edit);
  if (hunk.after !== '') parts.push(`${hunk.after} …`);
  return parts.join(' ');
}

function pushFigures<T extends { section: string }>(
  lines: string[],
  title: string,
  rows: readonly T[],
  line: (row: T) => string,
  paint: (style: Style, text: string) => string,
): void {
  if (rows.length === 0) return;
  lines.push('', paint('bold', `${title} (${rows.length})`));
  for (const [section, group] of groupBySection(rows)) {
    lines.push(`  ${section}`);
    for (const row of group) lines.push(`    ${line(row)}`);
  }
}

function figureLine(row: FigureRow): string {
  return `${row.label}: ${valueWithPeriod(row.value, row.period)}`;
}

function changeLine(row: FigureChangeRow, paint: (style: Style, text: string) => string): string {
  const delta = row.delta === null ? '' : ` (${row.delta})`;
  return `${row.label}: ${paint('red', row.from)} → ${paint('green', row.to)}${delta}`;
}
