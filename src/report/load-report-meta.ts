import type { PageFacts } from '../describe/summarize-change.ts';
import type { ReportMeta } from './report-meta.ts';
import type { Db } from '../store/db.ts';
import { getChangesForReports } from '../store/queries/changes.ts';
import type { ChangeRow } from '../store/types.ts';

/** A stored change and the header its report opens with. */
export interface LoadedReport {
  row: ChangeRow;
  meta: ReportMeta;
}

/** The report header of a stored change: which versions, when captured, from which URLs, and the newer page's title and facts. */
export function reportMetaFromChange(row: ChangeRow, newer: { title: string | null; page: PageFacts }): ReportMeta {
  return {
    source: row.sourceId,
    changeId: row.id,
    fromVersion: row.fromVersion?.seq ?? null,
    toVersion: row.toVersion.seq,
    fromCapturedAt: row.fromVersion?.capturedAt ?? null,
    toCapturedAt: row.toVersion.capturedAt,
    fromUrl: row.fromVersion?.url ?? null,
    toUrl: row.toVersion.url,
    title: newer.title ?? row.change?.title?.to ?? '',
    page: newer.page,
  };
}

/** Loads a change and its report header; null when no change has that id. */
export async function loadReportMeta(db: Db, changeId: number): Promise<LoadedReport | null> {
  return (await loadReportMetas(db, [changeId])).get(changeId) ?? null;
}

/** The changes a pass stored, loaded for their reports this many at a time (`forEachReport`). */
const REPORTS_PER_QUERY = 500;

/** Loads several changes and their report headers in one query; ids with no change are absent. */
export async function loadReportMetas(db: Db, changeIds: readonly number[]): Promise<Map<number, LoadedReport>> {
  const found = await getChangesForReports(db, changeIds);
  return new Map([...found].map(([id, c]) => [id, { row: c.row, meta: reportMetaFromChange(c.row, c) }]));
}

/**
 * Calls `each` for every item in order, with its change's report when it has one: the reports
 * are loaded `REPORTS_PER_QUERY` at a time, so a pass of any size prints with a few queries and
 * never holds all of its reports at once.
 */
export async function forEachReport<T>(db: Db, items: readonly T[], changeIdOf: (item: T) => number | null, each: (item: T, report: LoadedReport | null) => void): Promise<void> {
  for (let start = 0; start < items.length; start += REPORTS_PER_QUERY) {
    const chunk = items.slice(start, start + REPORTS_PER_QUERY);
    const ids = chunk.map(changeIdOf).filter((id): id is number => id !== null);
    const reports = await loadReportMetas(db, ids);
    for (const item of chunk) {
      const id = changeIdOf(item);
      each(item, id === null ? null : (reports.get(id) ?? null));
    }
  }
}
