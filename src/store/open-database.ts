/**
 * Opens the factwatch database: PostgreSQL through postgres.js when a URL is given, otherwise
 * embedded PGlite (on disk or in memory). Both come back as the same `Db` type, so no query
 * file knows which backend it runs on.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { FactwatchError } from '../app/errors.ts';
import { migrateDatabase } from './migrate.ts';
import * as schema from './schema.ts';

/** A drizzle database on either backend. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  kind: DbKind;
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

/**
 * PGlite's buffer cache. Its engine runs in WebAssembly, whose memory only grows: PostgreSQL's
 * default 128 MB of shared buffers, once a long pass has touched them, stay in the process for
 * good (issue 8: a 10,000-source pass peaked at 560 MB on PGlite against 282 MB on PostgreSQL).
 * Its files sit in the operating system's page cache (or, in memory, in its in-memory file
 * system) anyway, so a smaller cache costs a read call, not a disk read.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`];

async function openPglite(opts: OpenDatabaseOptions): Promise<DatabaseHandle> {
  let client: PGlite;
  try {
    if (opts.dataDir && !opts.memory) {
      await mkdir(opts.dataDir, { recursive: true });
      client = await PGlite.create({ dataDir: opts.dataDir, startParams: PGLITE_START_PARAMS });
    } else {
      client = await PGlite.create({ startParams: PGLITE_START_PARAMS });
    }
  } catch (error) {
    const where = opts.dataDir && !opts.memory ? opts.dataDir : 'memory';
    throw new FactwatchError('database_open_failed', `could not open the embedded database (${where}): ${String(error)}`, {
      cause: error,
    });
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    close: () => client.close(),
  };
}
