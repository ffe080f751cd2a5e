/**
 * The page frame. Views are hono `html` templates: every interpolated string is escaped by the
 * template itself, so page content cannot become markup by forgetting a call; only other
 * templates (already escaped) nest unescaped. No `raw()` is ever applied to page content.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export type NavItem = 'sources' | 'changes' | 'facts';

export interface PageOptions {
  title: string;
  /** Which top-level item is current; null hides the navigation (login page). */
  nav: NavItem | null;
  body: Html;
  /** Extra `<link>`s in the head (the Atom feed of the page). */
  feed?: string;
}

export function renderPage(opts: PageOptions): Html {
  const item = (id: NavItem, href: string, label: string) =>
    html`<a href="${href}"${opts.nav === id ? html` aria-current="page"` : null}>${label}</a>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${opts.title} · factwatch</title>
<link rel="stylesheet" href="/assets/app.css">
${opts.feed === undefined ? null : html`<link rel="alternate" type="application/atom+xml" title="Changes" href="${opts.feed}">`}
</head>
<body>
<header class="top">
  <a class="brand" href="/">factwatch</a>
  ${opts.nav === null ? null : html`<nav>${item('sources', '/', 'Sources')}${item('changes', '/changes', 'Changes')}${item('facts', '/facts', 'Facts')}<a href="/feed.xml">Feed</a></nav>`}
</header>
<main>
${opts.body}
</main>
</body>
</html>`;
}

/**
 * A table in a box of its own that scrolls sideways: on a phone a wide table scrolls inside the
 * page, never the page itself (every table of the UI goes through this).
 */
export function scrollBox(table: Html): Html {
  return html`<div class="scroll">${table}</div>`;
}
