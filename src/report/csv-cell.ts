/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet. Cells a spreadsheet would run as a
 * formula ("=HYPERLINK(…)", "+1", "@cmd") are prefixed with an apostrophe: figure text comes from
 * web pages, and opening a download must not execute it. A plain number ("-3.5") stays a number.
 * A cell that already starts with an apostrophe gets one too, so the rule can be undone exactly:
 * a reader drops the first character of every cell that starts with one (docs/facts.md).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r']/u.test(value) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/iu.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

/** One CSV record, CRLF-terminated. */
export function csvRecord(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
