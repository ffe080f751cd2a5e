import { loadReportMeta } from '../report/load-report-meta.ts';
import { buildReportModel, type ReportModel } from '../report/build-report-model.ts';
import { renderJson } from '../report/render-json.ts';
import type { Db } from '../store/db.ts';
import type { ClaimedDelivery } from '../store/queries/deliveries.ts';
import { getSourceEvent } from '../store/queries/source-events.ts';
import type { Notification } from './notification.ts';

/** How many changed figures a chat message lists before "and N more". */
const TOP_FIGURES = 5;

/**
 * Where the review UI is published (`serve.publicUrl`). A change notification links to its page
 * there; without it there is no link, because the only other name for the UI — whatever Host a
 * request came with — is not ours to trust (host-allow-list.ts).
 */
export interface NotificationLinks {
  publicUrl?: string | null;
}

/** Loads what a delivery is about and builds its notification; null when it no longer exists. */
export async function buildNotification(db: Db, d: ClaimedDelivery, links: NotificationLinks = {}): Promise<Notification | null> {
  return d.kind === 'change' ? buildChangeNotification(db, d, links) : buildEventNotification(db, d);
}

async function buildChangeNotification(db: Db, d: ClaimedDelivery, links: NotificationLinks): Promise<Notification | null> {
  const loaded = await loadReportMeta(db, d.refId);
  if (!loaded) return null;
  const { row, meta } = loaded;
  const report = JSON.parse(renderJson(row.change, meta)) as Record<string, unknown>;
  const model = buildReportModel(row.change, meta);
  const lines: string[] = [];
  if (model.firstCaptureLine) lines.push(model.firstCaptureLine);
  // The revision stamp only when it moved: "unchanged" is noise in a chat message.
  const stamp = row.change?.updated;
  if (model.stamp && stamp && stamp.from !== stamp.to) lines.push(`Revision stamp: ${model.stamp}`);
  for (const f of model.figuresChanged.slice(0, TOP_FIGURES)) {
    lines.push(`• ${f.label}: ${f.from} → ${f.to}${f.delta ? ` (${f.delta})` : ''}`);
  }
  const more = model.figuresChanged.length - TOP_FIGURES;
  if (more > 0) lines.push(`…and ${more} more figure change${more === 1 ? '' : 's'}`);
  lines.push(...sectionLines(model));
  const reviewUrl = links.publicUrl ? new URL(`/changes/${row.id}`, links.publicUrl).href : null;
  return {
    key: String(row.id),
    deliveryId: d.id,
    kind: 'change',
    source: row.sourceId,
    payload: { event: 'change', id: row.id, detectedAt: row.detectedAt.toISOString(), ...(reviewUrl ? { reviewUrl } : {}), ...report },
    message: {
      source: row.sourceId,
      headline: model.summary,
      lines,
      page: { url: meta.toUrl, title: meta.title || meta.toUrl },
      review: { label: `change #${row.id}`, url: reviewUrl },
    },
  };
}

/**
 * A chat message's lines on sections: added, removed, renamed, and text moved between them —
 * the moves counted and grouped by where they went, since a chat line has no room for paragraphs.
 * Plain text: each channel escapes it.
 */
export function sectionLines(model: Pick<ReportModel, 'sectionsAdded' | 'sectionsRemoved' | 'sectionsRenamed' | 'textMoved'>): string[] {
  const lines: string[] = [];
  if (model.sectionsAdded.length) lines.push(`Sections added: ${model.sectionsAdded.join(', ')}`);
  if (model.sectionsRemoved.length) lines.push(`Sections removed: ${model.sectionsRemoved.join(', ')}`);
  if (model.sectionsRenamed.length) lines.push(`Sections renamed: ${model.sectionsRenamed.map((r) => `${r.from} → ${r.to}`).join(', ')}`);
  if (model.textMoved.length) {
    const n = model.textMoved.length;
    const routes = [...new Set(model.textMoved.map((m) => `${m.from} → ${m.to}`))];
    lines.push(`Text moved: ${n} paragraph${n === 1 ? '' : 's'} (${routes.join(', ')})`);
  }
  return lines;
}

async function buildEventNotification(db: Db, d: ClaimedDelivery): Promise<Notification | null> {
  const e = await getSourceEvent(db, d.refId);
  if (!e) return null;
  const what = e.kind === 'gone' ? 'page gone (404/410)' : 'page back';
  return {
    key: `event-${e.id}`,
    deliveryId: d.id,
    kind: e.kind,
    source: e.sourceId,
    payload: { event: e.kind, id: `event-${e.id}`, source: e.sourceId, url: e.url, occurredAt: e.occurredAt.toISOString(), detail: e.detail },
    message: { source: e.sourceId, headline: e.detail ? `${what}: ${e.detail}` : what, lines: [], page: { url: e.url, title: e.url }, review: null },
  };
}
