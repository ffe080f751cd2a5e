/**
 * Atom feeds of changes: `/feed.xml` (every source) and `/sources/:id/feed.xml`, newest 50.
 * Built with `feed`, which escapes every text node; links are absolute on the origin the
 * request came to, so a reader subscribed through a proxy or a LAN address gets working links.
 */
import { Feed } from 'feed';
import { Hono, type Context } from 'hono';
import { listChangesPage, type ChangeListItem } from '../../store/queries/review.ts';
import { requireSource } from '../lookups.ts';
import { formatStamp, sourcePath } from '../views/format.ts';
import type { WebDeps, WebEnv } from '../web-deps.ts';

const FEED_SIZE = 50;

export function feedRoutes({ db, clock }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/feed.xml', async (c) => {
    const { items } = await listChangesPage(db, { limit: FEED_SIZE });
    return atom(c, { id: '/feed.xml', title: 'factwatch: changes', items, now: clock.now() });
  });

  app.get('/sources/:id/feed.xml', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const { items } = await listChangesPage(db, { sourceId: source.id, limit: FEED_SIZE });
    return atom(c, { id: sourcePath(source.id, '/feed.xml'), title: `factwatch: changes of ${source.id}`, items, now: clock.now() });
  });

  return app;
}

function atom(c: Context<WebEnv>, opts: { id: string; title: string; items: ChangeListItem[]; now: Date }) {
  const origin = new URL(c.req.url).origin;
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
      title: `${ch.title ?? ch.source}: ${ch.summary}`,
      date: ch.detectedAt,
      description:
        ch.fromVersion === null
          ? `First capture of ${ch.source} (v${ch.toVersion}).`
          : `${ch.source} v${ch.fromVersion} → v${ch.toVersion}; revision stamp ${formatStamp(ch.updatedFrom)} → ${formatStamp(ch.updatedTo)}. ${ch.summary}`,
    });
  }
  return c.body(feed.atom1(), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
}
