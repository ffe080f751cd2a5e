/**
 * Store rows → the API's JSON shapes. Timestamps are ISO 8601 strings, versions are named by
 * their per-source number (what the CLI and the UI show), database ids of versions stay inside.
 */
import type { ChangeListItem, SourceStatus } from '../store/queries/review.ts';
import type { ChangeRow, FigurePoint, VersionRow } from '../store/types.ts';
import { changeSummaryJson, versionSummaryJson } from '../report/contract-json.ts';

export { versionSummaryJson };

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export function sourceJson(s: SourceStatus) {
  return {
    id: s.id,
    url: s.url,
    title: s.title,
    enabled: s.enabled,
    tags: s.tags,
    schedule: s.schedule,
    timezone: s.timezone,
    lastCheckedAt: iso(s.lastCheckedAt),
    lastOutcome: s.lastOutcome,
    failureStreak: s.failureStreak,
    nextCheckAt: iso(s.nextCheckAt),
    lastChangeAt: iso(s.lastChangeAt),
    versions: s.versionCount,
    openChanges: s.openChanges,
  };
}

export function changeListJson(c: ChangeListItem) {
  return {
    ...changeSummaryJson(c),
    title: c.title,
    updated: { from: c.updatedFrom, to: c.updatedTo },
  };
}

export function changeJson(row: ChangeRow) {
  const ref = (v: ChangeRow['toVersion']) => ({ version: v.seq, url: v.url, capturedAt: v.capturedAt.toISOString(), updated: v.updated });
  return {
    id: row.id,
    source: row.sourceId,
    detectedAt: row.detectedAt.toISOString(),
    summary: row.summary,
    state: row.state,
    note: row.note,
    reviewedAt: iso(row.reviewedAt),
    from: row.fromVersion === null ? null : ref(row.fromVersion),
    to: ref(row.toVersion),
    change: row.change,
  };
}

export function versionJson(v: VersionRow) {
  return {
    source: v.sourceId,
    version: v.seq,
    capturedAt: v.capturedAt.toISOString(),
    lastSeenAt: v.lastSeenAt.toISOString(),
    updated: v.updated,
    updatedText: v.updatedText,
    url: v.url,
    contentHash: v.contentHash,
    document: v.document,
  };
}

export function figurePointJson(p: FigurePoint) {
  return {
    version: p.seq,
    capturedAt: p.capturedAt.toISOString(),
    key: p.key,
    series: p.series,
    kind: p.kind,
    value: p.value,
    unit: p.unit,
    raw: p.raw,
    period: p.period,
  };
}
