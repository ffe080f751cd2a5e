/**
 * The Facts page's table: one row per series across sources — its label, source, latest value
 * with its period, the value before its last change, when that was, how many versions hold it,
 * and a sparkline of its recent values — each row with a checkbox of the compare form (a GET
 * form: choosing series needs no script).
 */
import { html } from 'hono/html';
import { formatFigureValue } from '../../describe/format-value.ts';
import { formatValueWithPeriod } from '../../describe/value-with-period.ts';
import type { FigureKind } from '../../model/index.ts';
import type { FactSeriesJson } from '../../report/fact-json.ts';
import { seriesRefKey } from '../../store/queries/fact-trends.ts';
import { SERIES_STYLES } from '../figure-chart.ts';
import { formatDay, queryString, sourcePath } from './format.ts';
import { scrollBox, type Html } from './layout.ts';
import { sparkline } from './sparkline.ts';

/** The compare page of these series (`source/series` each). */
export function comparePath(series: readonly string[], x?: string): string {
  return `/facts/compare${queryString({ series, x })}`;
}

export function renderFactTable(rows: readonly FactSeriesJson[], trends: ReadonlyMap<string, readonly number[]>): Html {
  const shown = (r: FactSeriesJson, value: number | string, period: string | null) => formatValueWithPeriod({ kind: r.kind as FigureKind, value, unit: r.unit, period });
  return html`<form id="compare" method="get" action="/facts/compare">
    <p class="row"><span class="small muted">Tick up to ${SERIES_STYLES.length} series to draw them together: series in one unit share one axis.</span>
      <button type="submit">Compare chosen series</button></p>
    ${scrollBox(html`<table class="facts"><thead><tr><th><span class="visually-hidden">Compare</span></th><th>Figure</th><th>Source</th><th>Latest</th><th>Previous</th><th>Changed</th><th class="num">Versions</th><th>Trend</th></tr></thead><tbody>
    ${rows.map((r) => {
      const name = seriesRefKey(r);
      const values = trends.get(name) ?? [];
      const spark =
        values.length < 2
          ? null
          : sparkline(values, `${r.label}: ${values.length} values from ${formatFigureValue({ kind: r.kind as FigureKind, value: values[0]!, unit: r.unit })} to ${formatFigureValue({ kind: r.kind as FigureKind, value: values.at(-1)!, unit: r.unit })}`);
      return html`<tr data-series="${name}">
        <td class="pick"><input type="checkbox" name="series" value="${name}" aria-label="Compare ${r.label} (${r.source})"></td>
        <td class="label"><a href="${comparePath([name])}">${r.label}</a><div class="series-id">${r.series}</div></td>
        <td><a href="${sourcePath(r.source)}">${r.source}</a></td>
        <td class="value">${shown(r, r.latest.value, r.latest.period)}<div class="small muted">v${r.latest.version}</div></td>
        <td class="value">${r.previous === null ? html`<span class="muted">—</span>` : html`${shown(r, r.previous.value, r.previous.period)}<div class="small muted">v${r.previous.version}</div>`}</td>
        <td>${r.previous === null ? html`<span class="muted">unchanged since ${formatDay(new Date(r.changedAt))}</span>` : formatDay(new Date(r.changedAt))}${
          r.removed === null ? '' : html`<div class="removed">no longer on the page since v${r.removed.version} (${formatDay(new Date(r.removed.capturedAt))})</div>`
        }</td>
        <td class="num">${r.versions}</td>
        <td class="trend">${spark ?? html`<span class="muted small">—</span>`}</td>
      </tr>`;
    })}
    </tbody></table>`)}
  </form>`;
}
