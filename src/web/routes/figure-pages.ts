/**
 * Pages: `/sources/:id/figures?key=` (one figure across versions, titled with its label: chart
 * by period or by capture time, table, CSV link; without a key, every series of the source to
 * choose from) and the chart itself as SVG.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { formatFigureValue } from '../../describe/format-value.ts';
import { collapseWhitespace } from '../../text/collapse-whitespace.ts';
import { figureSeries } from '../../store/queries/figures.ts';
import { listFigureSeriesSummary } from '../../store/queries/figure-series-summary.ts';
import { listVersions, versionBySeq } from '../../store/queries/versions.ts';
import { notFound } from '../api-error.ts';
import { CHART_DIMENSIONS, chartableAxes, defaultAxis, periodInstant, renderFigureChart, type ChartAxis, type ChartSize } from '../figure-chart.ts';
import { requireSource } from '../lookups.ts';
import { parseChartQuery, parseKey } from '../params.ts';
import { SVG_CSP } from '../security-headers.ts';
import { figuresByKey, labelStoredFigure, renderFigureList } from '../views/figure-list.ts';
import { formatCapturedAt, queryString, sourcePath } from '../views/format.ts';
import { renderPage, scrollBox } from '../views/layout.ts';
import type { WebDeps, WebEnv } from '../web-deps.ts';

const AXIS_WORDS: Record<ChartAxis, string> = { period: 'the period it is about', captured: 'capture time' };

/** Beyond this many series the list is cut (a generated page can hold thousands). */
const FIGURE_LIST_LIMIT = 2000;

export function figurePageRoutes({ db }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/sources/:id/figures', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const key = parseKey(c.req.query('key'));
    if (key === undefined) {
      const [{ items, total }, versions] = await Promise.all([listFigureSeriesSummary(db, source.id, FIGURE_LIST_LIMIT), listVersions(db, source.id)]);
      const latestSeq = versions.at(-1)?.seq ?? null;
      const latest = latestSeq === null ? null : await versionBySeq(db, source.id, latestSeq);
      const body = html`<h1>Figures of <a href="${sourcePath(source.id)}">${source.id}</a></h1>
        <p class="muted">Every figure followed over time, those of the latest version first. Choose one to see its history.</p>
        ${items.length === 0
          ? html`<p class="empty">No figures.</p>`
          : renderFigureList({ sourceId: source.id, items, latest: figuresByKey(latest?.document.figures), latestSeq })}
        ${total > items.length ? html`<p class="muted">The first ${items.length} of ${total} figures.</p>` : null}`;
      return c.html(renderPage({ title: `Figures of ${source.id}`, nav: 'sources', body }));
    }
    const points = await figureSeries(db, source.id, key);
    const last = points.at(-1);
    if (last === undefined) throw notFound(`${source.id} never had a figure with key "${key}"`);
    // The label and sentence of the figure as it stands in its newest version's document.
    const lastVersion = await versionBySeq(db, source.id, last.seq);
    const figure = figuresByKey(lastVersion?.document.figures).get(last.key);
    const label = figure === undefined ? key : labelStoredFigure(figure, new Map());
    const axes = chartableAxes(points);
    const asked = parseChartQuery(c.req.query()).x;
    const axis: ChartAxis | null = asked !== undefined && axes.includes(asked) ? asked : defaultAxis(points, axes);
    const csvUrl = `/api/sources/${encodeURIComponent(source.id)}/figures.csv${queryString({ key })}`;
    const pageUrl = (x: ChartAxis) => sourcePath(source.id, `/figures${queryString({ key, x })}`);
    const chartUrl = (size: ChartSize) => sourcePath(source.id, `/figures/chart.svg${queryString({ key, x: axis, size: size === 'wide' ? undefined : size })}`);
    const { wide, narrow } = CHART_DIMENSIONS;
    const body = html`<h1 id="figure-title">${label}</h1>
      <p class="muted">A figure of <a href="${sourcePath(source.id)}">${source.id}</a> across ${points.length === 1 ? 'one version' : `${points.length} versions`}.
        <a class="button secondary small" href="${csvUrl}" download>Download CSV</a></p>
      <p class="series-id">series id <code>${key}</code>${last.key === key ? null : html` · key now <code>${last.key}</code>`}</p>
      ${figure === undefined ? null : html`<blockquote class="sentence">${collapseWhitespace(figure.sentence)}</blockquote>`}
      ${axis === null
        ? html`<p class="muted">These values cannot be drawn as a chart.</p>`
        : html`<p class="small muted">Chart along ${axes.length < 2
            ? AXIS_WORDS[axis]
            : html`<span class="toggle" aria-label="chart axis">${axes.map((x) => html`<a href="${pageUrl(x)}" aria-current="${x === axis ? 'true' : 'false'}">${AXIS_WORDS[x]}</a>`)}</span>`}${axis === 'period' && points.some((p) => periodInstant(p.period) === null) ? ' (versions without a period are in the table only)' : null}</p>
          <figure class="chart"><picture>
            <source media="(max-width: 40rem)" srcset="${chartUrl('narrow')}" width="${narrow.width}" height="${narrow.height}">
            <img src="${chartUrl('wide')}" width="${wide.width}" height="${wide.height}" alt="Chart of ${label} by ${axis === 'period' ? 'period' : 'capture time'}; the same values are in the table below.">
          </picture></figure>`}
      ${scrollBox(html`<table class="history"><thead><tr><th>Version</th><th>Captured</th><th>Value</th><th>Period</th><th>As printed</th></tr></thead><tbody>
        ${points.map(
          (p) => html`<tr><td><a href="${sourcePath(source.id, `/versions/${p.seq}`)}">v${p.seq}</a></td><td>${formatCapturedAt(p.capturedAt)}</td><td class="value">${formatFigureValue(p)}</td><td>${p.period ?? ''}</td><td class="small">${p.raw}</td></tr>`,
        )}
      </tbody></table>`)}`;
    return c.html(renderPage({ title: `${label} · ${source.id}`, nav: 'sources', body }));
  });

  app.get('/sources/:id/figures/chart.svg', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const key = parseKey(c.req.query('key'));
    if (key === undefined) throw notFound('the chart needs ?key=');
    const { x: axis = 'captured', size } = parseChartQuery(c.req.query());
    const svg = renderFigureChart(await figureSeries(db, source.id, key), axis, size);
    if (svg === null) throw notFound(`no chart for "${key}" by ${axis}`);
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Content-Security-Policy': SVG_CSP });
  });

  return app;
}
