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
import type { Figure } from '../../src/model/index.ts';
import { refreshSeriesFacts } from '../../src/store/queries/refresh-series-facts.ts';
import { PGLITE_SHARED_BUFFERS } from '../../src/store/embedded/open-embedded.ts';
import { revisionHtml } from '../helpers/snapshots.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { makeDocument, makeFigure, makeVersionInput, storeNextVersion } from './make-document.ts';
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

  it('migrations 0012 and 0013 leave the kept series facts a recompute gives, versions and removals included, labels kept', async () => {
    const h = await openOlderRelease('0013');
    try {
      expect(h.applied).toBe(13);
      // A history whose series change, stay, leave the page and arrive (versions and figures are as 0012 had them).
      const fig = (series: string, value: number) => makeFigure({ key: series, series, value, raw: `€${value} million`, sentence: `${series} came to €${value} million.` });
      const history: Record<string, Figure[][]> = {
        a: [[fig('trade', 1), fig('aid', 5)], [fig('trade', 2), fig('aid', 5)], [fig('trade', 2)], [fig('trade', 3)]],
        b: [[fig('debt', 1)], [fig('debt', 1), fig('loans', 2)]],
      };
      let n = 0;
      for (const [source, versions] of Object.entries(history)) {
        await h.db.execute(sql`insert into sources (id, url, enabled, created_at) values (${source}, ${`https://example.test/${source}`}, true, '2016-01-01T00:00:00Z'::timestamptz)`);
        for (const [i, figures] of versions.entries()) {
          await storeNextVersion(h.db, makeVersionInput(source, new Date(Date.UTC(2016, 0, 1 + i)), ++n, { document: makeDocument({ figures }), contentHash: `c-${n}` }));
        }
      }
      // What 0012 left: its own backfill, and labels a refresh had made since.
      const statements = (await readFile(join(MIGRATIONS_FOLDER, '0012_series_facts.sql'), 'utf8')).split('--> statement-breakpoint');
      const backfill = statements.filter((s) => s.includes('insert into series_facts'));
      expect(backfill).toHaveLength(1);
      await h.db.execute(sql.raw(backfill[0]!));
      await h.db.execute(sql`update series_facts set label = 'label of ' || series`);

      await migrateDatabase(h.db, h.kind);
      const read = () => executeRows<Record<string, unknown>>(h.db, sql`select * from series_facts order by source_id, series`);
      const migrated = await read();
      // Read off the history above: aid left the page with a's third version; trade changed at 2 and 4.
      const pick = (series: string) => {
        const r = migrated.find((m) => m.series === series)!;
        return { latest: r.latest_seq, before: r.before_seq, removed: r.removed_seq, label: r.label };
      };
      expect(pick('aid')).toEqual({ latest: 2, before: null, removed: 3, label: 'label of aid' });
      expect(pick('trade')).toEqual({ latest: 4, before: 3, removed: null, label: 'label of trade' });
      expect(pick('loans')).toEqual({ latest: 2, before: null, removed: null, label: 'label of loans' });
      const [records] = await executeRows<{ n: number }>(h.db, sql`select count(*)::int as n from series_fact_sources`);
      expect(records!.n).toBe(2);
      // And every column is what the code computes from every point (a recompute keeps labels of figures that read the same).
      await refreshSeriesFacts(h.db, undefined, { full: true });
      expect(await read()).toEqual(migrated);
    } finally {
      await h.close();
    }
  });
});
