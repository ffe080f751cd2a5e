/**
 * Pages: `/changes` (filtered, keyset-paginated list), `/changes/:id` (one change: figures,
 * stamp, sections, word diff, review form) and the review form's POST.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { setChangeState } from '../../store/queries/changes.ts';
import { versionBySeq } from '../../store/queries/versions.ts';
import { listDeliveries } from '../../store/queries/deliveries.ts';
import { notificationLine } from '../../report/notification-lines.ts';
import { listChangesPage, listSourceStatus, neighbourChanges } from '../../store/queries/review.ts';
import { CHANGE_STATES } from '../../store/schema.ts';
import { listTags } from '../../store/queries/sources.ts';
import { verifyCsrf } from '../csrf.ts';
import { requireChange, requireSource } from '../lookups.ts';
import { encodeCursor, parseChangesQuery, parseTags, parseWith, reviewInput, type ChangesQuery } from '../params.ts';
import { stateBadge } from '../views/badges.ts';
import { renderChangedSections, renderFigureTable, renderSectionLists, type ChangeSides, type DiffView } from '../views/change-view.ts';
import { formatCapturedAt, formatDay, formatStamp, queryString, sourcePath } from '../views/format.ts';
import { renderPage, scrollBox, type Html } from '../views/layout.ts';
import { pageLink } from '../views/page-link.ts';
import { tagChips, unknownTagNote } from '../views/tag-chips.ts';
import type { WebDeps, WebEnv } from '../web-deps.ts';

export function changePageRoutes({ db, clock }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/changes', async (c) => {
    const q = parseChangesQuery(c.req.query());
    const tags = parseTags(c.req.queries('tag'));
    if (q.source !== undefined) await requireSource(db, q.source);
    const [page, sources, known] = await Promise.all([
      listChangesPage(db, { sourceId: q.source, state: q.state, since: q.since, until: q.until, after: q.cursor, tags, limit: q.limit }),
      listSourceStatus(db),
      listTags(db),
    ]);
    const tag = tags.join(',') || undefined;
    const filters = { source: q.source, state: q.state, since: q.since?.toISOString().slice(0, 10), until: q.until?.toISOString().slice(0, 10), tag };
    const body = html`<h1>Changes</h1>
      ${filterForm(q, sources.map((s) => s.id), tag)}
      ${tagChips(known, tags, (t) => `/changes${queryString({ ...filters, tag: t })}`)}
      ${unknownTagNote(tags, known)}
      ${page.items.length === 0
        ? html`<p class="empty">No change matches these filters.</p>`
        : scrollBox(html`<table class="changes"><thead><tr><th>Detected</th><th>Source</th><th>Versions</th><th>Revision stamp</th><th>State</th><th>Summary</th></tr></thead><tbody>
          ${page.items.map(
            (ch) => html`<tr data-change="${ch.id}">
              <td><a href="/changes/${ch.id}">${formatDay(ch.detectedAt)}</a></td>
              <td><a href="${sourcePath(ch.source)}">${ch.source}</a></td>
              <td>${ch.fromVersion === null ? `v${ch.toVersion} (first)` : `v${ch.fromVersion} → v${ch.toVersion}`}</td>
              <td class="small">${ch.fromVersion === null ? formatStamp(ch.updatedTo) : `${formatStamp(ch.updatedFrom)} → ${formatStamp(ch.updatedTo)}`}</td>
              <td>${stateBadge(ch.state)}</td>
              <td>${ch.summary}</td>
            </tr>`,
          )}</tbody></table>`)}
      <nav class="pager">
        ${q.cursor === undefined ? null : html`<a href="/changes${queryString(filters)}">« Newest</a>`}
        ${page.next === null ? null : html`<a rel="next" href="/changes${queryString({ ...filters, cursor: encodeCursor(page.next) })}">Older »</a>`}
      </nav>`;
    return c.html(renderPage({ title: 'Changes', nav: 'changes', body, feed: `/feed.xml${queryString({ tag })}` }));
  });

  app.get('/changes/:id', async (c) => {
    const row = await requireChange(db, c.req.param('id'));
    const view: DiffView = c.req.query('view') === 'split' ? 'split' : 'inline';
    const [toVersion, fromVersion, around, sent] = await Promise.all([
      versionBySeq(db, row.sourceId, row.toVersion.seq),
      // The older document only for the text of sections this change removed.
      row.fromVersion !== null && (row.change?.sections.removed.length ?? 0) > 0 ? versionBySeq(db, row.sourceId, row.fromVersion.seq) : null,
      neighbourChanges(db, row.sourceId, { detectedAt: row.detectedAt, id: row.id }),
      listDeliveries(db, { changeId: row.id }),
    ]);
    const title = toVersion?.document.title ?? row.sourceId;
    const change = row.change;
    const versionLink = (seq: number) => html`<a href="${sourcePath(row.sourceId, `/versions/${seq}`)}">v${seq}</a>`;
    const stamp = change === null ? formatStamp(row.toVersion.updated) : change.updated.from === change.updated.to ? `${formatStamp(change.updated.to)} (unchanged)` : `${formatStamp(change.updated.from)} → ${formatStamp(change.updated.to)}`;
    const body = html`<div class="row"><h1>${title}</h1>
        <span class="small">${around.newer === null ? null : html`<a href="/changes/${around.newer}">« newer change</a> `}${around.older === null ? null : html`<a href="/changes/${around.older}">older change »</a>`}</span></div>
      ${c.req.query('saved') === undefined ? null : html`<p class="flash" role="status">Saved: this change is now ${row.state}.</p>`}
      <p class="summary" id="summary">${change === null ? 'First capture of this page.' : row.summary}</p>
      <div class="card"><dl class="meta">
        <dt>Source</dt><dd><a href="${sourcePath(row.sourceId)}">${row.sourceId}</a> · change #${row.id}</dd>
        <dt>Versions</dt><dd>${row.fromVersion === null ? versionLink(row.toVersion.seq) : html`${versionLink(row.fromVersion.seq)} → ${versionLink(row.toVersion.seq)}`}</dd>
        <dt>Revision stamp</dt><dd id="stamp">${stamp}</dd>
        <dt>Captured</dt><dd>${row.fromVersion === null ? formatCapturedAt(row.toVersion.capturedAt) : `${formatCapturedAt(row.fromVersion.capturedAt)} → ${formatCapturedAt(row.toVersion.capturedAt)}`}</dd>
        ${row.fromVersion !== null && row.fromVersion.url !== row.toVersion.url ? html`<dt>Page moved</dt><dd>${pageLink(row.fromVersion.url)} → ${pageLink(row.toVersion.url)}</dd>` : html`<dt>URL</dt><dd>${pageLink(row.toVersion.url)}</dd>`}
        ${change?.title ? html`<dt>Title changed</dt><dd>${change.title.from} → ${change.title.to}</dd>` : null}
        ${sent.length === 0 ? null : html`<dt>Notifications</dt><dd><ul class="notifications" id="notifications">${sent.reverse().map((d) => html`<li>${notificationLine(d)}</li>`)}</ul></dd>`}
      </dl></div>
      ${reviewForm(row.id, row.state, row.note, row.reviewedAt, c.get('csrfToken'))}
      ${change === null ? html`<p class="muted">Nothing to compare: this is the first version factwatch stored. ${versionLink(row.toVersion.seq)} shows the page as extracted.</p>` : changeBody(change, view, `/changes/${row.id}`, {
            sourceId: row.sourceId,
            from: row.fromVersion === null ? null : { seq: row.fromVersion.seq, document: fromVersion?.document ?? null },
            to: { seq: row.toVersion.seq, document: toVersion?.document ?? null },
          })}`;
    return c.html(renderPage({ title: `Change #${row.id}: ${title}`, nav: 'changes', body }));
  });

  app.post('/changes/:id/review', async (c) => {
    const row = await requireChange(db, c.req.param('id'));
    const form = await c.req.parseBody();
    verifyCsrf(c, form._csrf);
    const input = parseWith(reviewInput, { state: form.state, note: form.note });
    await setChangeState(db, row.id, input.state, input.note, clock.now());
    return c.redirect(`/changes/${row.id}?saved=1`, 303);
  });

  return app;
}

function changeBody(change: NonNullable<Awaited<ReturnType<typeof requireChange>>['change']>, view: DiffView, selfPath: string, sides: ChangeSides): Html {
  return html`<h2>Figures</h2>
    ${renderFigureTable(sides.sourceId, change)}
    <h2>Sections</h2>
    ${renderSectionLists(change, sides)}
    <h3 id="text">Changed text</h3>
    ${renderChangedSections(change, view, selfPath)}`;
}

function reviewForm(id: number, state: string, note: string | null, reviewedAt: Date | null, csrf: string): Html {
  return html`<form class="card review" method="post" action="/changes/${id}/review">
      <div class="row"><strong>Review</strong><span>State: ${stateBadge(state)}${reviewedAt === null ? null : html` <span class="small muted">since ${formatCapturedAt(reviewedAt)}</span>`}</span></div>
      <input type="hidden" name="_csrf" value="${csrf}">
      <label for="note" class="small muted">Note for the team</label>
      <textarea id="note" name="note" maxlength="4000">${note ?? ''}</textarea>
      <div class="actions">
        <button type="submit" name="state" value="reviewed">Mark reviewed</button>
        <button type="submit" name="state" value="dismissed" class="secondary">Dismiss</button>
        ${state === 'new' ? null : html`<button type="submit" name="state" value="new" class="secondary">Reopen</button>`}
      </div>
    </form>`;
}

function filterForm(q: ChangesQuery, sourceIds: string[], tag: string | undefined): Html {
  const day = (d: Date | undefined) => d?.toISOString().slice(0, 10) ?? '';
  return html`<form class="filters" method="get" action="/changes">
      ${tag === undefined ? null : html`<input type="hidden" name="tag" value="${tag}">`}
      <label>Source <select name="source"><option value="">All</option>${sourceIds.map((id) => html`<option value="${id}"${id === q.source ? html` selected` : null}>${id}</option>`)}</select></label>
      <label>State <select name="state"><option value="">Any</option>${CHANGE_STATES.map((s) => html`<option value="${s}"${s === q.state ? html` selected` : null}>${s}</option>`)}</select></label>
      <label>Detected from <input type="date" name="since" value="${day(q.since)}"></label>
      <label>until (before) <input type="date" name="until" value="${day(q.until)}"></label>
      <button type="submit">Filter</button>
    </form>`;
}
