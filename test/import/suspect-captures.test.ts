import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { runCheckPass } from '../../src/check/check-pass.ts';
import type { CheckResult } from '../../src/check/check-source.ts';
import { createReplayTransport } from '../../src/demo/replay-transport.ts';
import { createHttpClient } from '../../src/fetch/index.ts';
import { createArchiveClient } from '../../src/import/archive-client.ts';
import type { CaptureEvent } from '../../src/import/import-events.ts';
import { importSourceFor, importWarcHistory, importWaybackHistory } from '../../src/import/import-history.ts';
import { MAX_NESTING_DEPTH, SuspectPageError } from '../../src/judge/assess-page.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { listVersions } from '../../src/store/queries/versions.ts';
import { ACCESS_DENIED_PAGE, CAPTCHA_PAGE, deeplyNested, MAINTENANCE_PAGE } from '../helpers/fault-server.ts';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { revisionHtml } from '../helpers/snapshots.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { judgeHtml } from '../judge/judge-task.ts';
import { OLD_URL, sha1Base32, startArchiveServer, type ArchiveServer } from './archive-server.ts';
import { historyState } from './history-state.ts';
import { writeWarc } from './write-warc.ts';

/**
 * An archive holds what the site served, error pages included. Imported from a WARC file or from
 * the Wayback Machine, an archived captcha, maintenance or "access denied" page, a truncated
 * capture and a deeply nested one are refused exactly as a live check refuses them — by the same
 * judge, with the same reason — and never become versions; the real revisions around them do.
 * "A live check" is run here too: the same bodies served in the same order at the same URL
 * (carried to a local server by the demo's transport), checked by the pass `check` runs.
 */
const JULY = revisionHtml('2017-07-05');
const OCTOBER = revisionHtml('2017-10-26');
const TRUNCATED = OCTOBER.slice(0, Math.floor(OCTOBER.length * 0.6));
const CAPTURES: Array<{ date: string; body: string; expect: 'imported' | 'skipped'; rule?: string }> = [
  { date: '2017-07-10T06:00:00Z', body: JULY, expect: 'imported' },
  { date: '2017-08-01T06:00:00Z', body: CAPTCHA_PAGE, expect: 'skipped', rule: 'soft_error' },
  { date: '2017-08-15T06:00:00Z', body: MAINTENANCE_PAGE, expect: 'skipped', rule: 'soft_error' },
  { date: '2017-09-01T06:00:00Z', body: ACCESS_DENIED_PAGE, expect: 'skipped', rule: 'soft_error' },
  { date: '2017-09-15T06:00:00Z', body: TRUNCATED, expect: 'skipped', rule: 'truncated' },
  { date: '2017-10-01T06:00:00Z', body: deeplyNested(MAX_NESTING_DEPTH + 50), expect: 'skipped', rule: 'nesting' },
  { date: '2017-10-30T06:00:00Z', body: OCTOBER, expect: 'imported' },
];

/** What the judge says of each refused body, against the July version: the reason a live check and an import must both give. */
function judgedReason(body: string): string {
  const july = judgeHtml(JULY, { url: OLD_URL });
  if (july.kind !== 'new') throw new Error('the July page should be a first version');
  const v = judgeHtml(body, {
    url: OLD_URL,
    previous: { versionId: 1, url: OLD_URL, rawHash: 'x', contentHash: july.contentHash, document: july.document, rawEnding: JULY.slice(-4096) },
  });
  if (v.kind !== 'suspect') throw new Error(`a live check would not refuse this body (${v.kind})`);
  return `suspect page (${v.rule}): ${v.reason}`;
}

describe(`suspect archived captures are refused as a live check refuses them (${backend})`, () => {
  let handle: DatabaseHandle;
  let dir: string;
  let archive: ArchiveServer;
  let site: PageServer;
  const clock = new ManualClock('2025-01-01T00:00:00Z');
  const log = silentLogger();
  /** What the live check made of each capture's body, in CAPTURES order. */
  const live: CheckResult[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase();
    site = await startPageServer();
    const http = createHttpClient({ retries: 0 }, { clock, log, sleep: async () => {}, transport: createReplayTransport(new URL(OLD_URL).origin, Number(new URL(site.origin).port)) });
    try {
      const sources = resolveSources({ sources: [{ id: 'live-suspect', url: OLD_URL, notify: [] }], fetch: { retries: 0 } });
      await syncSources(handle.db, sources, clock.now());
      for (const c of CAPTURES) {
        site.setRoute(new URL(OLD_URL).pathname, { body: c.body });
        live.push((await runCheckPass({ db: handle.db, http, clock, log }, sources, { all: true }))[0]!);
        clock.advance(3_600_000);
      }
    } finally {
      await http.close();
    }
    dir = await mkdtemp(join(tmpdir(), 'factwatch-suspect-'));
    archive = await startArchiveServer(
      CAPTURES.map((c) => ({
        timestamp: c.date.replace(/[-:TZ]/g, ''),
        original: OLD_URL,
        status: '200',
        mimetype: 'text/html',
        body: c.body,
        digest: sha1Base32(c.body),
      })),
    );
  });
  afterAll(async () => {
    await site?.close();
    await archive?.close();
    await handle?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function source(id: string) {
    const resolved = resolveSources({ sources: [{ id, url: OLD_URL }] });
    await syncSources(handle.db, resolved, clock.now());
    return importSourceFor(handle.db, resolved[0]!);
  }

  /** The reason the live check gave for refusing capture `i`, in the import's words. */
  function liveRefusal(i: number): string {
    const error = live[i]!.error;
    if (!(error instanceof SuspectPageError)) throw new Error(`the live check did not refuse capture ${i} as suspect (${live[i]!.outcome})`);
    return `suspect page (${error.rule}): ${error.message}`;
  }

  async function expectRefused(id: string, events: CaptureEvent[]) {
    expect(events.map((e) => e.outcome)).toEqual(CAPTURES.map((c) => c.expect));
    for (const [i, c] of CAPTURES.entries()) {
      if (c.expect !== 'skipped') continue;
      expect(events[i]!.reason).toBe(liveRefusal(i));
      expect(events[i]!.reason).toContain(`(${c.rule})`);
    }
    const { versions } = await historyState(handle.db, id);
    expect(versions.map((v) => v.capturedAt)).toEqual(['2017-07-10T06:00:00.000Z', '2017-10-30T06:00:00.000Z']);
  }

  it('by a live check: each suspect body is extraction_failed with the judge\'s rule and reason, and stores nothing', async () => {
    expect(live.map((r) => r.outcome)).toEqual(CAPTURES.map((c) => (c.expect === 'imported' ? (c === CAPTURES[0] ? 'new' : 'changed') : 'extraction_failed')));
    for (const [i, c] of CAPTURES.entries()) {
      if (c.expect !== 'skipped') continue;
      expect(live[i]!.error?.code).toBe('suspect_page');
      expect(liveRefusal(i)).toBe(judgedReason(c.body));
    }
    expect(await listVersions(handle.db, 'live-suspect')).toHaveLength(2);
  });

  it('from a WARC file', async () => {
    const path = join(dir, 'suspect.warc.gz');
    await writeWarc(path, CAPTURES.map((c) => ({ url: OLD_URL, date: c.date, body: c.body })), { gzip: true });
    const events: CaptureEvent[] = [];
    const summary = await importWarcHistory({ db: handle.db, clock, log }, path, [await source('warc-suspect')], { onCapture: (e) => events.push(e) });
    expect(summary).toMatchObject({ imported: 2, skipped: 5, failed: 0 });
    await expectRefused('warc-suspect', events);
  });

  it('from the Wayback Machine', async () => {
    const client = createArchiveClient({ allowNetworks: ['127.0.0.0/8'], retries: 0, requestsPerSecond: 50 }, { clock, log });
    const events: CaptureEvent[] = [];
    try {
      const summary = await importWaybackHistory({ db: handle.db, clock, log, archive: client }, await source('wb-suspect'), {
        archiveUrl: archive.url,
        onCapture: (e) => events.push(e),
      });
      expect(summary).toMatchObject({ imported: 2, skipped: 5, failed: 0 });
    } finally {
      await client.close();
    }
    await expectRefused('wb-suspect', events);
  });
});
