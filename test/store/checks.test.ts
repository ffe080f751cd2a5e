import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_OUTCOMES } from '../../src/model/index.ts';
import { executeRows, listChecks, recordCheckRuns, syncSources, type DatabaseHandle, type NewCheck } from '../../src/store/index.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';

const t = (iso: string) => new Date(iso);

describe(`checks (${backend})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDatabase();
    await syncSources(
      h.db,
      ['c-small', 'c-many', 'c-empty'].map((id) => ({ id, url: `https://example.test/${id}`, enabled: true })),
      t('2017-01-01T00:00:00Z'),
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  it('recordCheckRuns stores a batch with every outcome; optional fields default to null; listChecks is newest first', async () => {
    const batch: NewCheck[] = CHECK_OUTCOMES.map((outcome, i) => ({
      sourceId: 'c-small',
      checkedAt: t(`2018-01-0${i + 1}T06:00:00Z`),
      outcome,
      ...(outcome === 'fetch_error' ? { httpStatus: 503, error: 'http_503: Service Unavailable' } : {}),
      ...(outcome === 'unchanged' ? { httpStatus: 200, bytes: 66_000, durationMs: 12 } : {}),
    }));
    await recordCheckRuns(h.db, batch);
    const rows = await listChecks(h.db, 'c-small', 100);
    expect(rows.map((r) => r.outcome)).toEqual([...CHECK_OUTCOMES].reverse());
    expect(rows.find((r) => r.outcome === 'fetch_error')).toMatchObject({ httpStatus: 503, error: 'http_503: Service Unavailable', bytes: null });
    expect(rows.find((r) => r.outcome === 'unchanged')).toMatchObject({ httpStatus: 200, bytes: 66_000, durationMs: 12, versionId: null, error: null });
    const n = CHECK_OUTCOMES.length;
    expect((await listChecks(h.db, 'c-small', 3)).map((r) => r.checkedAt)).toEqual([
      t(`2018-01-0${n}T06:00:00Z`),
      t(`2018-01-0${n - 1}T06:00:00Z`),
      t(`2018-01-0${n - 2}T06:00:00Z`),
    ]);
  });

  it('recordCheckRuns writes a batch larger than one INSERT (12,001 rows) completely', async () => {
    const start = t('2018-01-01T00:00:00Z').getTime();
    const batch: NewCheck[] = Array.from({ length: 12_001 }, (_, i) => ({
      sourceId: 'c-many',
      checkedAt: new Date(start + i * 60_000),
      outcome: 'unchanged',
      httpStatus: 200,
      bytes: i,
    }));
    await recordCheckRuns(h.db, batch);
    const [row] = await executeRows<{ n: number; sum: number }>(
      h.db,
      sql`select count(*)::int as n, sum(bytes)::float8 as sum from checks where source_id = 'c-many'`,
    );
    expect(row?.n).toBe(12_001);
    expect(row?.sum).toBe((12_000 * 12_001) / 2);
  });

  it('recordCheckRuns rejects the whole batch when one row is invalid', async () => {
    const batch: NewCheck[] = [
      { sourceId: 'c-empty', checkedAt: t('2018-01-01T00:00:00Z'), outcome: 'unchanged' },
      { sourceId: 'c-empty', checkedAt: t('2018-01-02T00:00:00Z'), outcome: 'nonsense' as 'unchanged' },
    ];
    await expect(recordCheckRuns(h.db, batch)).rejects.toThrow();
    expect(await listChecks(h.db, 'c-empty', 10)).toEqual([]);
  });

  it('recordCheckRuns with an empty batch is a no-op', async () => {
    await recordCheckRuns(h.db, []);
    expect(await listChecks(h.db, 'c-empty', 10)).toEqual([]);
  });
});
