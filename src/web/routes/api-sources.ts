/**
 * JSON API for sources: status, versions (list, one, or the one in force `?at=`), figures
 * (latest, or one key over time, also as CSV).
 */
import { Hono } from 'hono';
import { figureSeries } from '../../store/queries/figures.ts';
import { listSourceStatus } from '../../store/queries/review.ts';
import { listVersions, versionAt, versionBySeq } from '../../store/queries/versions.ts';
import { notFound } from '../api-error.ts';
import { renderFigureCsv } from '../figure-csv.ts';
import { requireSource } from '../lookups.ts';
import { parseAt, parseId, parseKey, parseSourcesQuery, parseTags } from '../params.ts';
import { figurePointJson, sourceJson, versionJson, versionSummaryJson } from '../to-json.ts';
import type { WebDeps, WebEnv } from '../web-deps.ts';

export function apiSourceRoutes({ db }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/api/sources', async (c) => {
    const { filter, q } = parseSourcesQuery(c.req.query());
    const rows = await listSourceStatus(db, { filter, search: q, tags: parseTags(c.req.queries('tag')) });
    return c.json({ sources: rows.map(sourceJson) });
  });

  app.get('/api/sources/:id', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const [status] = await listSourceStatus(db, { id: source.id });
    if (status === undefined) throw notFound(`no source with id "${source.id}"`);
    return c.json({ source: sourceJson(status) });
  });

  app.get('/api/sources/:id/versions', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const at = parseAt(c.req.query('at'));
    if (at === undefined) return c.json({ versions: (await listVersions(db, source.id)).map(versionSummaryJson) });
    const version = await versionAt(db, source.id, at);
    if (version === null) throw notFound(`${source.id} had no version yet at ${at.toISOString()}`);
    return c.json({ version: versionJson(version) });
  });

  app.get('/api/sources/:id/versions/:version', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const seq = parseId(c.req.param('version'), 'version');
    const version = await versionBySeq(db, source.id, seq);
    if (version === null) throw notFound(`${source.id} has no version ${seq}`);
    return c.json({ version: versionJson(version) });
  });

  app.get('/api/sources/:id/figures', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const key = parseKey(c.req.query('key'));
    const points = await figureSeries(db, source.id, key);
    if (key === undefined) return c.json({ figures: points.map(figurePointJson) });
    if (points.length === 0) throw notFound(`${source.id} never had a figure with key "${key}"`);
    return c.json({ key, points: points.map(figurePointJson) });
  });

  app.get('/api/sources/:id/figures.csv', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const key = parseKey(c.req.query('key'));
    const points = await figureSeries(db, source.id, key);
    if (key !== undefined && points.length === 0) throw notFound(`${source.id} never had a figure with key "${key}"`);
    const name = `${source.id}-${key ?? 'latest'}`.replace(/[^A-Za-z0-9._-]+/gu, '_');
    c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
    return c.body(renderFigureCsv(points), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

  return app;
}
