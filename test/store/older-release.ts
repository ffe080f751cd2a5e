/**
 * A fresh database migrated only as far as an older release shipped, for tests of a migration
 * that must carry existing rows over: build it, insert rows the way that release wrote them (raw
 * SQL — the code's inserts name today's columns), then run `migrateDatabase` with the real folder.
 *
 * On PostgreSQL (`DATABASE_URL`) a brand-new database of its own, not a clone of the migrated
 * template; on PGlite one in memory.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../../src/store/migrate.ts';
import { openDatabase, type DatabaseHandle } from '../../src/store/open-database.ts';

export interface OlderRelease extends DatabaseHandle {
  /** How many migrations the older release had. */
  applied: number;
}

/** A database holding every migration before the one tagged `<before>_…` (e.g. '0007'). */
export async function openOlderRelease(before: string): Promise<OlderRelease> {
  const folder = await mkdtemp(join(tmpdir(), 'fw-old-migrations-'));
  const url = process.env.DATABASE_URL;
  const name = `fw_t_old_${Math.random().toString(36).slice(2, 10)}`;
  const admin = url ? await openDatabase({ databaseUrl: url, skipMigrations: true }) : null;
  let h: DatabaseHandle | null = null;
  const dropAll = async () => {
    await h?.close();
    if (admin) {
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    }
    await rm(folder, { recursive: true, force: true });
  };
  try {
    const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
    const cut = journal.entries.findIndex((e) => e.tag.startsWith(`${before}_`));
    if (cut < 0) throw new Error(`no migration ${before}_… in the journal`);
    const entries = journal.entries.slice(0, cut);
    await mkdir(join(folder, 'meta'));
    await writeFile(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const e of entries) await copyFile(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));

    if (admin) await admin.db.execute(sql.raw(`create database ${name}`));
    const target = url ? Object.assign(new URL(url), { pathname: `/${name}` }).toString() : null;
    h = await openDatabase(target ? { databaseUrl: target, skipMigrations: true } : { memory: true, skipMigrations: true });
    await migrateDatabase(h.db, h.kind, folder);
    return { db: h.db, kind: h.kind, applied: entries.length, close: dropAll };
  } catch (error) {
    await dropAll();
    throw error;
  }
}
