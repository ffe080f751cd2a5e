import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countChecksByOutcome, fetchDurationHistogram } from '../../src/store/queries/metrics.ts';
import { settleChecks } from '../../src/store/queries/settle-checks.ts';
import { latestVersionHead, latestVersionHeads } from '../../src/store/queries/versions.ts';
import { listChecks, listVersions, syncSources, type DatabaseHandle, type NewCheck } from '../../src/store/index.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { makeVersionInput, storeNextVersion } from './make-document.ts';

const t = (iso: string) => new Date(iso);
const day = (d: number) => t(`2020-03-${String(d).padStart(2, '0')}T06:00:00Z`);

/**
 * Run-length check rows: unchanged checks of the same version extend their source's latest row,
 * everything else starts a new one, a slot is never recorded twice, and totals still count checks.
 */
describe(`check runs (${backend})`, () => {
  let h: DatabaseHandle;
  let v1: number;
  let v2: number;
  const unchanged = (sourceId: string, d: number, versionId: number, over: Partial<NewCheck> = {}): NewCheck => ({
    sourceId,
    checkedAt: day(d),
    outcome: 'unchanged',
    httpStatus: 200,
    bytes: 1000,
    durationMs: 20 + d,
    versionId,
    ...over,
  });
  const settle = (checks: NewCheck[]) => settleChecks(h.db, [], checks, { leaseToken: null });

  beforeAll(async () => {
    h = await openTestDatabase();
    await syncSources(h.db, ['r-a', 'r-b', 'r-slots'].map((id) => ({ id, url: `https://example.test/${id}`, enabled: true })), day(1));
    v1 = (await storeNextVersion(h.db, makeVersionInput('r-a', day(1), 1))).versionId;
    await storeNextVersion(h.db, makeVersionInput('r-b', day(1), 1));
    await storeNextVersion(h.db, makeVersionInput('r-slots', day(1), 1));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('extends one row per run of unchanged checks and starts a new row on a change', async () => {
    await settle([unchanged('r-a', 2, v1)]);
    await settle([unchanged('r-a', 3, v1)]);
    await settle([unchanged('r-a', 4, v1, { outcome: 'not_modified', httpStatus: 304, bytes: 0 })]);
    await settle([unchanged('r-a', 5, v1, { outcome: 'not_modified', httpStatus: 304, bytes: 0 })]);
    v2 = (await storeNextVersion(h.db, makeVersionInput('r-a', day(6), 2))).versionId;
    await settle([unchanged('r-a', 7, v2)]);
    await settle([unchanged('r-a', 8, v2)]);
    const rows = (await listChecks(h.db, 'r-a', 10)).reverse();
    expect(rows.map((r) => [r.outcome, r.repeats, r.checkedAt.getUTCDate(), r.lastCheckedAt?.getUTCDate() ?? null])).toEqual([
      ['new', 1, 1, null],
      ['unchanged', 2, 2, 3],
      ['not_modified', 2, 4, 5],
      ['changed', 1, 6, null],
      ['unchanged', 2, 7, 8],
    ]);
  });

  it('moves the seen version forward in the same batch (no touch per check)', async () => {
    const [, second] = await listVersions(h.db, 'r-a');
    expect(second!.lastSeenAt).toEqual(day(8));
    const [first] = await listVersions(h.db, 'r-a');
    expect(first!.lastSeenAt).toEqual(day(5));
  });

  it('does not extend a run across a failure, and counts every check in the metrics', async () => {
    const head = (await latestVersionHead(h.db, 'r-b'))!;
    await settle([unchanged('r-b', 2, head.id), unchanged('r-b', 3, head.id)]);
    await settle([{ sourceId: 'r-b', checkedAt: day(4), outcome: 'fetch_error', httpStatus: 503, error: 'http_status: HTTP 503' }]);
    await settle([unchanged('r-b', 5, head.id)]);
    const rows = (await listChecks(h.db, 'r-b', 10)).reverse();
    expect(rows.map((r) => [r.outcome, r.repeats])).toEqual([
      ['new', 1],
      ['unchanged', 2],
      ['fetch_error', 1],
      ['unchanged', 1],
    ]);
    const counts = Object.fromEntries((await countChecksByOutcome(h.db)).map((c) => [c.label, c.count]));
    // r-a: 1 new, 4 unchanged, 2 not_modified, 1 changed; r-b: 1 new, 3 unchanged, 1 fetch_error; r-slots: 1 new.
    expect(counts).toEqual({ new: 3, unchanged: 7, not_modified: 2, changed: 1, fetch_error: 1 });
    const histogram = await fetchDurationHistogram(h.db, [1000]);
    expect(histogram.count).toBe(13); // every check with a duration: all 14 but the fetch error
  });

  it('records a schedule slot once, whether it is the start of a run or inside it', async () => {
    const head = (await latestVersionHead(h.db, 'r-slots'))!;
    const slot = (d: number) => unchanged('r-slots', d, head.id, { dueAt: day(d) });
    await settle([slot(2)]);
    await settle([slot(3)]);
    await settle([slot(4)]);
    // A successor re-checks slots 2 (the run's first) and 3 (inside the run) a little later.
    await settle([{ ...slot(2), checkedAt: t('2020-03-04T07:00:00Z') }, { ...slot(3), sourceId: 'r-slots', checkedAt: t('2020-03-04T07:00:01Z') }]);
    const rows = (await listChecks(h.db, 'r-slots', 10)).reverse();
    expect(rows.map((r) => [r.outcome, r.repeats, r.dueAt?.getUTCDate() ?? null, r.lastDueAt?.getUTCDate() ?? null])).toEqual([
      ['new', 1, null, null],
      ['unchanged', 3, 2, 4],
    ]);
  });

  it('reads the heads of many sources in one query, the latest version of each', async () => {
    const heads = await latestVersionHeads(h.db, ['r-a', 'r-b', 'nobody']);
    expect([...heads.keys()].sort()).toEqual(['r-a', 'r-b']);
    expect(heads.get('r-a')).toEqual({ id: v2, rawHash: 'raw-2', contentHash: 'content-2', url: 'https://example.test/france-and-north-korea/' });
  });
});
