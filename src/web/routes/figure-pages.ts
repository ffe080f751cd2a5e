/**
 * Pages: `/sources/:id/figures?key=` (one figure across versions: chart, table, CSV link; without
 * a key, the figures of the latest version to choose from) and the chart itself as SVG.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { formatFigureValue } from '../../describe/format-value.ts';
import { figureSeries } from '../../store/queries/figures.ts';
import type { FigurePoint } from '../../store/types.ts';
import { notFound } from '../api-error.ts';
import { isChartable, renderFigureChart } from '../figure-chart.ts';
import { requireSource } from '../lookups.ts';
import { parseKey } from '../params.ts';
import { SVG_CSP } from '../security-headers.ts';
import { formatCapturedAt, queryString, sourcePath } from '../views/format.ts';
import { renderPage } from '../views/layout.ts';
import type { WebDeps, WebEnv } from '../web-deps.ts';

export function figurePageRoutes({ db }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/sources/:id/figures', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const key = parseKey(c.req.query('key'));
    const points = await figureSeries(db, source.id, key);
    if (key === undefined) {
      const body = html`<h1>Figures of <a href="${sourcePath(source.id)}">${source.id}</a></h1>
        <p class="muted">In the latest version. Choose one to see its history.</p>
        ${points.length === 0 ? html`<p class="empty">No figures.</p>` : html`<table><thead><tr><th>Figure key</th><th>Value</th><th>As printed</th></tr></thead><tbody>
          ${points.map((p) => html`<tr><td><a href="${sourcePath(source.id, `/figures${queryString({ key: p.series })}`)}">${p.series}</a></td><td>${value(p)}</td><td class="small">${p.raw}</td></tr>`)}
        </tbody></table>`}`;
      return c.html(renderPage({ title: `Figures of ${source.id}`, nav: 'sources', body }));
    }
    if (points.length === 0) throw notFound(`${source.id} never had a figure with key "${key}"`);
    const chartUrl = sourcePath(source.id, `/figures/chart.svg${queryString({ key })}`);
    const csvUrl = `/api/sources/${encodeURIComponent(source.id)}/figures.csv${queryString({ key })}`;
    const drawable = isChartable(points);
    const body = html`<h1>${key}</h1>
      <p class="muted">A figure of <a href="${sourcePath(source.id)}">${source.id}</a> across ${points.length === 1 ? 'one version' : `${points.length} versions`}.
        <a class="button secondary small" href="${csvUrl}" download>Download CSV</a></p>
      ${drawable ? html`<figure class="chart"><img src="${chartUrl}" width="760" height="300" alt="Chart of ${key} over time; the same values are in the table below."></figure>` : html`<p class="muted">These values cannot be drawn as a chart.</p>`}
      <table class="history"><thead><tr><th>Version</th><th>Captured</th><th>Value</th><th>Period</th><th>As printed</th></tr></thead><tbody>
        ${points.map(
          (p) => html`<tr><td><a href="${sourcePath(source.id, `/versions/${p.seq}`)}">v${p.seq}</a></td><td>${formatCapturedAt(p.capturedAt)}</td><td>${value(p)}</td><td>${p.period ?? ''}</td><td class="small">${p.raw}</td></tr>`,
        )}
      </tbody></table>`;
    return c.html(renderPage({ title: key, nav: 'sources', body }));
  });

  app.get('/sources/:id/figures/chart.svg', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const key = parseKey(c.req.query('key'));
    if (key === undefined) throw notFound('the chart needs ?key=');
    const svg = renderFigureChart(await figureSeries(db, source.id, key));
    if (svg === null) throw notFound(`no chart for "${key}"`);
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Content-Security-Policy': SVG_CSP });
  });

  return app;
}

function value(p: FigurePoint): string {
  return formatFigureValue(p);
}
