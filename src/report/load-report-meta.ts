import type { PageDocument } from '../model/index.ts';
import type { ReportMeta } from './report-meta.ts';
import type { Db } from '../store/db.ts';
import { getChange } from '../store/queries/changes.ts';
import { versionBySeq } from '../store/queries/versions.ts';
import type { ChangeRow } from '../store/types.ts';

/** The report header of a stored change: which versions, when captured, from which URLs. */
export function reportMetaFromChange(row: ChangeRow, document?: PageDocument): ReportMeta {
  return {
    source: row.sourceId,
    changeId: row.id,
    fromVersion: row.fromVersion?.seq ?? null,
    toVersion: row.toVersion.seq,
    fromCapturedAt: row.fromVersion?.capturedAt ?? null,
    toCapturedAt: row.toVersion.capturedAt,
    fromUrl: row.fromVersion?.url ?? null,
    toUrl: row.toVersion.url,
    title: document?.title ?? row.change?.title?.to ?? '',
    document,
  };
}

/** Loads a change and the newer version's document, for rendering its report. */
export async function loadReportMeta(db: Db, changeId: number): Promise<{ row: ChangeRow; meta: ReportMeta } | null> {
  const row = await getChange(db, changeId);
  if (!row) return null;
  const to = await versionBySeq(db, row.sourceId, row.toVersion.seq);
  return { row, meta: reportMetaFromChange(row, to?.document) };
}
