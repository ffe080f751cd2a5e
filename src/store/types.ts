/** Row shapes returned by the store: plain camelCase objects, timestamps as `Date`s. */
import type { CheckOutcome, FigureKind, FigurePeriod, FigureValue } from '../model/index.ts';
import type { ChangeState } from './schema.ts';
import type { changes, checks, deliveries, sources, sourceUrls, versions } from './schema.ts';

export type SourceRow = typeof sources.$inferSelect;
export type SourceUrlRow = typeof sourceUrls.$inferSelect;
/** A version with its document and stored raw body (read the body with `loadRawBody(db, id)`). */
export type VersionRow = typeof versions.$inferSelect;
export type CheckRow = typeof checks.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;

/** A check to record. Only `sourceId`, `checkedAt` and `outcome` are required. */
export interface NewCheck {
  sourceId: string;
  checkedAt: Date;
  outcome: CheckOutcome;
  httpStatus?: number | null;
  bytes?: number | null;
  durationMs?: number | null;
  versionId?: number | null;
  error?: string | null;
  /** The schedule slot this check served (watch workers); null for checks run by hand. */
  dueAt?: Date | null;
}

/** One line of `factwatch history`. */
export interface VersionSummary {
  seq: number;
  capturedAt: Date;
  lastSeenAt: Date;
  updated: string | null;
  url: string;
  contentHash: string;
}

/** One line of `factwatch changes`; versions are given by their per-source `seq`. */
export interface ChangeSummary {
  id: number;
  source: string;
  fromVersion: number | null;
  toVersion: number;
  detectedAt: Date;
  summary: string;
  state: ChangeState;
}

/** The identity of a version as shown next to a change. */
export interface VersionRef {
  id: number;
  seq: number;
  url: string;
  capturedAt: Date;
  updated: string | null;
}

/** A change with both ends resolved. */
export type ChangeRow = typeof changes.$inferSelect & {
  fromVersion: VersionRef | null;
  toVersion: VersionRef;
};

/** One point of a figure's history. */
export interface FigurePoint {
  seq: number;
  capturedAt: Date;
  /** The figure's key in that version (it may change while the series goes on). */
  key: string;
  /** The series it belongs to: what `figures --key` and the figure pages follow. */
  series: string;
  kind: FigureKind;
  value: FigureValue;
  unit: string | null;
  raw: string;
  period: FigurePeriod;
}
