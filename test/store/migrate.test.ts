import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRows, MIGRATIONS_FOLDER, migrateDatabase, openDatabase, syncSources, getSource, type DatabaseHandle } from '../../src/store/index.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';

async function journalEntries(): Promise<number> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

async function appliedMigrations(h: DatabaseHandle): Promise<number> {
  const [row] = await executeRows<{ n: number }>(h.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(row?.n);
}

describe(`migrations (${backend})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDatabase();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('applies every migration in the journal once and creates the tables', async () => {
    expect(await appliedMigrations(h)).toBe(await journalEntries());
    const rows = await executeRows<{ table_name: string }>(
      h.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      'changes',
      'checks',
      'deliveries',
      'event_deliveries',
      'figures',
      'imported_captures',
      'source_events',
      'source_urls',
      'sources',
      'versions',
    ]);
  });

  it('is idempotent: migrating again (twice) changes nothing and keeps data', async () => {
    const now = new Date('2018-01-01T00:00:00Z');
    await syncSources(h.db, [{ id: 'kept', url: 'https://example.test/a', enabled: true }], now);
    await migrateDatabase(h.db, h.kind);
    await migrateDatabase(h.db, h.kind);
    expect(await appliedMigrations(h)).toBe(await journalEntries());
    expect((await getSource(h.db, 'kept'))?.url).toBe('https://example.test/a');
  });
});

describe('PGlite on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fw-store-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a missing data directory, and reopening keeps data without re-applying migrations', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = await openDatabase({ dataDir });
    expect(first.kind).toBe('pglite');
    await syncSources(first.db, [{ id: 'persisted', url: 'https://example.test/p', enabled: false }], new Date('2018-02-01T00:00:00Z'));
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      expect(await appliedMigrations(second)).toBe(await journalEntries());
      const row = await getSource(second.db, 'persisted');
      expect(row?.enabled).toBe(false);
      expect(row?.createdAt.toISOString()).toBe('2018-02-01T00:00:00.000Z');
    } finally {
      await second.close();
    }
  });
});

describe(`concurrent starters (${backend})`, () => {
  it('two processes migrating the same empty database at once both succeed, applying each migration once', async () => {
    const url = process.env.DATABASE_URL;
    if (url) {
      // PostgreSQL: two independent pools (as two workers would have) on a brand-new database.
      const name = `fw_t_mig_${Math.random().toString(36).slice(2, 10)}`;
      const admin = await openDatabase({ databaseUrl: url, skipMigrations: true });
      await admin.db.execute(sql.raw(`create database ${name}`));
      try {
        const target = new URL(url);
        target.pathname = `/${name}`;
        const [a, b] = await Promise.all([
          openDatabase({ databaseUrl: target.toString() }),
          openDatabase({ databaseUrl: target.toString() }),
        ]);
        expect(await appliedMigrations(a)).toBe(await journalEntries());
        await Promise.all([a.close(), b.close()]);
      } finally {
        await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
        await admin.close();
      }
    } else {
      // PGlite: one embedded database, two migrations started without waiting for each other.
      const h = await openDatabase({ memory: true, skipMigrations: true });
      try {
        await Promise.all([migrateDatabase(h.db, h.kind), migrateDatabase(h.db, h.kind)]);
        expect(await appliedMigrations(h)).toBe(await journalEntries());
      } finally {
        await h.close();
      }
    }
  });
});
