import { loadReportMeta } from '../report/load-report-meta.ts';
import { buildReportModel, type ReportModel } from '../report/build-report-model.ts';
import { renderJson } from '../report/render-json.ts';
import type { Db } from '../store/db.ts';
import type { ClaimedDelivery } from '../store/queries/deliveries.ts';
import { getSourceEvent, type SourceEventRow } from '../store/queries/source-events.ts';
import type { LoadedReport } from '../report/load-report-meta.ts';
import type { AppliedRule } from './alert-rules.ts';
import type { MatchedFigure } from './match-rule.ts';
import type { NetRun } from './net-change.ts';
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

/** What a delivery is about, loaded: a stored change with its report header, or a source event. */
export type DeliverySubject = { kind: 'change'; report: LoadedReport } | { kind: 'event'; event: SourceEventRow };

/**
 * The alert rule that let a notification through (src/notify/decide-delivery.ts): which rule,
 * what it matched, in words. Webhooks receive it as the payload's `rule`.
 */
export interface RuleFired {
  applied: AppliedRule;
  events: string[];
  figures: MatchedFigure[];
  note: string;
  /** Under `confirm`: the held changes this alert stands for, when there were any (its change is then the net one). */
  net: NetRun | null;
}

/** Loads what a delivery is about; null when it no longer exists. */
export async function loadDeliverySubject(db: Db, d: ClaimedDelivery): Promise<DeliverySubject | null> {
  if (d.kind === 'change') {
    const report = await loadReportMeta(db, d.refId);
    return report ? { kind: 'change', report } : null;
  }
  const event = await getSourceEvent(db, d.refId);
  return event ? { kind: 'event', event } : null;
}

/** Loads what a delivery is about and builds its notification; null when it no longer exists. */
export async function buildNotification(db: Db, d: ClaimedDelivery, links: NotificationLinks = {}): Promise<Notification | null> {
  const subject = await loadDeliverySubject(db, d);
  return subject ? notificationOf(subject, d, links) : null;
}

/**
 * The notification of a loaded subject. With a rule that fired, the change is the one the rule
 * narrowed (only the figures that passed its filter) and the payload says which rule it was.
 */
export function notificationOf(subject: DeliverySubject, d: ClaimedDelivery, links: NotificationLinks, fired: RuleFired | null = null): Notification {
  const n = subject.kind === 'change' ? changeNotification(subject.report, d, links) : eventNotification(subject.event, d);
  if (!fired) return n;
  const rule = { origin: fired.applied.origin, when: fired.applied.when, events: fired.events, figures: fired.figures, note: fired.note };
  // A net alert says so in its payload (`net`: the run it stands for; `fromVersion` is then the run's start) and first in its text.
  const net = fired.net ? { net: { fromVersion: fired.net.fromVersion, changeIds: fired.net.changeIds } } : {};
  const netLine = fired.net ? [`Net change since version ${fired.net.fromVersion}, over ${fired.net.changeIds.length} changes held for confirmation`] : [];
  return {
    ...n,
    payload: { ...n.payload, ...net, rule },
    message: { ...n.message, lines: [...netLine, ...n.message.lines, `Alert rule (${fired.applied.origin}): ${fired.note}`] },
  };
}

function changeNotification(loaded: LoadedReport, d: ClaimedDelivery, links: NotificationLinks): Notification {
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

function eventNotification(e: SourceEventRow, d: ClaimedDelivery): Notification {
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
