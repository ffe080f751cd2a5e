import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  executeRows,
  getSource,
  loadRawBody,
  MIGRATIONS_FOLDER,
  migrateDatabase,
  openDatabase,
  syncSources,
  versionBySeq,
  type DatabaseHandle,
} from '../../src/store/index.ts';
import { PGLITE_SHARED_BUFFERS } from '../../src/store/embedded/open-embedded.ts';
import { revisionHtml } from '../helpers/snapshots.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { makeDocument, makeVersionInput, storeNextVersion } from './make-document.ts';
import { openOlderRelease } from './older-release.ts';

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
      'figures',
      'imported_captures',
      'series_fact_sources',
      'series_facts',
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
      // The engine runs with the small buffer cache, not PostgreSQL's 128 MB default (issue 8 memory).
      const [setting] = await executeRows<{ shared_buffers: string }>(second.db, sql`show shared_buffers`);
      expect(setting?.shared_buffers).toBe(PGLITE_SHARED_BUFFERS);
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

describe(`raw bodies of an older release (${backend})`, () => {
  it('migration 0005 keeps every existing version a readable keyframe, and new versions delta against them', async () => {
    // A database as the release before raw deltas left it.
    const h = await openOlderRelease('0005');
    try {
      expect(h.applied).toBe(5);
      const columns = async () =>
        (await executeRows<{ column_name: string }>(h.db, sql`select column_name from information_schema.columns where table_name = 'versions'`)).map((c) => c.column_name);
      expect(await columns()).not.toContain('raw_base_id');

      // Rows as the older release wrote them: whole gzipped bodies, sections with their text.
      const at = new Date('2017-07-05T00:00:00Z');
      // Raw SQL: the code's insert names every column of today's schema, which this one predates.
      await h.db.execute(sql`insert into sources (id, url, enabled, created_at) values ('old', 'https://example.test/old', true, ${at.toISOString()}::timestamptz)`);
      const bodies = [revisionHtml('2017-07-05'), revisionHtml('2017-10-26')].map((s) => Buffer.from(s));
      const document = makeDocument();
      for (const [i, body] of bodies.entries()) {
        await h.db.execute(sql`insert into versions (source_id, seq, content_hash, raw_gzip, raw_hash, final_url, captured_at, last_seen_at, document)
          values ('old', ${i + 1}, ${`c${i}`}, ${gzipSync(body)}, ${`r${i}`}, 'https://example.test/old', ${new Date(at.getTime() + i * 86_400_000).toISOString()}::timestamptz,
                  ${new Date(at.getTime() + i * 86_400_000).toISOString()}::timestamptz, ${JSON.stringify(document)}::jsonb)`);
      }

      await migrateDatabase(h.db, h.kind);
      expect(await columns()).toContain('raw_base_id');
      const old = await executeRows<{ id: number; raw_base_id: number | null }>(h.db, sql`select id, raw_base_id from versions order by seq`);
      expect(old.map((r) => r.raw_base_id)).toEqual([null, null]);
      for (const [i, r] of old.entries()) expect((await loadRawBody(h.db, Number(r.id)))?.equals(bodies[i]!)).toBe(true);
      expect((await versionBySeq(h.db, 'old', 2))?.document).toEqual(document);

      const next = Buffer.from(revisionHtml('2020-05'));
      const stored = await storeNextVersion(h.db, makeVersionInput('old', new Date('2020-05-01T00:00:00Z'), 3, { rawBody: next }));
      const [row] = await executeRows<{ raw_base_id: number | null }>(h.db, sql`select raw_base_id from versions where id = ${stored.versionId}`);
      expect(Number(row?.raw_base_id)).toBe(Number(old[1]!.id));
      expect((await loadRawBody(h.db, stored.versionId))?.equals(next)).toBe(true);
    } finally {
      await h.close();
    }
  });
});
