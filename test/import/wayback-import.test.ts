import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { createArchiveClient, type ArchiveClientSettings } from '../../src/import/archive-client.ts';
import type { CaptureEvent } from '../../src/import/import-events.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { getChange, listChanges } from '../../src/store/queries/changes.ts';
import { listImportedCaptures } from '../../src/store/queries/import-ledger.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { versionAt, versionBySeq } from '../../src/store/queries/versions.ts';
import { importSourceFor, importWaybackHistory, type WaybackImportOptions } from '../../src/import/import-history.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { NEW_URL, OLD_URL, startArchiveServer, type ArchiveServer } from './archive-server.ts';
import { historyState } from './history-state.ts';

/**
 * `import wayback` against a local archive of the North Korea page: captures at both of its
 * URLs, noise, a revisit, an empty body, a redirect row, and CDX paging with a resume key.
 */
describe(`wayback import (${backend})`, () => {
  let handle: DatabaseHandle;
  let archive: ArchiveServer;
  const clock = new ManualClock('2025-01-01T00:00:00Z');
  const log = silentLogger();
  const sleeps: number[] = [];
  /** Fake monotonic time that only the fake sleep advances: spacing is exact and instant. */
  let fakeMs = 0;

  beforeAll(async () => {
    handle = await openTestDatabase();
    archive = await startArchiveServer();
  });
  afterAll(async () => {
    await archive?.close();
    await handle?.close();
  });

  async function setup(id: string) {
    const sources = resolveSources({ sources: [{ id, url: NEW_URL, aliases: [OLD_URL] }] });
    await syncSources(handle.db, sources, clock.now());
    return importSourceFor(handle.db, sources[0]!);
  }

  async function run(id: string, opts: Partial<WaybackImportOptions> = {}, settings: Partial<ArchiveClientSettings> = {}) {
    const client = createArchiveClient(
      { allowNetworks: ['127.0.0.0/8'], retries: 0, ...settings },
      { clock, log, now: () => fakeMs, sleep: async (ms) => void (sleeps.push(ms), (fakeMs += ms)) },
    );
    const events: CaptureEvent[] = [];
    try {
      const summary = await importWaybackHistory({ db: handle.db, clock, log, archive: client }, await setup(id), {
        archiveUrl: archive.url,
        pageSize: 3,
        onCapture: (e) => events.push(e),
        ...opts,
      });
      return { summary, events };
    } finally {
      await client.close();
    }
  }

  it('yields exactly the three revisions the archive serves, spanning their captures, with their change reports', async () => {
    const { summary } = await run('nk');
    // 5 identical: two noisy repeats, the revisit, the new page at the old URL; 2 skipped: empty body, 301.
    expect(summary).toEqual({ seen: 10, imported: 3, identical: 5, skipped: 2, failed: 0, refused: 0, doneBefore: 0, unrelated: 0, notes: [] });
    const { versions, changes } = await historyState(handle.db, 'nk');
    expect(versions.map((v) => [v.seq, v.updated, v.capturedAt, v.lastSeenAt, v.url])).toEqual([
      [1, '2017-07-05', '2017-07-12T08:30:00.000Z', '2017-09-20T10:00:00.000Z', OLD_URL],
      [2, '2017-10-26', '2017-10-30T09:15:00.000Z', '2018-02-14T07:00:00.000Z', OLD_URL],
      [3, '2020-05', '2020-06-12T10:10:10.000Z', '2021-01-01T00:00:00.000Z', NEW_URL],
    ]);
    expect(changes.map((c) => [c.from, c.to, c.detectedAt])).toEqual([
      [null, 1, '2017-07-12T08:30:00.000Z'],
      [1, 2, '2017-10-30T09:15:00.000Z'],
      [2, 3, '2020-06-12T10:10:10.000Z'],
    ]);
    expect(changes[1]!.change!.sections.added).toEqual(['Relations with the European Union']);
    expect(changes[1]!.change!.updated).toEqual({ from: '2017-07-05', to: '2017-10-26' });
    expect(changes[2]!.change!.url).toEqual({ from: OLD_URL, to: NEW_URL });
    expect(changes[2]!.summary).toMatch(/page moved/);
    // Paging: each URL's listing needed more than one CDX request (3 rows a page).
    expect(archive.cdxRequests().some((p) => p.includes('resumeKey='))).toBe(true);
    // The revisit was resolved from the ledger, the empty body and the 301 never fetched.
    expect(archive.captureRequests().some((p) => p.includes('20170920100000') || p.includes('20180601000000') || p.includes('20190305000000'))).toBe(false);
    const at = await versionAt(handle.db, 'nk', new Date('2019-01-01T00:00:00Z'));
    expect(at!.updated).toBe('2017-10-26');
  });

  it('adds nothing and fetches no capture when run again', async () => {
    const before = await historyState(handle.db, 'nk');
    const fetched = archive.captureRequests().length;
    const { summary } = await run('nk');
    expect(summary.imported + summary.identical + summary.failed).toBe(0);
    expect(summary.doneBefore).toBe(8);
    expect(summary.skipped).toBe(2);
    expect(archive.captureRequests().length).toBe(fetched);
    expect(await historyState(handle.db, 'nk')).toEqual(before);
  });

  it('continues an interrupted import and ends in the same state as an uninterrupted one', async () => {
    const controller = new AbortController();
    let placed = 0;
    await expect(
      run('nk-interrupted', {
        signal: controller.signal,
        onCapture: (e) => {
          if (e.outcome !== 'skipped' && ++placed === 4) controller.abort();
        },
      }),
    ).rejects.toThrow();
    expect((await historyState(handle.db, 'nk-interrupted')).versions).toHaveLength(2);
    const { summary } = await run('nk-interrupted');
    expect(summary.doneBefore).toBe(4);
    expect(await historyState(handle.db, 'nk-interrupted')).toEqual(await historyState(handle.db, 'nk'));
  });

  it('places captures that failed in the first run between the others when run again', async () => {
    // The archive fails every capture of 2017 and the first of 2020: the first run imports
    // the later captures only, the second inserts the older ones before them.
    archive.intercept((req, res, kind) => {
      if (kind !== 'capture' || !/\/web\/(2017|20200612)/.test(req.url ?? '')) return false;
      res.writeHead(500, { 'content-type': 'text/plain' }).end('archive hiccup');
      return true;
    });
    let first;
    try {
      first = await run('nk-failing');
    } finally {
      archive.intercept(null);
    }
    expect(first.summary.failed).toBe(4);
    expect(first.events.filter((e) => e.outcome === 'failed').every((e) => /500/.test(e.reason ?? ''))).toBe(true);
    expect((await historyState(handle.db, 'nk-failing')).versions.map((v) => v.updated)).toEqual(['2017-10-26', '2020-05']);
    const second = await run('nk-failing');
    expect(second.summary.failed).toBe(0);
    expect(await historyState(handle.db, 'nk-failing')).toEqual(await historyState(handle.db, 'nk'));
    const ledger = await listImportedCaptures(handle.db, 'nk-failing');
    expect(ledger.filter((r) => r.outcome === 'failed')).toEqual([]);
  });

  it('backs off on 429 and 503 for as long as Retry-After says, then goes on', async () => {
    let refused = 0;
    archive.intercept((_req, res, kind) => {
      if (refused >= 2) return false;
      refused += 1;
      if (kind === 'cdx') res.writeHead(429, { 'retry-after': '7', 'content-type': 'text/plain' }).end('slow down');
      else res.writeHead(503, { 'retry-after': '3', 'content-type': 'text/plain' }).end('busy');
      return true;
    });
    sleeps.length = 0;
    try {
      const { summary } = await run('nk-throttled', {}, { retries: 2 });
      expect(summary.failed).toBe(0);
      expect(summary.imported).toBe(3);
    } finally {
      archive.intercept(null);
    }
    expect(sleeps).toContain(7000);
  });

  it('spaces its requests: at most a few per second, whatever is asked', async () => {
    sleeps.length = 0;
    const before = archive.cdxRequests().length + archive.captureRequests().length;
    await run('nk-spaced', { from: '2020', to: '2020' }, { requestsPerSecond: 50 });
    const requests = archive.cdxRequests().length + archive.captureRequests().length - before;
    // 50 asked for, capped at 5 a second: every request after the first waited 200 ms.
    expect(requests).toBeGreaterThan(2);
    expect(sleeps).toEqual(Array.from({ length: requests - 1 }, () => 200));
  });

  it('keeps to --from/--to years', async () => {
    const { summary } = await run('nk-2017', { from: '2017', to: '2017' });
    expect(summary.imported).toBe(2);
    expect((await historyState(handle.db, 'nk-2017')).versions.map((v) => v.updated)).toEqual(['2017-07-05', '2017-10-26']);
  });

  it('refuses a loopback archive unless the configuration allows it', async () => {
    await expect(run('nk-blocked', {}, { allowNetworks: [] })).rejects.toMatchObject({ code: 'blocked_address' });
  });

  it('inserts an older capture between live versions, renumbers, and keeps the review state of the surviving change', async () => {
    // Live checks saw 5 July 2017 and, much later, May 2020; the reviewer marked that change.
    await run('nk-live', { from: '2017', to: '20170731' });
    await run('nk-live', { from: '2020', to: '2020' });
    const [liveChange] = (await listChanges(handle.db, { sourceId: 'nk-live' })).filter((c) => c.toVersion === 2);
    const { setChangeState } = await import('../../src/store/queries/changes.ts');
    await setChangeState(handle.db, liveChange!.id, 'reviewed', 'checked by hand', clock.now());
    // Compared with 5 July 2017, May 2020 had never had the EU section: nothing says it was removed.
    expect((await getChange(handle.db, liveChange!.id))!.change!.sections.removed).not.toContain('Relations with the European Union');

    const { summary } = await run('nk-live', { from: '201710', to: '2018' });
    expect(summary.imported).toBe(1);
    const state = await historyState(handle.db, 'nk-live');
    expect(state.versions.map((v) => [v.seq, v.updated])).toEqual([
      [1, '2017-07-05'],
      [2, '2017-10-26'],
      [3, '2020-05'],
    ]);
    const survivor = await getChange(handle.db, liveChange!.id);
    expect(survivor!.state).toBe('reviewed');
    expect(survivor!.note).toBe('checked by hand');
    expect(survivor!.fromVersion!.seq).toBe(2);
    expect(survivor!.toVersion.seq).toBe(3);
    // Recomputed from 26 October 2017, which had the EU section: May 2020 removed it.
    expect(survivor!.change!.sections.removed).toContain('Relations with the European Union');
    expect(survivor!.change!.updated).toEqual({ from: '2017-10-26', to: '2020-05' });
    expect((await versionBySeq(handle.db, 'nk-live', 2))!.updated).toBe('2017-10-26');
    const inserted = state.changes.find((c) => c.to === 2)!;
    expect([inserted.from, inserted.state, inserted.change!.sections.added]).toEqual([1, 'new', ['Relations with the European Union']]);
  });
});
