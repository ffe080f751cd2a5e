/**
 * The JSON shapes of the CLI contract (docs/design.md) that the CLI and the web API share, so that
 * `factwatch history --json` and `/api/sources/:id/versions` cannot drift apart.
 */
import type { ChangeSummary, VersionSummary } from '../store/types.ts';

/** One entry of `history --json`: `{ version, capturedAt, lastSeenAt, updated, url, contentHash }`. */
export function versionSummaryJson(v: VersionSummary) {
  return {
    version: v.seq,
    capturedAt: v.capturedAt.toISOString(),
    lastSeenAt: v.lastSeenAt.toISOString(),
    updated: v.updated,
    url: v.url,
    contentHash: v.contentHash,
  };
}

/** One entry of `changes --json`: `{ id, source, fromVersion, toVersion, detectedAt, summary, state }`. */
export function changeSummaryJson(c: ChangeSummary) {
  return {
    id: c.id,
    source: c.source,
    fromVersion: c.fromVersion,
    toVersion: c.toVersion,
    detectedAt: c.detectedAt.toISOString(),
    summary: c.summary,
    state: c.state,
  };
}
