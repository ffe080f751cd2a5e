/**
 * Opens the factwatch database: PostgreSQL when a URL is given, otherwise embedded PGlite (on
 * disk or in memory). Both are reached through postgres.js — the embedded one through its owner
 * process's socket (embedded/open-embedded.ts) — so every query takes one driver's path and no
 * query file knows which backend it runs on.
 */
import { resolve } from 'node:path';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { FactwatchError } from '../app/errors.ts';
import { migrateDatabase } from './migrate.ts';
import * as schema from './schema.ts';
import type { Db, DbKind } from './db.ts';

export interface DatabaseHandle {
  db: Db;
  kind: DbKind;
  /** In-memory PGlite only: a dump of its data directory, to open others from (`startFrom`). */
  dump?(): Promise<Blob>;
  /** Ends the pool / closes PGlite. Call exactly once. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; when set, PostgreSQL is used and `dataDir` is ignored. */
  databaseUrl?: string | null;
  /** PGlite data directory (created if missing). */
  dataDir?: string | null;
  /** PGlite in memory (when neither URL nor dataDir is given this is the default). */
  memory?: boolean;
  /** PGlite in memory only: start from this dump (`DatabaseHandle.dump`) instead of an empty cluster. */
  startFrom?: Blob;
  /** Skip migrations (only for tooling that migrates itself). Default false. */
  skipMigrations?: boolean;
}

/** Pool size for PostgreSQL: the pipeline is mostly sequential per source; a few suffice. */
const POOL_MAX = 5;

/** Opens the database and brings its schema up to date (idempotent). */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const handle = opts.databaseUrl ? openPostgres(opts.databaseUrl) : await openPglite(opts);
  if (!opts.skipMigrations) {
    try {
      await migrateDatabase(handle.db, handle.kind);
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }
  return handle;
}

/**
 * Checks DATABASE_URL before postgres.js sees it: postgres.js throws a bare `TypeError: Invalid
 * URL` (a stack trace for the user) on a malformed one, and takes `mysql://…` as PostgreSQL.
 * The message never quotes the URL: it usually holds a password.
 */
export function assertDatabaseUrl(url: string): void {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // reported below
  }
  if (parsed === null || (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') || (parsed.hostname === '' && !parsed.searchParams.has('host'))) {
    throw new FactwatchError('invalid_config', 'DATABASE_URL is not a PostgreSQL URL: expected postgres://user:password@host:5432/database (unset it to use the embedded database)');
  }
}

function openPostgres(url: string): DatabaseHandle {
  assertDatabaseUrl(url);
  // Notices ("relation already exists, skipping" from migrations) are noise for our users.
  const client = postgres(url, { max: POOL_MAX, onnotice: () => undefined });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(opts: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const dataDir = opts.dataDir && !opts.memory ? resolve(opts.dataDir) : null;
  // Loaded only for the embedded default (it brings the owner lock, the socket server and PGlite's loader).
  const { openEmbedded } = await import('./embedded/open-embedded.ts');
  const store = await openEmbedded({ dataDir, max: POOL_MAX, startFrom: dataDir ? null : (opts.startFrom ?? null) });
  const db = drizzlePostgres({ client: store.sql, schema }) as unknown as Db;
  const dump = store.dump;
  return { db, kind: 'pglite', close: () => store.close(), ...(dump ? { dump: () => dump() } : {}) };
}
