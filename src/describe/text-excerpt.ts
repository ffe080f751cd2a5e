/** Words of a moved block quoted to name it: enough to recognise the paragraph, short enough for a list. */
const EXCERPT_WORDS = 12;

/**
 * The opening words of a block, for naming text that moved between sections ("Canada's
 * Embassy in Manila also serves …"): reports, notifications and the web pages quote the same
 * words. The whole text when it is short.
 */
export function textExcerpt(text: string): string {
  const words = text.trim().split(/\s+/u);
  return words.length <= EXCERPT_WORDS ? words.join(' ') : `${words.slice(0, EXCERPT_WORDS).join(' ')} …`;
}
