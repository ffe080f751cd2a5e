/**
 * Pages: `/sources/:id/versions/:version` (the page as extracted at that version, as text) and
 * `/sources/:id/versions?at=DATE` (the version in force at a date: "as of" navigation).
 * The stored document is shown as escaped text; the captured HTML is never rendered.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { LEAD_SECTION_NAME } from '../../describe/section-name.ts';
import { changeForVersion } from '../../store/queries/review.ts';
import { listVersions, versionAt, versionBySeq } from '../../store/queries/versions.ts';
import { notFound } from '../api-error.ts';
import { requireSource } from '../lookups.ts';
import { parseAt, parseId } from '../params.ts';
import { formatCapturedAt, formatStamp, pluralize, queryString, sourcePath } from '../views/format.ts';
import { renderPage } from '../views/layout.ts';
import { pageLink } from '../views/page-link.ts';
import type { WebDeps, WebEnv } from '../web-deps.ts';

export function versionPageRoutes({ db }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/sources/:id/versions', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const at = parseAt(c.req.query('at'));
    if (at === undefined) return c.redirect(sourcePath(source.id), 303);
    const version = await versionAt(db, source.id, at);
    if (version === null) throw notFound(`${source.id} had no version yet on ${at.toISOString().slice(0, 10)}`);
    return c.redirect(sourcePath(source.id, `/versions/${version.seq}${queryString({ at: at.toISOString().slice(0, 10) })}`), 303);
  });

  app.get('/sources/:id/versions/:version', async (c) => {
    const source = await requireSource(db, c.req.param('id'));
    const seq = parseId(c.req.param('version'), 'version');
    const version = await versionBySeq(db, source.id, seq);
    if (version === null) throw notFound(`${source.id} has no version ${seq}`);
    const [all, changeId] = await Promise.all([listVersions(db, source.id), changeForVersion(db, version.id)]);
    const index = all.findIndex((v) => v.seq === seq);
    const prev = all[index - 1];
    const next = all[index + 1];
    const doc = version.document;
    const asOf = c.req.query('at');
    const link = (n: number, text: string) => html`<a href="${sourcePath(source.id, `/versions/${n}`)}">${text}</a>`;
    const body = html`<div class="row"><h1>${doc.title}</h1>
        <span class="small">${prev === undefined ? null : link(prev.seq, `« v${prev.seq}`)} v${seq} of ${all.length} ${next === undefined ? null : link(next.seq, `v${next.seq} »`)}</span></div>
      ${asOf === undefined ? null : html`<p class="flash" role="status">The version in force on ${asOf}.</p>`}
      <div class="card"><dl class="meta">
        <dt>Source</dt><dd><a href="${sourcePath(source.id)}">${source.id}</a></dd>
        <dt>Revision stamp</dt><dd>${formatStamp(version.updated)}${version.updatedText === null ? null : html` <span class="small muted">(“${version.updatedText}”)</span>`}</dd>
        <dt>In force</dt><dd>captured ${formatCapturedAt(version.capturedAt)}, last seen ${formatCapturedAt(version.lastSeenAt)}</dd>
        <dt>URL</dt><dd>${pageLink(version.url)}</dd>
        <dt>Content</dt><dd>${pluralize(doc.sections.filter((s) => s.heading !== null).length, 'section')}, ${pluralize(doc.figures.length, 'figure')} · language ${doc.language} · profile ${doc.profile}</dd>
        ${changeId === null ? null : html`<dt>Change</dt><dd><a href="/changes/${changeId}">the change that produced this version</a></dd>`}
      </dl></div>
      <form class="filters" method="get" action="${sourcePath(source.id, '/versions')}">
        <label>Show the page as of <input type="date" name="at" value="${asOf ?? ''}" required></label>
        <button type="submit">Go</button>
        <a class="small" href="/api/sources/${encodeURIComponent(source.id)}/versions/${seq}">JSON</a>
      </form>
      <article class="section-text">
      ${doc.sections.map(
        (s) => html`<section>${s.heading === null ? html`<h2 class="muted">${LEAD_SECTION_NAME}</h2>` : html`<h2>${s.heading}</h2>`}
          ${s.blocks.map((b) => html`<p>${b}</p>`)}</section>`,
      )}
      </article>`;
    return c.html(renderPage({ title: `${doc.title} (v${seq})`, nav: 'sources', body }));
  });

  return app;
}
