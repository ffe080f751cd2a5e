import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { readWarcCaptures } from '../../src/import/warc-captures.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { importSourceFor, importWarcHistory } from '../../src/import/import-history.ts';
import { revisionHtml } from '../helpers/snapshots.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { NEW_URL, noisy, OLD_URL } from './archive-server.ts';
import { historyState } from './history-state.ts';
import { writeWarc } from './write-warc.ts';

const EXAMPLE_WARC = fileURLToPath(new URL('../../snapshots/corpus/wayback/example.warc.gz', import.meta.url));

describe('reading WARC files', () => {
  it('finds the response and the revisit of the real example.warc.gz, with their dates and digest', async () => {
    const captures = [];
    for await (const c of readWarcCaptures(EXAMPLE_WARC, () => true)) captures.push({ ...c, body: await c.readBody(1024 * 1024) });
    expect(captures.map((c) => [c.type, c.uri, c.capturedAt?.toISOString(), c.digest, c.status])).toEqual([
      ['response', 'http://example.com/', '2017-03-06T04:02:06.000Z', 'G7HRM7BGOKSKMSXZAHMUQTTV53QOFSMK', 200],
      ['revisit', 'http://example.com/', '2017-03-06T04:03:48.000Z', 'G7HRM7BGOKSKMSXZAHMUQTTV53QOFSMK', 200],
    ]);
    // The body was gzip-encoded in the capture: read decoded.
    expect(captures[0]!.body!.toString('utf8')).toContain('<title>Example Domain</title>');
  });
});

describe(`warc import (${backend})`, () => {
  let handle: DatabaseHandle;
  let dir: string;
  const clock = new ManualClock('2025-01-01T00:00:00Z');
  const log = silentLogger();

  beforeAll(async () => {
    handle = await openTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'factwatch-warc-'));
  });
  afterAll(async () => {
    await handle?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function sourcesFor(specs: Array<{ id: string; url: string; aliases?: string[]; profile?: string }>) {
    const resolved = resolveSources({ sources: specs });
    await syncSources(handle.db, resolved, clock.now());
    return Promise.all(resolved.map((s) => importSourceFor(handle.db, s)));
  }

  it('imports the real example.warc.gz: one version seen twice (the revisit), and nothing on a re-run', async () => {
    const sources = await sourcesFor([{ id: 'example', url: 'https://example.com/', profile: 'generic' }]);
    const first = await importWarcHistory({ db: handle.db, clock, log }, EXAMPLE_WARC, sources);
    expect(first).toMatchObject({ seen: 2, imported: 1, identical: 1, failed: 0 });
    const { versions } = await historyState(handle.db, 'example');
    expect(versions.map((v) => [v.capturedAt, v.lastSeenAt, v.url])).toEqual([
      ['2017-03-06T04:02:06.000Z', '2017-03-06T04:03:48.000Z', 'https://example.com/'],
    ]);
    const again = await importWarcHistory({ db: handle.db, clock, log }, EXAMPLE_WARC, sources);
    expect(again).toMatchObject({ seen: 2, imported: 0, identical: 0, doneBefore: 2 });
  });

  it('imports a crawl written out of order, matching records to sources by every URL they had', async () => {
    const v1 = revisionHtml('2017-07-05');
    const v2 = revisionHtml('2017-10-26');
    const v3 = revisionHtml('2020-05');
    const file = join(dir, 'nk.warc.gz');
    await writeWarc(
      file,
      [
        { url: NEW_URL, date: '2020-06-12T10:10:10Z', body: v3 },
        { url: 'https://example.org/unrelated', date: '2018-01-01T00:00:00Z', body: '<p>other site</p>' },
        { url: 'http://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea', date: '2017-07-12T08:30:00Z', body: v1 },
        { url: OLD_URL, date: '2017-10-30T09:15:00Z', body: v2 },
        { url: OLD_URL, date: '2017-08-15T12:00:00Z', body: noisy(v1, 1) },
        // warcio writes WARC/1.1 payload digests as sha256 hex; a revisit repeats the digest it refers to.
        { url: OLD_URL, date: '2018-02-14T07:00:00Z', refersToDigest: `sha256:${createHash('sha256').update(v2).digest('hex')}` },
        { url: OLD_URL, date: '2019-03-05T00:00:00Z', status: 301, body: '' },
      ],
      { gzip: true },
    );
    const sources = await sourcesFor([{ id: 'nk-warc', url: NEW_URL, aliases: [OLD_URL] }]);
    const summary = await importWarcHistory({ db: handle.db, clock, log }, file, sources);
    expect(summary).toEqual({ seen: 6, imported: 3, identical: 2, skipped: 1, failed: 0, refused: 0, doneBefore: 0, unrelated: 0, notes: [] });
    const { versions, changes } = await historyState(handle.db, 'nk-warc');
    expect(versions.map((v) => [v.seq, v.updated, v.capturedAt, v.lastSeenAt])).toEqual([
      [1, '2017-07-05', '2017-07-12T08:30:00.000Z', '2017-08-15T12:00:00.000Z'],
      [2, '2017-10-26', '2017-10-30T09:15:00.000Z', '2018-02-14T07:00:00.000Z'],
      [3, '2020-05', '2020-06-12T10:10:10.000Z', '2020-06-12T10:10:10.000Z'],
    ]);
    expect(changes.map((c) => [c.from, c.to])).toEqual([
      [null, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(changes[1]!.change!.sections.added).toEqual(['Relations with the European Union']);
    const again = await importWarcHistory({ db: handle.db, clock, log }, file, sources);
    expect(again).toMatchObject({ imported: 0, identical: 0, failed: 0 });
    expect(await historyState(handle.db, 'nk-warc')).toEqual({ versions, changes });
  });

  it('splits a version when a capture between two sightings of it shows a different page (a revert)', async () => {
    const v1 = revisionHtml('2017-07-05');
    const v2 = revisionHtml('2017-10-26');
    const late = join(dir, 'late.warc');
    const middle = join(dir, 'middle.warc');
    await writeWarc(late, [
      { url: OLD_URL, date: '2017-07-12T00:00:00Z', body: v1 },
      { url: OLD_URL, date: '2017-12-01T00:00:00Z', body: noisy(v1, 2) },
    ], { gzip: false });
    await writeWarc(middle, [{ url: OLD_URL, date: '2017-10-30T00:00:00Z', body: v2 }], { gzip: false });
    const sources = await sourcesFor([{ id: 'nk-revert', url: OLD_URL }]);
    await importWarcHistory({ db: handle.db, clock, log }, late, sources);
    expect((await historyState(handle.db, 'nk-revert')).versions).toHaveLength(1);
    await importWarcHistory({ db: handle.db, clock, log }, middle, sources);
    const { versions, changes } = await historyState(handle.db, 'nk-revert');
    expect(versions.map((v) => [v.seq, v.updated, v.capturedAt, v.lastSeenAt])).toEqual([
      [1, '2017-07-05', '2017-07-12T00:00:00.000Z', '2017-07-12T00:00:00.000Z'],
      [2, '2017-10-26', '2017-10-30T00:00:00.000Z', '2017-10-30T00:00:00.000Z'],
      [3, '2017-07-05', '2017-12-01T00:00:00.000Z', '2017-12-01T00:00:00.000Z'],
    ]);
    expect(changes.map((c) => [c.from, c.to, c.change?.sections.removed ?? null])).toEqual([
      [null, 1, null],
      [1, 2, []],
      [2, 3, ['Relations with the European Union']],
    ]);
  });
});
