/**
 * Tags group sources ("asia", "trade"). A `--tag` / `?tag=` filter keeps the sources that carry
 * ANY of the tags asked for. A tag no source carries is most likely a typo: the filter then
 * matches nothing — an empty list, exit 0, as for any filter that matches nothing — and says so
 * with the nearest tag there is, on stderr (the CLI) or above the list (the UI).
 */
import { didYouMean } from '../app/closest-match.ts';

/** Whether a source with `tags` passes a filter on `wanted` (no filter: every source does). */
export function hasAnyTag(tags: readonly string[], wanted: readonly string[]): boolean {
  return wanted.length === 0 || wanted.some((t) => tags.includes(t));
}

/** The sentence naming the asked-for tags that no source has, with a "did you mean", or null when all exist. */
export function unknownTagsNote(wanted: readonly string[], known: Iterable<string>): string | null {
  const have = new Set(known);
  const unknown = [...new Set(wanted)].filter((t) => !have.has(t));
  if (unknown.length === 0) return null;
  const named = unknown.map((t) => `"${t}"${didYouMean(t, have)}`).join(', ');
  return `no source has the tag${unknown.length > 1 ? 's' : ''} ${named}`;
}
