/** Pages: `/` (every source's status, filter and search) and `/sources/:id` (one source). */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { listChecks } from '../../store/queries/checks.ts';
import { listFigureSeriesSummary } from '../../store/queries/figure-series-summary.ts';
import { listChangesPage, listSourceStatus, SOURCE_FILTERS, type SourceStatus } from '../../store/queries/review.ts';
import { listTags } from '../../store/queries/sources.ts';
import { listVersions, versionBySeq } from '../../store/queries/versions.ts';
import { notFound } from '../api-error.ts';
import { requireSource } from '../lookups.ts';
import { parseSourcesQuery, parseTags } from '../params.ts';
import { outcomeBadge, stateBadge } from '../views/badges.ts';
import { formatCapturedAt, formatDay, formatStamp, queryString, sourcePath } from '../views/format.ts';
import { figuresByKey, renderFigureList } from '../views/figure-list.ts';
import { renderPage, scrollBox } from '../views/layout.ts';
import { pageLink } from '../views/page-link.ts';
import { sourceTags, tagChips, unknownTagNote } from '../views/tag-chips.ts';
import type { WebDeps, WebEnv } from '../web-deps.ts';

/** The source page lists this many figures; the figure list has them all. */
const SOURCE_PAGE_FIGURES = 50;

const FILTER_LABELS: Record<(typeof SOURCE_FILTERS)[number], string> = {
  all: 'All sources',
  failing: 'Failing now',
  open: 'With changes to review',
  disabled: 'Disabled',
};

export function sourcePageRoutes({ db }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/', async (c) => {
    const { filter, q } = parseSourcesQuery(c.req.query());
    const tags = parseTags(c.req.queries('tag'));
    const [rows, known] = await Promise.all([listSourceStatus(db, { filter, search: q, tags }), listTags(db)]);
    const tag = tags.join(',') || undefined;
    const body = html`<h1>Sources</h1>
      <form class="filters" method="get" action="/" role="search">
        ${tag === undefined ? null : html`<input type="hidden" name="tag" value="${tag}">`}
        <label>Search <input type="search" name="q" value="${q ?? ''}" placeholder="id, URL or title"></label>
        <label>Show <select name="filter">${SOURCE_FILTERS.map(
          (f) => html`<option value="${f}"${f === filter ? html` selected` : null}>${FILTER_LABELS[f]}</option>`,
        )}</select></label>
        <button type="submit">Apply</button>
      </form>
      ${tagChips(known, tags, (t) => `/${queryString({ filter: filter === 'all' ? undefined : filter, q, tag: t })}`)}
      ${unknownTagNote(tags, known)}
      ${rows.length === 0 ? html`<p class="empty">No source matches.</p>` : sourceTable(rows)}`;
    return c.html(renderPage({ title: 'Sources', nav: 'sources', body, feed: `/feed.xml${queryString({ tag })}` }));
  });

  app.get('/sources/:id', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const [status] = await listSourceStatus(db, { id: source.id });
    if (status === undefined) throw notFound(`no source with id "${source.id}"`);
    const [versions, checks, changes, figures] = await Promise.all([
      listVersions(db, source.id),
      listChecks(db, source.id, 10),
      listChangesPage(db, { sourceId: source.id, limit: 10 }),
      listFigureSeriesSummary(db, source.id, SOURCE_PAGE_FIGURES),
    ]);
    const latestSeq = versions.at(-1)?.seq ?? null;
    // The newest document gives the figures' labels what the figures table does not keep.
    const latest = latestSeq === null || figures.items.length === 0 ? null : await versionBySeq(db, source.id, latestSeq);
    const body = html`<h1>${status.title ?? source.id}</h1>
      <div class="card"><dl class="meta">
        <dt>Source</dt><dd>${source.id}${source.enabled ? null : html` <span class="badge state-dismissed">disabled</span>`}${sourceTags(source.tags)}</dd>
        <dt>URL</dt><dd>${pageLink(source.url)}</dd>
        <dt>Last check</dt><dd>${formatCapturedAt(source.lastCheckedAt)} ${outcomeBadge(source.lastOutcome)}</dd>
        <dt>Next due</dt><dd>${formatCapturedAt(source.nextCheckAt)}</dd>
        <dt>Failure streak</dt><dd>${source.failureStreak}</dd>
        <dt>Feed</dt><dd><a href="${sourcePath(source.id, '/feed.xml')}">Atom feed of this source's changes</a></dd>
      </dl></div>
      <h2>Changes <a class="small" href="/changes${queryString({ source: source.id })}">all</a></h2>
      ${changes.items.length === 0 ? html`<p class="empty">No changes yet.</p>` : scrollBox(html`<table><thead><tr><th>Detected</th><th>Versions</th><th>State</th><th>Summary</th></tr></thead><tbody>
        ${changes.items.map((ch) => html`<tr><td><a href="/changes/${ch.id}">${formatDay(ch.detectedAt)}</a></td><td>${ch.fromVersion === null ? `v${ch.toVersion}` : `v${ch.fromVersion} → v${ch.toVersion}`}</td><td>${stateBadge(ch.state)}</td><td>${ch.summary}</td></tr>`)}
      </tbody></table>`)}
      <h2>Versions (${versions.length})</h2>
      ${versions.length === 0 ? html`<p class="empty">Not captured yet.</p>` : scrollBox(html`<table><thead><tr><th>Version</th><th>Captured</th><th>Last seen</th><th>Revision stamp</th><th>URL</th></tr></thead><tbody>
        ${versions.map((v) => html`<tr><td><a href="${sourcePath(source.id, `/versions/${v.seq}`)}">v${v.seq}</a></td><td>${formatCapturedAt(v.capturedAt)}</td><td>${formatCapturedAt(v.lastSeenAt)}</td><td>${formatStamp(v.updated)}</td><td class="small">${pageLink(v.url)}</td></tr>`)}
      </tbody></table>`)}
      <h2>Figures followed over time (${figures.total})${figures.total > figures.items.length ? html` <a class="small" href="${sourcePath(source.id, '/figures')}">all</a>` : null}</h2>
      ${figures.items.length === 0 ? html`<p class="empty">No figures.</p>` : renderFigureList({ sourceId: source.id, items: figures.items, latest: figuresByKey(latest?.document.figures), latestSeq })}
      <h2>Recent checks</h2>
      ${checks.length === 0 ? html`<p class="empty">Never checked.</p>` : scrollBox(html`<table><thead><tr><th>When</th><th>Outcome</th><th class="num">HTTP</th><th class="num">Bytes</th><th class="num">ms</th><th>Error</th></tr></thead><tbody>
        ${checks.map((k) => html`<tr><td>${formatCapturedAt(k.checkedAt)}${k.repeats > 1 && k.lastCheckedAt ? html` – ${formatCapturedAt(k.lastCheckedAt)}` : ''}</td><td>${outcomeBadge(k.outcome)}${k.repeats > 1 ? ` ×${k.repeats}` : ''}</td><td class="num">${k.httpStatus ?? ''}</td><td class="num">${k.bytes ?? ''}</td><td class="num">${k.durationMs ?? ''}</td><td class="small">${k.error ?? ''}</td></tr>`)}
      </tbody></table>`)}`;
    return c.html(renderPage({ title: status.title ?? source.id, nav: 'sources', body, feed: sourcePath(source.id, '/feed.xml') }));
  });

  return app;
}

function sourceTable(rows: SourceStatus[]) {
  return scrollBox(html`<table class="sources"><thead><tr>
      <th>Source</th><th>Last check</th><th>Last change</th><th class="num">To review</th><th>Next due</th><th class="num">Failures</th><th class="num">Versions</th>
    </tr></thead><tbody>
    ${rows.map(
      (s) => html`<tr data-source="${s.id}">
        <td><a href="${sourcePath(s.id)}"><strong>${s.id}</strong></a>${sourceTags(s.tags)}<br><span class="small muted">${s.title ?? s.url}</span></td>
        <td>${formatDay(s.lastCheckedAt)} ${outcomeBadge(s.lastOutcome)}</td>
        <td>${s.lastChangeAt === null ? '—' : html`<a href="/changes${queryString({ source: s.id })}">${formatDay(s.lastChangeAt)}</a>`}</td>
        <td class="num">${s.openChanges > 0 ? html`<a href="/changes${queryString({ source: s.id, state: 'new' })}">${s.openChanges}</a>` : '0'}</td>
        <td>${s.enabled ? formatCapturedAt(s.nextCheckAt) : 'disabled'}</td>
        <td class="num">${s.failureStreak}</td>
        <td class="num">${s.versionCount}</td>
      </tr>`,
    )}
    </tbody></table>`);
}
