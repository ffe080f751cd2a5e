import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { executeRows, getSource, syncSources } from '../../src/store/index.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';

describe(`test database harness (${backend})`, () => {
  it('gives each caller its own migrated, empty database', async () => {
    const [a, b] = await Promise.all([openTestDatabase(), openTestDatabase()]);
    try {
      expect(a.kind).toBe(backend);
      await syncSources(a.db, [{ id: 'only-in-a', url: 'https://example.test/a', enabled: true }], new Date('2018-01-01T00:00:00Z'));
      expect(await getSource(a.db, 'only-in-a')).not.toBeNull();
      expect(await getSource(b.db, 'only-in-a')).toBeNull();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  if (backend === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const databaseExists = async (name: string) => {
      const admin = postgres(url, { max: 1, onnotice: () => undefined });
      try {
        return (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
      } finally {
        await admin.end();
      }
    };

    it('close() drops the database', async () => {
      const h = await openTestDatabase();
      const [row] = await executeRows<{ name: string }>(h.db, sql`select current_database() as name`);
      const name = row!.name;
      expect(name).toMatch(/^fw_t_[0-9a-f]{12}$/);
      expect(await databaseExists(name)).toBe(true);
      await h.close();
      expect(await databaseExists(name)).toBe(false);
    });

    it('close() fails loudly when another connection to the test database was leaked, and still drops it', async () => {
      const h = await openTestDatabase();
      const [row] = await executeRows<{ name: string }>(h.db, sql`select current_database() as name`);
      const name = row!.name;
      const target = new URL(url);
      target.pathname = `/${name}`;
      const leaked = postgres(target.toString(), { max: 1, onnotice: () => undefined });
      await leaked`select 1`;
      await expect(h.close()).rejects.toThrow(/still open after close\(\)/);
      expect(await databaseExists(name)).toBe(false);
      await leaked.end({ timeout: 1 }).catch(() => undefined);
    });
  }
});
