/**
 * A fresh, migrated database for integration tests, on the backend the environment selects:
 *
 * - `DATABASE_URL` set → PostgreSQL. Each call gets its own database `fw_t_<random>`, cloned
 *   from a migrated template `fw_tpl_<hash of the migrations>` (cloning is much faster than
 *   migrating, as in graphile-worker's tests). The template is built once, under an advisory
 *   lock, so test files starting in parallel forks neither race nor build it twice; a changed
 *   migration gets a new template name. `close()` ends the pool, checks that nothing else is
 *   still connected (a leaked pool fails the test file), and drops the database.
 * - otherwise → PGlite in memory, started from a dump of a migrated template
 *   (`factwatch-pglite-tpl-<hash of the migrations>.tar` in the temp directory, written once by
 *   whichever test file needs it first, atomically by rename). A new cluster's initdb and the
 *   migrations take 3–8 s per file; loading the dump well under one. Still open one per test
 *   FILE (beforeAll / afterAll) and give each test its own source ids.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import postgres from 'postgres';
import { MIGRATIONS_FOLDER } from '../../src/store/migrate.ts';
import { openDatabase, type DatabaseHandle } from '../../src/store/open-database.ts';
import type { DbKind } from '../../src/store/db.ts';

/** The backend the tests in this run use; put it in test names. */
export const backend: DbKind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) return openPgliteTestDatabase();
  return openPostgresTestDatabase(url);
}

async function openPgliteTestDatabase(): Promise<DatabaseHandle> {
  // The engine's version is in the name too: a dump is PGlite's data directory, not SQL.
  const template = join(tmpdir(), `factwatch-pglite-tpl-${await migrationsHash()}-${await pgliteVersion()}.tar`);
  const dump = await readFile(template).catch(() => null);
  // openDatabase runs the migrator on the clone too: a no-op, and a check that it is one.
  if (dump) return openDatabase({ memory: true, startFrom: new Blob([dump]) });
  const handle = await openDatabase({ memory: true });
  const fresh = Buffer.from(await (await handle.dump!()).arrayBuffer());
  const building = `${template}.${randomBytes(4).toString('hex')}`;
  await writeFile(building, fresh);
  await rename(building, template);
  return handle;
}

const TEMPLATE_LOCK = 'factwatch.test-template';
/** How long close() waits for the server to see connections end before calling them leaked. */
const LEAK_GRACE_MS = 5_000;

async function openPostgresTestDatabase(url: string): Promise<DatabaseHandle> {
  const template = `fw_tpl_${await migrationsHash()}`;
  const name = `fw_t_${randomBytes(6).toString('hex')}`;
  await withMaintenance(url, async (sql) => {
    // Session-level lock on our single connection: held across the multi-statement build.
    await sql`select pg_advisory_lock(hashtext(${TEMPLATE_LOCK}))`;
    try {
      await ensureTemplate(sql, url, template);
      // CREATE DATABASE … TEMPLATE fails if anyone else is reading the template; under the lock
      // no other test file is cloning it at the same moment.
      await sql.unsafe(`create database ${name} template ${template}`);
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${TEMPLATE_LOCK}))`;
    }
  });

  let handle: DatabaseHandle;
  try {
    // openDatabase runs the migrator too: a no-op on the clone, and a check that it is one.
    handle = await openDatabase({ databaseUrl: withDatabase(url, name) });
  } catch (error) {
    await dropDatabase(url, name);
    throw error;
  }
  let closed = false;
  return {
    db: handle.db,
    kind: handle.kind,
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
      const leaked = await waitForNoConnections(url, name);
      await dropDatabase(url, name);
      if (leaked > 0) {
        throw new Error(`${leaked} connection(s) to test database ${name} were still open after close(): a pool leaked`);
      }
    },
  };
}

/** Builds the migrated template unless it exists. Caller holds the template lock. */
async function ensureTemplate(sql: postgres.Sql, url: string, template: string): Promise<void> {
  const [exists] = await sql`select 1 from pg_database where datname = ${template}`;
  if (exists) return;
  // Templates of older migrations, and `_build_` leftovers of a crashed build, are dropped here:
  // only the lock holder builds or clones, so nobody is using them.
  const stale = await sql<{ datname: string }[]>`select datname from pg_database where datname like 'fw\_tpl\_%'`;
  for (const { datname } of stale) await sql.unsafe(`drop database if exists ${datname} with (force)`);
  // Build under a temporary name and rename when complete, so a half-migrated template is never used.
  const building = `${template}_build_${randomBytes(3).toString('hex')}`;
  await sql.unsafe(`create database ${building}`);
  try {
    const handle = await openDatabase({ databaseUrl: withDatabase(url, building) });
    await handle.close();
  } catch (error) {
    await sql.unsafe(`drop database if exists ${building} with (force)`);
    throw error;
  }
  await sql.unsafe(`alter database ${building} rename to ${template}`);
}

async function pgliteVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(fileURLToPath(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url)), 'utf8')) as { version: string };
  return manifest.version;
}

/** A short hash of the migration files, so editing a migration yields a fresh template. */
async function migrationsHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(MIGRATIONS_FOLDER, { recursive: true })).filter((f) => /\.(sql|json)$/.test(f)).sort();
  for (const file of files) {
    hash.update(file);
    hash.update(await readFile(join(MIGRATIONS_FOLDER, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

/** Polls until the server reports no connection to `name`; returns how many remain after the grace. */
async function waitForNoConnections(url: string, name: string): Promise<number> {
  return withMaintenance(url, async (sql) => {
    const deadline = performance.now() + LEAK_GRACE_MS;
    for (;;) {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = ${name}`;
      const n = row?.n ?? 0;
      if (n === 0 || performance.now() > deadline) return n;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
}

async function dropDatabase(url: string, name: string): Promise<void> {
  await withMaintenance(url, async (sql) => {
    await sql.unsafe(`drop database if exists ${name} with (force)`);
  });
}

/** One short-lived connection to the URL's own database, for CREATE/DROP DATABASE. */
async function withMaintenance<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
