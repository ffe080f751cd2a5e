/**
 * Output helpers shared by commands: stdout is for results, stderr for diagnostics. Everything
 * printed goes through here so that page-derived text is inert on the way to a terminal
 * (src/report/inert-text.ts): human lines lose their control characters, JSON keeps its data
 * with C1 characters escaped, and rendered reports — already inert, coloured by us — pass as is.
 */
import { inertJson, inertText } from '../report/inert-text.ts';

export function printJson(value: unknown): void {
  process.stdout.write(`${inertJson(JSON.stringify(value, null, 2))}\n`);
}

/** One JSON document on one line (`watch --json` events). */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${inertJson(JSON.stringify(value))}\n`);
}

/** A human line; may contain page text (titles, headings, figure keys, error messages). */
export function printLine(line = ''): void {
  process.stdout.write(`${inertText(line)}\n`);
}

/**
 * A rendered report (renderText, renderMarkdown, renderHtml: inert already, and the terminal
 * renderer's colours are ours) or, with `json`, a rendered JSON document.
 */
export function printReport(text: string, opts: { json?: boolean } = {}): void {
  const out = opts.json ? inertJson(text) : text;
  process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
}

/** A plain aligned table; rows of strings, the first row is the header. Cells are made inert before measuring. */
export function formatTable(rows: string[][]): string {
  const cells = rows.map((row) => row.map((cell) => inertText(cell).replace(/[\t\n]/gu, ' ')));
  const widths: number[] = [];
  for (const row of cells) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return cells
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}

/** ISO 8601 without milliseconds: what people read and scripts parse. */
export function isoSeconds(d: Date | null): string {
  return d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
}
