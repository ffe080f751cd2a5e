import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSources } from '../../src/config/resolve-source.ts';
import type { SourceConfig } from '../../src/config/schema.ts';
import { executeRows } from '../../src/store/execute-rows.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { getSource, listTags } from '../../src/store/queries/sources.ts';
import { syncChangedSources } from '../../src/store/queries/sync-changed-sources.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';

/**
 * The sync `check` and `watch` start with: one digest answers "nothing changed" (the database's
 * printing of each row must match the process's, on either backend), and otherwise only the
 * differing rows are written — counted by their row versions (`xmin`), not timed.
 */
describe(`syncChangedSources (${backend})`, () => {
  let handle: DatabaseHandle;
  const now = new Date('2024-03-01T00:00:00Z');
  const nextDue = () => new Date('2024-03-02T07:00:00Z');
  const versions = async () => new Map((await executeRows<{ id: string; v: string }>(handle.db, sql`select id, xmin::text as v from sources where id like 'sy-%'`)).map((r) => [r.id, r.v]));
  const moved = (a: Map<string, string>, b: Map<string, string>) => [...b].filter(([id, v]) => a.get(id) !== v).map(([id]) => id).sort();

  beforeAll(async () => {
    handle = await openTestDatabase();
    // Only this file's sources: the digest covers the whole table.
    await handle.db.execute(sql`delete from sources`);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('writes nothing when nothing changed, only what changed otherwise, on a digest that matches the database', async () => {
    // Quotes, backslashes, non-ASCII and an astral character: JSON printing must agree or fall back.
    const base: SourceConfig[] = Array.from({ length: 50 }, (_, i) => ({ id: `sy-${i}`, url: `https://example.org/p/${i}?q="a\\b"&é=${i}`, schedule: '0 6 * * *' }));
    base.push({ id: 'sy-x', url: 'https://example.org/😀', profile: 'generic', timezone: 'Europe/Paris', enabled: false });
    const first = await syncChangedSources(handle.db, resolveSources({ sources: base }), now, nextDue);
    expect(first.written).toBe(51);
    await handle.db.execute(sql`update sources set next_check_at = now()`);
    const v0 = await versions();

    // One query and nothing written: the digest matched (a mismatch would take a second query).
    let queries = 0;
    const counting = new Proxy(handle.db, {
      get: (target, key, receiver) => {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key !== 'execute' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          queries++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    expect(await syncChangedSources(counting, resolveSources({ sources: base }), now, nextDue)).toEqual({ written: 0, disabled: 0 });
    expect(queries).toBe(1);
    expect(moved(v0, await versions())).toEqual([]);

    const edited = base.filter((s) => s.id !== 'sy-3').map((s) => (s.id === 'sy-1' ? { ...s, schedule: '0 7 * * *' } : s.id === 'sy-2' ? { ...s, url: 'https://example.org/moved' } : s));
    const summary = await syncChangedSources(handle.db, resolveSources({ sources: edited }), now, nextDue);
    expect(summary).toEqual({ written: 2, disabled: 1 });
    expect(moved(v0, await versions())).toEqual(['sy-1', 'sy-2', 'sy-3']);
    expect((await getSource(handle.db, 'sy-1'))?.nextCheckAt?.toISOString()).toBe('2024-03-02T07:00:00.000Z');
    expect((await getSource(handle.db, 'sy-3'))?.enabled).toBe(false);

    // With disableMissing off, a source missing from the file is left as it is.
    const v1 = await versions();
    await handle.db.execute(sql`update sources set enabled = true where id = 'sy-3'`);
    const v2 = await versions();
    expect(await syncChangedSources(handle.db, resolveSources({ sources: edited }), now, nextDue, { disableMissing: false })).toEqual({ written: 0, disabled: 0 });
    expect(moved(v2, await versions())).toEqual([]);
    expect(moved(v1, v2)).toEqual(['sy-3']);
  });

  it('keeps the tags in the database: a changed tag is written, the same tags are not, and the digest still matches', async () => {
    await handle.db.execute(sql`delete from sources`);
    const tagged: SourceConfig[] = [
      { id: 'sy-t1', url: 'https://example.org/t1', tags: ['asia', 'trade'] },
      { id: 'sy-t2', url: 'https://example.org/t2' },
    ];
    expect((await syncChangedSources(handle.db, resolveSources({ sources: tagged }), now, nextDue)).written).toBe(2);
    const tagsOf = async () => new Map((await executeRows<{ id: string; tags: string[] }>(handle.db, sql`select id, tags from sources order by id`)).map((r) => [r.id, r.tags]));
    expect(await tagsOf()).toEqual(new Map([['sy-t1', ['asia', 'trade']], ['sy-t2', []]]));
    const v0 = await versions();
    expect(await syncChangedSources(handle.db, resolveSources({ sources: tagged }), now, nextDue)).toEqual({ written: 0, disabled: 0 });
    expect(moved(v0, await versions())).toEqual([]);

    const retagged = tagged.map((s) => (s.id === 'sy-t2' ? { ...s, tags: ['europe'] } : s));
    expect(await syncChangedSources(handle.db, resolveSources({ sources: retagged }), now, nextDue)).toEqual({ written: 1, disabled: 0 });
    expect(moved(v0, await versions())).toEqual(['sy-t2']);
    expect((await tagsOf()).get('sy-t2')).toEqual(['europe']);
    expect(await listTags(handle.db)).toEqual(['asia', 'europe', 'trade']);
  });
});
