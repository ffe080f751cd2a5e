import type { Change, Hunk } from '../model/index.ts';
import { valueWithPeriod } from '../describe/value-with-period.ts';
import { buildReportModel, type ReportModel } from './build-report-model.ts';
import { escapeHtml as h, isWebUrl } from './escape.ts';
import type { ReportMeta } from './report-meta.ts';

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fff;margin:0}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.5rem;margin:0 0 1rem}h2{font-size:1.2rem;margin:1.75rem 0 .5rem;border-bottom:1px solid #ddd}
h3{font-size:1rem;margin:1rem 0 .25rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dl.meta dt{font-weight:600}dl.meta dd{margin:0;overflow-wrap:anywhere}
.summary{background:#f4f6fa;padding:.5rem .75rem;border-left:4px solid #3558a8}
ul.added li::marker{content:"+ ";color:#1a7f37}ul.removed li::marker{content:"− ";color:#b42318}
p.hunk{margin:.25rem 0 .5rem;padding:.25rem .5rem;background:#fafafa;border-left:3px solid #ccc}
del{background:#fde7e9;color:#8a1c1c}ins{background:#dcf5e3;color:#105c28;text-decoration:none}
table{border-collapse:collapse;width:100%;font-size:.95em}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}tr.added td:first-child{color:#1a7f37}tr.removed td:first-child{color:#b42318}tr.changed td:first-child{color:#8a5a00}
`.trim();

/**
 * A change report as one self-contained HTML file: inline CSS, no scripts, no external
 * resources, and a Content-Security-Policy that forbids both — belt and braces on top of
 * escaping every string that comes from the page (headings, text, figures, URLs, title).
 */
export function renderHtml(change: Change | null, meta: ReportMeta): string {
  const model = buildReportModel(change, meta);
  const body: string[] = [`<h1>${h(model.heading)}</h1>`, renderHeader(model)];
  body.push(`<p class="summary">${h(model.firstCaptureLine ?? `Summary: ${model.summary}`)}</p>`);
  const facts: string[] = [];
  if (model.stamp !== null) facts.push(`<li><strong>Revision stamp:</strong> ${h(model.stamp)}</li>`);
  if (model.moved !== null) {
    facts.push(`<li><strong>Page moved:</strong> ${link(model.moved.from)} → ${link(model.moved.to)}</li>`);
  }
  if (model.title !== null) facts.push(`<li><strong>Title changed:</strong> ${h(model.title.from)} → ${h(model.title.to)}</li>`);
  if (facts.length > 0) body.push(`<ul class="facts">${facts.join('')}</ul>`);
  body.push(...renderList('Sections added', 'added', model.sectionsAdded));
  body.push(...renderList('Sections removed', 'removed', model.sectionsRemoved));
  if (model.sectionsRenamed.length > 0) {
    body.push(`<h2>Sections renamed (${model.sectionsRenamed.length})</h2>`);
    for (const r of model.sectionsRenamed) body.push(`<h3>${h(r.from)} → ${h(r.to)}</h3>`, ...r.hunks.map(renderHunk));
  }
  if (model.textMoved.length > 0) {
    body.push(`<h2>Text moved to another section (${model.textMoved.length})</h2>`);
    for (const m of model.textMoved) {
      body.push(`<p class="moved">${h(m.from)} → ${h(m.to)}: “${h(m.excerpt)}”</p>`, ...m.hunks.map(renderHunk));
    }
  }
  if (model.sectionsChanged.length > 0) {
    body.push(`<h2>Sections changed (${model.sectionsChanged.length})</h2>`);
    for (const section of model.sectionsChanged) {
      body.push(`<h3>${h(section.heading)}</h3>`, ...section.hunks.map(renderHunk));
    }
  }
  body.push(...renderFigures(model));
  if (model.notifications.length > 0) {
    body.push('<h2>Notifications</h2>', `<ul class="notifications">${model.notifications.map((l) => `<li>${h(l)}</li>`).join('')}</ul>`);
  }
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${h(model.heading)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function renderHeader(model: ReportModel): string {
  const rows = model.header.map(({ label, value, url }) => `<dt>${h(label)}</dt><dd>${url === true ? link(value) : h(value)}</dd>`);
  return `<dl class="meta">${rows.join('')}</dl>`;
}

/** A link only for http(s) URLs; every other scheme is shown as text. */
function link(url: string): string {
  return isWebUrl(url) ? `<a href="${h(url)}" rel="noreferrer noopener">${h(url)}</a>` : h(url);
}

function renderList(title: string, cls: string, items: readonly string[]): string[] {
  if (items.length === 0) return [];
  return [`<h2>${h(title)} (${items.length})</h2>`, `<ul class="${cls}">${items.map((i) => `<li>${h(i)}</li>`).join('')}</ul>`];
}

function renderHunk(hunk: Hunk): string {
  const parts: string[] = [];
  if (hunk.before !== '') parts.push(`… ${h(hunk.before)}`);
  let edit = '';
  if (hunk.removed !== '') edit += `<del>${h(hunk.removed)}</del>`;
  if (hunk.added !== '') edit += `<ins>${h(hunk.added)}</ins>`;
  parts.push(edit);
  if (hunk.after !== '') parts.push(`${h(hunk.after)} …`);
  return `<p class="hunk">${parts.join(' ')}</p>`;
}

function renderFigures(model: ReportModel): string[] {
  const rows: string[] = [];
  // The label names the figure; its sentence opens on demand (a disclosure, no script).
  const tr = (kind: string, r: { section: string; label: string; sentence: string }, values: string[]): string =>
    `<tr class="${kind}"><td>${kind}</td><td>${h(r.section)}</td>` +
    `<td><details><summary>${h(r.label)}</summary><q>${h(r.sentence)}</q></details></td>` +
    `${values.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`;
  for (const r of model.figuresChanged) rows.push(tr('changed', r, [r.from, r.to, r.delta ?? '']));
  for (const r of model.figuresAdded) rows.push(tr('added', r, ['', valueWithPeriod(r.value, r.period), '']));
  for (const r of model.figuresRemoved) rows.push(tr('removed', r, [valueWithPeriod(r.value, r.period), '', '']));
  if (rows.length === 0) return [];
  return [
    `<h2>Figures (${rows.length})</h2>`,
    '<table class="figures">',
    '<thead><tr><th></th><th>Section</th><th>Figure</th><th>Before</th><th>After</th><th>Change</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
  ];
}
