/** The storage stage: open/migrate the database and the queries every other stage uses. */
export { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from './open-database.ts';
export type { Db, DbKind } from './db.ts';
export { migrateDatabase, MIGRATIONS_FOLDER } from './migrate.ts';
export { loadRawBody, compressBody } from './raw-body.ts';
export { RawDeltaError } from './raw-delta.ts';
export { toBuffer } from './bytea.ts';
export { executeRows } from './execute-rows.ts';
export { findPgError, UNIQUE_VIOLATION, type PgErrorInfo } from './pg-error.ts';
export * as schema from './schema.ts';
export { CHANGE_STATES, DELIVERY_STATES, type ChangeState, type DeliveryState } from './schema.ts';
export type * from './types.ts';
export {
  syncSources,
  getSource,
  listSources,
  recordUrl,
  listSourceUrls,
  updateFetchState,
  type SourceConfig,
  type SyncSourcesOptions,
  type FetchState,
} from './queries/sources.ts';
export { latestVersion, latestVersionHead, latestVersionHeads, versionAt, versionBySeq, listVersions, touchVersion, type VersionHead } from './queries/versions.ts';
export { storeVersion, type StoreVersionInput, type StoredVersion, type StoreOutcome } from './queries/store-version.ts';
export { claimDueSources, extendLeases, releaseLeases, type ClaimedSource } from './queries/leases.ts';
export { listChecks } from './queries/checks.ts';
export { recordCheckRuns } from './queries/record-check-runs.ts';
export { listChanges, getChange, setChangeState, type ListChangesOptions } from './queries/changes.ts';
export { figureSeries } from './queries/figures.ts';
