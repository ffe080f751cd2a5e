import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { createArchiveClient } from '../../src/import/archive-client.ts';
import type { CaptureEvent } from '../../src/import/import-events.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { importSourceFor, importWaybackHistory, type WaybackImportOptions } from '../../src/import/import-history.ts';
import { revisionHtml } from '../helpers/snapshots.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { NEW_URL, northKoreaCaptures, OLD_URL, sha1Base32, startArchiveServer, type ArchiveServer } from './archive-server.ts';
import { historyState } from './history-state.ts';

const HEADER = ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length'];

function answer(res: ServerResponse, table: unknown[]): true {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(table));
  return true;
}

/** Archives are untrusted input: listings that name other pages, page forever, or date captures in 2999. */
describe(`wayback import from a hostile archive (${backend})`, () => {
  let handle: DatabaseHandle;
  let archive: ArchiveServer;
  const clock = new ManualClock('2025-01-01T00:00:00Z');
  const log = silentLogger();
  let fakeMs = 0;
  const v3 = revisionHtml('2020-05');

  beforeAll(async () => {
    handle = await openTestDatabase();
    archive = await startArchiveServer([
      ...northKoreaCaptures(),
      // The same page dated where no capture can be: it must not become the current version.
      { timestamp: '29991231235959', original: NEW_URL, status: '200', mimetype: 'text/html', body: revisionHtml('2017-07-05'), digest: 'FUTURE' },
      { timestamp: '19850101000000', original: NEW_URL, status: '200', mimetype: 'text/html', body: revisionHtml('2017-07-05'), digest: 'PAST' },
      { timestamp: '00010203040506', original: NEW_URL, status: '200', mimetype: 'text/html', body: revisionHtml('2017-07-05'), digest: 'YEAR1' },
    ]);
  });
  afterAll(async () => {
    await archive?.close();
    await handle?.close();
  });

  async function run(id: string, opts: Partial<WaybackImportOptions> = {}) {
    const sources = resolveSources({ sources: [{ id, url: NEW_URL, aliases: [OLD_URL] }] });
    await syncSources(handle.db, sources, clock.now());
    const client = createArchiveClient({ allowNetworks: ['127.0.0.0/8'], retries: 0 }, { clock, log, now: () => fakeMs, sleep: async (ms) => void (fakeMs += ms) });
    const events: CaptureEvent[] = [];
    try {
      const summary = await importWaybackHistory({ db: handle.db, clock, log, archive: client }, await importSourceFor(handle.db, sources[0]!), {
        archiveUrl: archive.url,
        pageSize: 3,
        onCapture: (e) => events.push(e),
        ...opts,
      });
      return { summary, events };
    } finally {
      archive.intercept(null);
      await client.close();
    }
  }

  it('refuses captures dated in the future or before 1990 without fetching them; the newest true capture stays current', async () => {
    const { summary, events } = await run('dated');
    expect(summary).toMatchObject({ imported: 3, refused: 3, failed: 0 });
    expect(events.filter((e) => e.outcome === 'refused').map((e) => e.reason)).toEqual([
      'dated 0001-02-03T04:05:06Z, before 1990: not a web capture',
      'dated 1985-01-01T00:00:00Z, before 1990: not a web capture',
      'dated 2999-12-31T23:59:59Z, in the future (now 2025-01-01T00:00:00Z)',
    ]);
    expect(archive.captureRequests().some((p) => /\/web\/(2999|1985|0001)/.test(p))).toBe(false);
    const { versions } = await historyState(handle.db, 'dated');
    expect(versions.map((v) => [v.updated, v.lastSeenAt])).toEqual([
      ['2017-07-05', '2017-09-20T10:00:00.000Z'],
      ['2017-10-26', '2018-02-14T07:00:00.000Z'],
      ['2020-05', '2021-01-01T00:00:00.000Z'],
    ]);
  });

  it('skips and counts CDX rows for URLs that are none of the source’s, and never fetches them', async () => {
    const before = archive.captureRequests().length;
    const row = (ts: string, original: string, body: string) => ['k', ts, original, 'text/html', '200', sha1Base32(body), '1'];
    archive.intercept((req, res, kind) => {
      if (kind !== 'cdx') return false;
      const url = new URL(req.url!, 'http://x').searchParams.get('url');
      if (url !== NEW_URL) return answer(res, []);
      return answer(res, [
        HEADER,
        row('20200612101010', NEW_URL, v3),
        row('20200701000000', 'https://evil.example/france-and-north-korea-65083/', '<p>planted</p>'),
        row('20200702000000', 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/another-page/', '<p>other</p>'),
        row('20200703000000', `${NEW_URL}?page=2`, '<p>query</p>'),
      ]);
    });
    const { summary } = await run('unrelated');
    expect(summary).toMatchObject({ seen: 1, imported: 1, unrelated: 3 });
    expect(archive.captureRequests().slice(before).map((p) => p.slice(0, 20))).toEqual(['/web/20200612101010i']);
  });

  it('stops paging after a run of empty pages that each hand back a new resume key, and says so', async () => {
    const before = archive.cdxRequests().length;
    let n = 0;
    archive.intercept((_req, res, kind) => (kind === 'cdx' ? answer(res, [HEADER, [], [`key-${(n += 1)}`]]) : false));
    const { summary } = await run('empty-pages');
    // Five pages for each of the two URLs, not a thousand.
    expect(archive.cdxRequests().length - before).toBe(10);
    expect(summary.notes).toEqual([
      `${NEW_URL}: CDX paging stopped after 5 pages: 5 pages in a row had no rows, each with a new resume key; its captures may be incomplete`,
      `${OLD_URL}: CDX paging stopped after 5 pages: 5 pages in a row had no rows, each with a new resume key; its captures may be incomplete`,
    ]);
  });

  it('stops paging when a resume key comes back (a loop through several keys), and says so', async () => {
    const before = archive.cdxRequests().length;
    const cycle = ['A', 'B', 'C'];
    archive.intercept((req, res, kind) => {
      if (kind !== 'cdx') return false;
      const sent = new URL(req.url!, 'http://x').searchParams.get('resumeKey');
      const next = cycle[(cycle.indexOf(sent ?? '') + 1) % cycle.length]!;
      return answer(res, [HEADER, ['k', '20200612101010', NEW_URL, 'text/html', '200', sha1Base32(v3), '1'], [], [next]]);
    });
    const { summary } = await run('key-loop');
    // A, B, C, then A again: four pages for each URL.
    expect(archive.cdxRequests().length - before).toBe(8);
    expect(summary.notes[0]).toBe(`${NEW_URL}: CDX paging stopped after 4 pages: the archive sent a resume key it had sent before (a loop); its captures may be incomplete`);
    expect(summary).toMatchObject({ seen: 1, imported: 1 });
  });

  it('stops paging at the page cap when every page has rows and a fresh key, and says so', async () => {
    const before = archive.cdxRequests().length;
    let n = 0;
    archive.intercept((_req, res, kind) => {
      if (kind !== 'cdx') return false;
      n += 1;
      return answer(res, [HEADER, ['k', '20200612101010', NEW_URL, 'text/html', '200', sha1Base32(v3), '1'], [], [`key-${n}`]]);
    });
    const { summary } = await run('page-cap', { maxPages: 20 });
    expect(archive.cdxRequests().length - before).toBe(40);
    expect(summary.notes).toHaveLength(2);
    expect(summary.notes[1]).toBe(`${OLD_URL}: CDX paging stopped after 20 pages: 20 pages is the most an import reads for one URL; its captures may be incomplete`);
  });
});
