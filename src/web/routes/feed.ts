/**
 * Atom feeds of changes: `/feed.xml` (every source) and `/sources/:id/feed.xml`, newest 50.
 *
 * Built with `feed`, which writes entry titles and summaries as `type="html"` inside CDATA and
 * escapes nothing there: page text shown as "&lt;img onerror&gt;" on the page became live markup
 * in feed readers, and "]]>" in a heading could end the CDATA. So page text is passed as escaped
 * HTML (a reader shows exactly the text), stripped of what XML forbids (one control character in
 * a heading made the whole feed invalid). Links are absolute on `serve.publicUrl` — or the bound
 * address — never on the request's Host, which a DNS-rebinding page controls.
 */
import { Feed } from 'feed';
import { Hono, type Context } from 'hono';
import { listChangesPage, type ChangeListItem } from '../../store/queries/review.ts';
import { requireSource } from '../lookups.ts';
import { parseTags } from '../params.ts';
import { escapeHtml } from '../../report/escape.ts';
import { xmlSafeText } from '../../report/inert-text.ts';
import type { HostPolicy } from '../web-deps.ts';
import { formatStamp, queryString, sourcePath } from '../views/format.ts';
import type { WebDeps, WebEnv } from '../web-deps.ts';

const FEED_SIZE = 50;

export function feedRoutes({ db, clock, hostPolicy }: WebDeps & { hostPolicy: HostPolicy }): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  // `?tag=asia` (repeatable, or comma-separated): the changes of the sources with any of the tags.
  app.get('/feed.xml', async (c) => {
    const tags = parseTags(c.req.queries('tag'));
    const { items } = await listChangesPage(db, { tags, limit: FEED_SIZE });
    const id = tags.length ? `/feed.xml${queryString({ tag: tags.join(',') })}` : '/feed.xml';
    return atom(c, hostPolicy.linkOrigin, { id, title: tags.length ? `factwatch: changes tagged ${tags.join(', ')}` : 'factwatch: changes', items, now: clock.now() });
  });

  app.get('/sources/:id/feed.xml', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const { items } = await listChangesPage(db, { sourceId: source.id, limit: FEED_SIZE });
    return atom(c, hostPolicy.linkOrigin, { id: sourcePath(source.id, '/feed.xml'), title: `factwatch: changes of ${source.id}`, items, now: clock.now() });
  });

  return app;
}

/** Page text as the content of a `type="html"` element: escaped, so it reads as text and cannot end the CDATA. */
const asHtml = (text: string) => escapeHtml(xmlSafeText(text));

function atom(c: Context<WebEnv>, origin: string, opts: { id: string; title: string; items: ChangeListItem[]; now: Date }) {
  const feed = new Feed({
    id: `${origin}${opts.id}`,
    title: opts.title,
    link: `${origin}/changes`,
    updated: opts.items[0]?.detectedAt ?? opts.now,
    feedLinks: { atom: `${origin}${opts.id}` },
    copyright: 'Content of the watched pages belongs to their publishers.',
    generator: 'factwatch',
  });
  for (const ch of opts.items) {
    const link = `${origin}/changes/${ch.id}`;
    feed.addItem({
      id: link,
      link,
      title: asHtml(`${ch.title ?? ch.source}: ${ch.summary}`),
      date: ch.detectedAt,
      description: asHtml(
        ch.fromVersion === null
          ? `First capture of ${ch.source} (v${ch.toVersion}).`
          : `${ch.source} v${ch.fromVersion} → v${ch.toVersion}; revision stamp ${formatStamp(ch.updatedFrom)} → ${formatStamp(ch.updatedTo)}. ${ch.summary}`,
      ),
    });
  }
  return c.body(feed.atom1(), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
}
