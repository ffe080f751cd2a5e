/**
 * Whitespace as a reader sees it: any run of it (non-breaking and narrow spaces, line breaks
 * included) is one space. The diff compares texts in this form and describe reads labels in it,
 * so it lives with neither.
 */
/** Collapses every run of whitespace (including non-breaking spaces) to one space and trims the ends. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
