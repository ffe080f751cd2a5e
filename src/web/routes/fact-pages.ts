/**
 * Pages: `/facts` (every figure series across sources, searched with the filters of
 * `factwatch facts`, with sparklines), `/facts/compare?series=…` (several series on one chart
 * per unit, each point with its evidence and citation) and that chart as SVG. docs/review-ui.md.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { FIGURE_KINDS, type FigureKind } from '../../model/index.ts';
import { collapseWhitespace } from '../../text/collapse-whitespace.ts';
import { factPointJson, factSeriesJson, type FactPointJson, type FactSeriesJson } from '../../report/fact-json.ts';
import type { Db } from '../../store/db.ts';
import { recentSeriesValues, seriesRefKey } from '../../store/queries/fact-trends.ts';
import { listFactPoints, listFactSeries, lookUpSeries } from '../../store/queries/facts.ts';
import { listSources, listTags } from '../../store/queries/sources.ts';
import type { FigurePoint } from '../../store/types.ts';
import { badParameter, notFound } from '../api-error.ts';
import { axisKey, CHART_DIMENSIONS, chartableAxes, defaultAxis, renderSeriesChart, SERIES_STYLES, type ChartAxis, type ChartSize } from '../figure-chart.ts';
import { requireSource } from '../lookups.ts';
import { parseCompareQuery, parseFactsQuery } from '../params.ts';
import { SVG_CSP } from '../security-headers.ts';
import { renderFactPoints } from '../views/fact-points.ts';
import { comparePath, renderFactTable } from '../views/fact-table.ts';
import { queryString, sourcePath } from '../views/format.ts';
import { renderPage, type Html } from '../views/layout.ts';
import { unknownTagNote } from '../views/tag-chips.ts';
import type { WebDeps, WebEnv } from '../web-deps.ts';

/** The Facts page shows this many series; the search narrows the rest (the API and CLI list them all). */
const FACTS_PAGE_ROWS = 200;

const AXIS_WORDS: Record<ChartAxis, string> = { period: 'the period it is about', captured: 'capture time' };

export function factPageRoutes({ db }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/facts', async (c) => {
    const { filter, q } = parseFactsQuery(c.req.query(), c.req.queries('tag'));
    if (filter.sourceId !== undefined) await requireSource(db, filter.sourceId);
    const [series, sources, known] = await Promise.all([listFactSeries(db, filter, { withText: q !== undefined }), listSources(db), listTags(db)]);
    const rows = factSeriesJson(series, q);
    const shown = rows.slice(0, FACTS_PAGE_ROWS);
    const trends = await recentSeriesValues(db, shown);
    const tags = filter.tags ?? [];
    const body = html`<h1>Facts</h1>
      <p class="muted">Every figure followed over time, across all sources: its latest value, the value before its last change and when that was. Tick series to compare them on one chart.</p>
      <form class="filters" method="get" action="/facts" role="search">
        <label>Search <input type="search" name="q" value="${q ?? ''}" placeholder="text in the label or sentence"></label>
        <label>Source <input name="source" value="${filter.sourceId ?? ''}" list="fact-sources" placeholder="any"></label>
        <label>Tag <input name="tag" value="${tags.join(',')}" list="fact-tags" placeholder="any"></label>
        <label>Kind <select name="kind"><option value="">any</option>${FIGURE_KINDS.map((k) => html`<option value="${k}"${k === filter.kind ? html` selected` : null}>${k}</option>`)}</select></label>
        <label>Unit <input name="unit" value="${filter.unit ?? ''}" size="6" placeholder="EUR, %…"></label>
        <label>Period <input name="period" value="${filter.period ?? ''}" size="8" placeholder="2016"></label>
        <label>Changed since <input type="date" name="since" value="${filter.since?.toISOString().slice(0, 10) ?? ''}"></label>
        <button type="submit">Search</button>
        <datalist id="fact-sources">${sources.map((s) => html`<option value="${s.id}"></option>`)}</datalist>
        <datalist id="fact-tags">${known.map((t) => html`<option value="${t}"></option>`)}</datalist>
      </form>
      ${unknownTagNote(tags, known)}
      ${rows.length === 0
        ? html`<p class="empty">No figure series match.</p>`
        : html`<p class="small muted" id="fact-count">${rows.length > shown.length ? `The first ${shown.length} of ${rows.length} series: narrow the search to see the others.` : rows.length === 1 ? 'One series.' : `${rows.length} series.`}</p>
          ${renderFactTable(shown, trends)}`}`;
    return c.html(renderPage({ title: 'Facts', nav: 'facts', body }));
  });

  app.get('/facts/compare', async (c) => {
    const { series: names, x } = parseCompareQuery(c.req.query(), c.req.queries('series'));
    if (names.length === 0) {
      const body = html`<h1>Compare figures</h1><p class="empty">No series chosen: tick the series to compare on the <a href="/facts">Facts</a> page.</p>`;
      return c.html(renderPage({ title: 'Compare figures', nav: 'facts', body }));
    }
    const chosen = await loadSeries(db, names);
    const groups = groupByAxis(chosen);
    const one = chosen.length === 1 ? chosen[0]! : null;
    const title = one === null ? 'Compare figures' : one.label;
    const all = chosen.map((s) => s.name);
    const body = html`<h1>${title}</h1>
      <p class="muted">${one === null
        ? `${chosen.length} series from ${new Set(chosen.map((s) => s.source)).size === 1 ? 'one source' : `${new Set(chosen.map((s) => s.source)).size} sources`}.`
        : html`A figure of <a href="${sourcePath(one.source)}">${one.source}</a> across ${one.points.length === 1 ? 'one version' : `${one.points.length} versions`}.`}
        <a href="/facts">All facts</a></p>
      ${groups.length > 1
        ? html`<p class="flash error" role="status" id="units-note">These series are in ${groups.length} different units (${groups.map((g) => unitWords(g[0]!)).join('; ')}), so they are not drawn on one axis: each unit has a chart of its own.</p>`
        : null}
      ${groups.map((g) => renderGroupChart(g, all, x, groups.length > 1))}
      ${chosen.map(
        (s, i) => html`<section class="fact-series" id="series-${i + 1}" data-series="${s.name}">
          <h2>${s.label} <span class="small muted">${s.source}</span></h2>
          <p class="series-id">series id <code>${s.name}</code> · <a href="${sourcePath(s.source, `/figures${queryString({ key: s.series })}`)}">figure page</a></p>
          ${s.points.length === 0 ? null : html`<blockquote class="sentence">${collapseWhitespace(s.points.at(-1)!.sentence)}</blockquote>`}
          ${renderFactPoints({ source: s.source, kind: s.kind, unit: s.unit, points: s.points })}
        </section>`,
      )}`;
    return c.html(renderPage({ title, nav: 'facts', body }));
  });

  app.get('/facts/compare/chart.svg', async (c) => {
    const { series: names, x: axis = 'captured', size } = parseCompareQuery(c.req.query(), c.req.queries('series'));
    if (names.length === 0) throw notFound('the chart needs ?series=');
    const chosen = await loadSeries(db, names);
    const groups = groupByAxis(chosen);
    if (groups.length > 1) throw badParameter(`these series are in different units (${groups.map((g) => unitWords(g[0]!)).join('; ')}): they are not drawn on one axis`);
    const svg = renderSeriesChart(chosen.map((s) => ({ name: `${s.label} (${s.source})`, points: s.figurePoints })), axis, size);
    if (svg === null) throw notFound(`no chart of these series by ${axis}`);
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Content-Security-Policy': SVG_CSP });
  });

  return app;
}

/** A chosen series: its name, label, kind and unit (as `factwatch facts` lists it), its points as evidence and as chart points. */
interface ChosenSeries {
  name: string;
  source: string;
  series: string;
  label: string;
  kind: FigureKind;
  unit: string | null;
  points: FactPointJson[];
  figurePoints: FigurePoint[];
}

/**
 * The series named as `factwatch facts SERIES` names them (lookUpSeries: `source/series`, or a
 * series key only one source has), in the order asked, each once; 404 for one no source has,
 * 400 for one several have.
 */
async function loadSeries(db: Db, names: readonly string[]): Promise<ChosenSeries[]> {
  const found = await Promise.all(
    names.map(async (name) => {
      const r = await lookUpSeries(db, name);
      if (r.kind === 'ambiguous') throw badParameter(`series "${name}" is in ${r.sources.length} sources (${r.sources.join(', ')}): name one, as ${r.sources[0]}/${name}`);
      if (r.kind === 'unknown') throw notFound(`no figure series "${name}"`);
      return r;
    }),
  );
  const unique = [...new Map(found.map((f) => [seriesRefKey(f), f])).values()];
  // Labels as the Facts table gives them: one listing per source asked about.
  const listed = new Map<string, FactSeriesJson>();
  for (const source of new Set(unique.map((f) => f.source))) {
    for (const row of factSeriesJson(await listFactSeries(db, { sourceId: source }))) listed.set(seriesRefKey(row), row);
  }
  return Promise.all(
    unique.map(async (f) => {
      const rows = await listFactPoints(db, f.source, f.series);
      const last = rows.at(-1)!;
      const row = listed.get(seriesRefKey(f));
      return {
        name: seriesRefKey(f),
        source: f.source,
        series: f.series,
        label: row?.label ?? f.series,
        kind: last.kind,
        unit: last.unit,
        points: rows.map(factPointJson),
        figurePoints: rows.map((p) => ({ seq: p.version, capturedAt: p.capturedAt, key: p.key, series: f.series, kind: p.kind, value: p.value, unit: p.unit, raw: p.raw, period: p.period })),
      };
    }),
  );
}

/** The chosen series by the axis their latest values are drawn on (kind and unit), in the order first chosen. */
function groupByAxis(chosen: readonly ChosenSeries[]): ChosenSeries[][] {
  const groups = new Map<string, ChosenSeries[]>();
  for (const s of chosen) {
    const key = axisKey(s);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()];
}

/** "money in EUR", "percent in %", "count": what the values of a group are. */
function unitWords(s: Pick<ChosenSeries, 'kind' | 'unit'>): string {
  return s.unit === null ? s.kind : `${s.kind} in ${s.unit}`;
}

/**
 * One chart of series that share a unit: its legend (the chart's colour and dash for each),
 * the axis choice, and the chart as an image drawn for the screen's width.
 */
function renderGroupChart(group: readonly ChosenSeries[], all: readonly string[], asked: ChartAxis | undefined, titled: boolean): Html {
  const points = group.flatMap((s) => s.figurePoints);
  const axes = chartableAxes(points);
  const axis = asked !== undefined && axes.includes(asked) ? asked : defaultAxis(points, axes);
  const names = group.map((s) => s.name);
  const chartUrl = (size: ChartSize) => `/facts/compare/chart.svg${queryString({ series: names, x: axis, size: size === 'wide' ? undefined : size })}`;
  const { wide, narrow } = CHART_DIMENSIONS;
  return html`<section class="fact-chart" data-unit="${unitWords(group[0]!)}">
    ${titled ? html`<h2>${unitWords(group[0]!)}</h2>` : null}
    <ul class="legend">${group.map((s, i) => {
      const style = SERIES_STYLES[i]!;
      return html`<li data-series="${s.name}"><svg width="34" height="12" aria-hidden="true"><line x1="1" y1="6" x2="33" y2="6" stroke="${style.colour}" stroke-width="3"${style.dash === null ? null : html` stroke-dasharray="${style.dash}"`}/></svg>
        <a href="#series-${all.indexOf(s.name) + 1}">${s.label}</a> <span class="small muted">${s.source}</span></li>`;
    })}</ul>
    ${axis === null
      ? html`<p class="muted">These values cannot be drawn as a chart; the tables below have them all.</p>`
      : html`<p class="small muted">Chart along ${axes.length < 2
          ? AXIS_WORDS[axis]
          : html`<span class="toggle" aria-label="chart axis">${axes.map((x) => html`<a href="${comparePath(all, x)}" aria-current="${x === axis ? 'true' : 'false'}">${AXIS_WORDS[x]}</a>`)}</span>`}</p>
        <figure class="chart"><picture>
          <source media="(max-width: 40rem)" srcset="${chartUrl('narrow')}" width="${narrow.width}" height="${narrow.height}">
          <img src="${chartUrl('wide')}" width="${wide.width}" height="${wide.height}" alt="Chart of ${group.map((s) => s.label).join(', ')} by ${axis === 'period' ? 'period' : 'capture time'}, on one axis (${unitWords(group[0]!)}); the same values are in the tables below.">
        </picture></figure>`}
  </section>`;
}
