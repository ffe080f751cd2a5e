/**
 * A source's figure series as a reader sees them: the label the reports give each figure, its
 * latest value with its period, and when it last moved — the slug (the series id) only as a
 * small secondary line, for scripts and the CSV. Used by the source page and its figure list.
 */
import { html } from 'hono/html';
import { labelFigure } from '../../describe/label-figure.ts';
import { formatValueWithPeriod } from '../../describe/value-with-period.ts';
import type { Figure } from '../../model/index.ts';
import type { FigureSeriesSummary } from '../../store/queries/figure-series-summary.ts';
import { formatDay, queryString, sourcePath } from './format.ts';
import { scrollBox, type Html } from './layout.ts';

/** What labelling needs of a figure; the stored row has all of it but the table cell, row name and direction. */
type Labelled = Pick<Figure, 'key' | 'kind' | 'value' | 'unit' | 'raw' | 'section' | 'sentence' | 'period'>;

/**
 * A stored figure's label, as the reports say it. The figure in its version's document is
 * preferred where there is one: it also carries the table cell, the "label : value" row name
 * and the direction, which the figures table does not keep and the label reads.
 */
export function labelStoredFigure(stored: Labelled, inDocument: ReadonlyMap<string, Figure>): string {
  return labelFigure(inDocument.get(stored.key) ?? stored);
}

/** A document's figures by key (keys are unique within a version). */
export function figuresByKey(figures: readonly Figure[] | undefined): Map<string, Figure> {
  return new Map((figures ?? []).map((f) => [f.key, f]));
}

export interface FigureListOptions {
  sourceId: string;
  items: FigureSeriesSummary[];
  /** The newest version's figures by key, for labels (series last seen in it). */
  latest: ReadonlyMap<string, Figure>;
  /** The newest version's number: a series not in it is marked as gone. */
  latestSeq: number | null;
}

export function renderFigureList(opts: FigureListOptions): Html {
  return scrollBox(html`<table class="figure-list"><thead><tr><th>Figure</th><th>Latest value</th><th>Last changed</th><th class="num">In versions</th></tr></thead><tbody>
    ${opts.items.map((s) => {
      const label = labelStoredFigure(s, s.latestSeq === opts.latestSeq ? opts.latest : new Map());
      return html`<tr data-series="${s.series}">
        <td class="label"><a href="${sourcePath(opts.sourceId, `/figures${queryString({ key: s.series })}`)}">${label}</a><div class="series-id">${s.series}</div></td>
        <td class="value">${formatValueWithPeriod(s)}${s.latestSeq === opts.latestSeq ? null : html`<div class="small muted">last in v${s.latestSeq}, gone since</div>`}</td>
        <td>${s.lastChangedAt === null ? html`<span class="muted">unchanged since ${formatDay(s.firstSeenAt)}</span>` : formatDay(s.lastChangedAt)}</td>
        <td class="num">${s.versions}</td>
      </tr>`;
    })}
    </tbody></table>`);
}
