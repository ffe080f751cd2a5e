/**
 * The JSON shapes of the CLI contract (docs/design.md) that the CLI and the web API share, so that
 * `factwatch history --json` and `/api/sources/:id/versions` cannot drift apart.
 */
import type { PageDocument } from '../model/index.ts';
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

/** The `extract --json` contract of docs/design.md; extra keys may be added, these stay. */
export function toContractJson(doc: PageDocument) {
  return {
    title: doc.title,
    language: doc.language,
    updated: doc.updated,
    updatedText: doc.updatedText,
    url: doc.url,
    profile: doc.profile,
    sections: doc.sections.map((s) => ({ heading: s.heading, text: s.text, ...(s.language ? { language: s.language } : {}) })),
    figures: doc.figures.map((f) => ({
      key: f.key,
      kind: f.kind,
      value: f.value,
      unit: f.unit,
      raw: f.raw,
      section: f.section,
      sentence: f.sentence,
      period: f.period,
      ...(f.direction ? { direction: f.direction } : {}),
      ...(f.name ? { name: f.name } : {}),
      ...(f.source ? { source: f.source } : {}),
      ...(f.cell ? { cell: f.cell } : {}),
    })),
  };
}
