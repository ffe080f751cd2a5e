export type { ReportMeta } from './report-meta.ts';
export { renderText, formatHunk } from './render-text.ts';
export { renderMarkdown } from './render-markdown.ts';
export { renderHtml } from './render-html.ts';
export { renderJson, type JsonReport } from './render-json.ts';
export { shouldUseColor } from './should-use-color.ts';
export { formatStamp, formatCapturedAt } from './format-date.ts';
export { escapeHtml, escapeMarkdown } from './escape.ts';
export { buildReportModel, type ReportModel } from './build-report-model.ts';
