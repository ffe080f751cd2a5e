/** JSON API for changes: the filtered, paginated list, one change, and its review decision. */
import { Hono } from 'hono';
import { getChange, setChangeState } from '../../store/queries/changes.ts';
import { listChangesPage } from '../../store/queries/review.ts';
import { ApiError, badParameter } from '../api-error.ts';
import { requireChange, requireSource } from '../lookups.ts';
import { encodeCursor, parseChangesQuery, parseTags, parseWith, reviewInput } from '../params.ts';
import { changeJson, changeListJson } from '../to-json.ts';
import type { WebDeps, WebEnv } from '../web-deps.ts';

export function apiChangeRoutes({ db, clock }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/api/changes', async (c) => {
    const q = parseChangesQuery(c.req.query());
    const tags = parseTags(c.req.queries('tag'));
    if (q.source !== undefined) await requireSource(db, q.source);
    const page = await listChangesPage(db, { sourceId: q.source, state: q.state, since: q.since, until: q.until, after: q.cursor, tags, limit: q.limit });
    return c.json({ changes: page.items.map(changeListJson), next: page.next === null ? null : encodeCursor(page.next) });
  });

  app.get('/api/changes/:id', async (c) => c.json({ change: changeJson(await requireChange(db, c.req.param('id'))) }));

  /**
   * Only JSON bodies: a cross-site page cannot send `application/json` without a CORS preflight,
   * which this server never approves — so this endpoint needs no CSRF token.
   */
  app.post('/api/changes/:id/review', async (c) => {
    const row = await requireChange(db, c.req.param('id'));
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
      throw new ApiError(415, 'unsupported_media_type', 'send the review as application/json: { "state": "reviewed", "note": "…" }');
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch (error) {
      throw badParameter('the body is not valid JSON', error);
    }
    const input = parseWith(reviewInput, body);
    await setChangeState(db, row.id, input.state, input.note, clock.now());
    return c.json({ change: changeJson((await getChange(db, row.id))!) });
  });

  return app;
}
