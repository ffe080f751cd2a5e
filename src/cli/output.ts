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

/**
 * A JSON array written as it is produced — the output of a listing that may run to megabytes
 * (`facts --json`: 16,000 series, ~5 MB): elements go out in chunks of about 64 KB, each made
 * inert, and the next waits while the pipe is full (backpressure), so neither the whole text nor
 * an indented copy of it is ever held, and nothing is left unflushed at the CLI's one exit point.
 * Compact, one element per line (greppable, and a third smaller than indented); `pretty` indents
 * exactly as `printJson` does.
 */
export async function writeJsonArray(items: Iterable<unknown>, opts: { pretty?: boolean } = {}): Promise<void> {
  let chunk = '[';
  let first = true;
  for (const item of items) {
    chunk += first ? '\n' : ',\n';
    chunk += opts.pretty === true ? `  ${JSON.stringify(item, null, 2).replace(/\n/gu, '\n  ')}` : JSON.stringify(item);
    first = false;
    if (chunk.length >= JSON_CHUNK_CHARS) {
      await writeOut(inertJson(chunk));
      chunk = '';
    }
  }
  await writeOut(inertJson(`${chunk}${first ? ']' : '\n]'}\n`));
}

const JSON_CHUNK_CHARS = 64 * 1024;

/** Writes to stdout, resolving once the stream will take more (at once, unless its buffer is full). */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', resolve);
  });
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
