/**
 * JSON API for facts across sources (docs/facts.md): `/api/facts` lists every series with the
 * filters of `factwatch facts`; `/api/facts/:series` gives one series' points with their evidence
 * and citation — the CLI's JSON, through the same shapes (src/report/fact-json.ts).
 */
import { Hono } from 'hono';
import { factPointJson, factSeriesJson } from '../../report/fact-json.ts';
import { listFactPoints, listFactSeries, lookUpSeries } from '../../store/queries/facts.ts';
import { badParameter, notFound } from '../api-error.ts';
import { requireSource } from '../lookups.ts';
import { parseFactSource, parseFactsQuery, parseKey } from '../params.ts';
import type { WebDeps, WebEnv } from '../web-deps.ts';

export function apiFactRoutes({ db }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/api/facts', async (c) => {
    const { filter, q } = parseFactsQuery(c.req.query(), c.req.queries('tag'));
    if (filter.sourceId !== undefined) await requireSource(db, filter.sourceId);
    return c.json({ facts: factSeriesJson(await listFactSeries(db, filter, { withText: q !== undefined }), q) });
  });

  // A series name holds slashes ("france-north-korea/money/french-exports"): the rest of the path.
  app.get('/api/facts/:series{.+}', async (c) => {
    const name = parseKey(c.req.param('series'));
    if (name === undefined) throw badParameter('the series is missing');
    const source = parseFactSource(c.req.query('source'));
    if (source !== undefined) await requireSource(db, source);
    const found = await lookUpSeries(db, name, source);
    if (found.kind === 'ambiguous') throw badParameter(`series "${name}" is in ${found.sources.length} sources (${found.sources.join(', ')}): name one, as ${found.sources[0]}/${name} or with ?source=`);
    if (found.kind === 'unknown') throw notFound(`no figure series "${name}"${source === undefined ? '' : ` in ${source}`}`);
    const points = await listFactPoints(db, found.source, found.series);
    return c.json({ source: found.source, series: found.series, points: points.map(factPointJson) });
  });

  return app;
}
