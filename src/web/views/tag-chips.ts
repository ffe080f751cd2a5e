/** Tag chips: the tags there are, as links that filter a list by one of them, and the note for a tag no source has. */
import { html } from 'hono/html';
import { unknownTagsNote } from '../../config/tags.ts';
import type { Html } from './layout.ts';

/**
 * `Tags: all · asia · trade` above a list: each chip filters by that tag alone, "all" clears the
 * filter, the active ones are marked. Nothing when no source has a tag.
 */
export function tagChips(tags: readonly string[], active: readonly string[], href: (tag: string | null) => string): Html | null {
  if (tags.length === 0) return null;
  const chip = (tag: string | null, label: string, on: boolean) =>
    html`<a class="tag${on ? ' active' : ''}" href="${href(tag)}"${on ? html` aria-current="true"` : null}>${label}</a>`;
  return html`<nav class="tags" aria-label="Filter by tag"><span class="small muted">Tags</span>
    ${chip(null, 'all', active.length === 0)}${tags.map((t) => chip(t, t, active.includes(t)))}</nav>`;
}

/** One source's tags, each a link to the sources with that tag. */
export function sourceTags(tags: readonly string[]): Html | null {
  if (tags.length === 0) return null;
  return html`<span class="tag-list">${tags.map((t) => html`<a class="tag" href="/?tag=${encodeURIComponent(t)}">${t}</a>`)}</span>`;
}

/** "No source has the tag "asai" — did you mean "asia"?" above an empty list, or nothing. */
export function unknownTagNote(wanted: readonly string[], known: readonly string[]): Html | null {
  const note = unknownTagsNote(wanted, known);
  return note === null ? null : html`<p class="flash error" role="status">${note.charAt(0).toUpperCase()}${note.slice(1)}.</p>`;
}
