/** A source's history as plain data, for comparing two import runs. */
import type { Db } from '../../src/store/db.ts';
import { getChange, listChanges } from '../../src/store/queries/changes.ts';
import { listVersions } from '../../src/store/queries/versions.ts';

export async function historyState(db: Db, sourceId: string) {
  const versions = (await listVersions(db, sourceId)).map((v) => ({
    seq: v.seq,
    capturedAt: v.capturedAt.toISOString(),
    lastSeenAt: v.lastSeenAt.toISOString(),
    updated: v.updated,
    url: v.url,
    contentHash: v.contentHash,
  }));
  const rows = await Promise.all((await listChanges(db, { sourceId })).map((c) => getChange(db, c.id)));
  const changes = rows
    .map((c) => ({
      from: c!.fromVersion?.seq ?? null,
      to: c!.toVersion.seq,
      detectedAt: c!.detectedAt.toISOString(),
      summary: c!.summary,
      state: c!.state,
      change: c!.change,
    }))
    .sort((a, b) => a.to - b.to);
  return { versions, changes };
}
