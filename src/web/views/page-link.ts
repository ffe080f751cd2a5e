/**
 * A watched page's URL as a link a reviewer can follow. The URL is page data: the template
 * escapes it, only http(s) becomes a link (anything else — a `javascript:` a redirect could
 * name — stays text), and `rel` keeps the page from reaching back to the UI (`noopener`),
 * learning where it was linked from (`noreferrer`) or gaining rank from it (`nofollow`).
 */
import { html } from 'hono/html';
import type { Html } from './layout.ts';

export function pageLink(url: string): Html {
  return isHttpUrl(url) ? html`<a class="url" href="${url}" rel="noopener noreferrer nofollow">${url}</a>` : html`<span class="url">${url}</span>`;
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
