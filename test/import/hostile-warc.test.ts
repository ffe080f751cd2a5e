import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import type { CaptureEvent } from '../../src/import/import-events.ts';
import { readWarcCaptures } from '../../src/import/warc-captures.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { listImportedCaptures } from '../../src/store/queries/import-ledger.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { importSourceFor, importWarcHistory } from '../../src/import/import-history.ts';
import { revisionHtml } from '../helpers/snapshots.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { OLD_URL } from './archive-server.ts';
import { historyState } from './history-state.ts';
import { gzipMembers, gzipZeros, rawRecord, warcinfoRecord } from './hostile-warc.ts';

const MiB = 1024 * 1024;

/** Archives are untrusted input: WARC files that are not WARC, cut short, bombs, lying dates. */
describe('reading hostile WARC files', () => {
  let dir: string;
  beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'factwatch-hostile-warc-'))));
  afterAll(async () => void (dir && (await rm(dir, { recursive: true, force: true }))));

  async function file(name: string, bytes: Buffer): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  }

  async function readAll(path: string, maxBytes = MiB) {
    const out: Array<{ uri: string; body: Buffer | null }> = [];
    for await (const c of readWarcCaptures(path, () => true)) out.push({ uri: c.uri, body: await c.readBody(maxBytes) });
    return out;
  }

  it('refuses a file that is not WARC as bad_warc: random bytes, text, an empty file, random bytes gzipped', async () => {
    for (const [name, bytes] of [
      ['random.bin', randomBytes(64 * 1024)],
      ['text.warc', Buffer.from('hello\r\nthis is not a warc\r\n\r\nat all\r\n')],
      ['empty.warc', Buffer.alloc(0)],
      ['random.warc.gz', gzipSync(randomBytes(64 * 1024))],
    ] as const) {
      await expect(readAll(await file(name, bytes)), name).rejects.toMatchObject({ code: 'bad_warc', message: expect.stringMatching(/not a WARC file/) });
    }
  });

  it('gives up on a .warc.gz member that inflates to 256 MB with no line break, without holding what it inflates', async () => {
    const bomb = await file('header-bomb.warc.gz', Buffer.concat([gzipSync(warcinfoRecord()), await gzipZeros(256 * MiB)]));
    const rss = process.memoryUsage().rss;
    await expect(readAll(bomb)).rejects.toMatchObject({ code: 'bad_warc', message: expect.stringMatching(/headers run past/) });
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * MiB);
  });

  it('stops decoding a gzip-bomb body at maxBytes (too_large) and goes on with the next record', async () => {
    const bomb = await gzipZeros(256 * MiB);
    const path = await file(
      'body-bomb.warc',
      Buffer.concat([
        warcinfoRecord(),
        rawRecord({ uri: 'https://a.test/bomb', date: '2017-01-01T00:00:00Z', body: bomb, httpHeaders: { 'Content-Encoding': 'gzip' } }),
        rawRecord({ uri: 'https://a.test/next', date: '2017-01-02T00:00:00Z', body: '<p>next</p>' }),
      ]),
    );
    const rss = process.memoryUsage().rss;
    const seen: string[] = [];
    for await (const c of readWarcCaptures(path, () => true)) {
      const outcome = await c.readBody(MiB).then(
        (b) => `${b!.length} bytes`,
        (err: { code: string }) => err.code,
      );
      seen.push(`${c.uri} ${outcome}`);
    }
    expect(seen).toEqual(['https://a.test/bomb too_large', 'https://a.test/next 11 bytes']);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * MiB);
  });

  it('reads a record whose Content-Length runs past the end of the file as truncated, not as the rest of the file', async () => {
    const path = await file(
      'huge-length.warc',
      Buffer.concat([
        rawRecord({ uri: 'https://a.test/liar', date: '2017-01-01T00:00:00Z', body: '<p>short</p>', contentLength: 1e12 }),
        rawRecord({ uri: 'https://a.test/swallowed', date: '2017-01-02T00:00:00Z', body: '<p>x</p>' }),
      ]),
    );
    await expect(readAll(path)).rejects.toMatchObject({ code: 'truncated_record', message: expect.stringMatching(/a\.test\/liar.*truncated/) });
  });

  it('ends, as bad_warc, on a file cut inside a record of another site that is never read (warcio would spin forever)', async () => {
    const whole = Buffer.concat([
      rawRecord({ uri: 'https://a.test/', date: '2017-01-01T00:00:00Z', body: '<p>one</p>' }),
      rawRecord({ uri: 'https://other.test/', date: '2017-01-02T00:00:00Z', body: '<p>two</p>'.repeat(100) }),
    ]);
    const path = await file('cut-other.warc', whole.subarray(0, whole.length - 300));
    const uris: string[] = [];
    const run = (async () => {
      for await (const c of readWarcCaptures(path, (u) => u.startsWith('https://a.test'))) uris.push(c.uri);
    })();
    await expect(run).rejects.toMatchObject({ code: 'bad_warc', message: expect.stringMatching(/record 2 \(https:\/\/other\.test\/\).*truncated/) });
    expect(uris).toEqual(['https://a.test/']);
  });
});

describe(`warc import of hostile files (${backend})`, () => {
  let handle: DatabaseHandle;
  let dir: string;
  const clock = new ManualClock('2025-01-01T00:00:00Z');
  const log = silentLogger();
  const v1 = revisionHtml('2017-07-05');
  const v2 = revisionHtml('2017-10-26');

  beforeAll(async () => {
    handle = await openTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'factwatch-hostile-import-'));
  });
  afterAll(async () => {
    await handle?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function setup(id: string, maxBytes?: number) {
    const resolved = resolveSources({ sources: [{ id, url: OLD_URL, ...(maxBytes ? { fetch: { maxBytes } } : {}) }] });
    await syncSources(handle.db, resolved, clock.now());
    return Promise.all(resolved.map((s) => importSourceFor(handle.db, s)));
  }

  async function run(id: string, name: string, bytes: Buffer, maxBytes?: number) {
    const path = join(dir, name);
    await writeFile(path, bytes);
    const events: CaptureEvent[] = [];
    const summary = await importWarcHistory({ db: handle.db, clock, log }, path, await setup(id, maxBytes), { onCapture: (e) => events.push(e) });
    return { summary, events };
  }

  for (const gzip of [false, true]) {
    it(`imports the records before a truncated one and records the truncated one as failed (${gzip ? '.warc.gz' : '.warc'})`, async () => {
      const records = [
        warcinfoRecord(),
        rawRecord({ uri: OLD_URL, date: '2017-07-12T00:00:00Z', body: v1 }),
        rawRecord({ uri: OLD_URL, date: '2017-10-30T00:00:00Z', body: v2 }),
      ];
      const whole = gzip ? gzipMembers(records) : Buffer.concat(records);
      const id = `cut-${gzip ? 'gz' : 'plain'}`;
      const { summary, events } = await run(id, `${id}.warc`, whole.subarray(0, whole.length - 2000));
      expect(summary).toMatchObject({ seen: 2, imported: 1, failed: 1 });
      expect(events.map((e) => [e.capturedAt?.toISOString(), e.outcome, e.reason?.replace(/:.*/, '')])).toEqual([
        ['2017-07-12T00:00:00.000Z', 'imported', undefined],
        ['2017-10-30T00:00:00.000Z', 'failed', 'truncated_record'],
      ]);
      expect((await historyState(handle.db, id)).versions.map((v) => v.updated)).toEqual(['2017-07-05']);
      const ledger = await listImportedCaptures(handle.db, id);
      expect(ledger.map((r) => [r.outcome, r.error?.replace(/:.*/, '') ?? null])).toEqual([
        ['imported', null],
        ['failed', 'truncated_record'],
      ]);
    });
  }

  it('fails (and records) a record whose body decodes past the source maxBytes, and imports the next one', async () => {
    const { summary, events } = await run(
      'bomb',
      'bomb.warc',
      Buffer.concat([
        rawRecord({ uri: OLD_URL, date: '2017-07-12T00:00:00Z', body: await gzipZeros(64 * MiB), httpHeaders: { 'Content-Encoding': 'gzip' } }),
        rawRecord({ uri: OLD_URL, date: '2017-10-30T00:00:00Z', body: gzipSync(v2), httpHeaders: { 'Content-Encoding': 'gzip' } }),
      ]),
      MiB,
    );
    expect(summary).toMatchObject({ seen: 2, imported: 1, failed: 1 });
    expect(events[0]).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/^too_large: .*exceeds 1048576 bytes/) });
    expect((await historyState(handle.db, 'bomb')).versions.map((v) => v.updated)).toEqual(['2017-10-26']);
    expect((await listImportedCaptures(handle.db, 'bomb')).map((r) => r.outcome)).toEqual(['failed', 'imported']);
  });

  it('refuses captures dated in the future, before 1990, or not readably dated, and keeps the true current version', async () => {
    const { summary, events } = await run(
      'dates',
      'dates.warc',
      Buffer.concat([
        rawRecord({ uri: OLD_URL, date: '2017-07-12T00:00:00Z', body: v1 }),
        rawRecord({ uri: OLD_URL, date: '2999-12-31T23:59:59Z', body: v2 }),
        rawRecord({ uri: OLD_URL, date: '1985-01-01T00:00:00Z', body: v2 }),
        rawRecord({ uri: OLD_URL, date: '0001-02-03T04:05:06Z', body: v2 }),
        // Legacy Date parsing reads this as 2001: it is no WARC date at all.
        rawRecord({ uri: OLD_URL, date: 'Sat, 03 Feb 0001 04:05:06 GMT', body: v2 }),
        // Within a day of "now" (2025-01-01): clocks disagree, this is believed.
        rawRecord({ uri: OLD_URL, date: '2025-01-01T12:00:00Z', body: v2 }),
      ]),
    );
    expect(summary).toMatchObject({ seen: 6, imported: 2, refused: 4, failed: 0 });
    expect(events.filter((e) => e.outcome === 'refused').map((e) => [e.capturedAt?.toISOString() ?? null, e.reason])).toEqual([
      ['2999-12-31T23:59:59.000Z', 'dated 2999-12-31T23:59:59Z, in the future (now 2025-01-01T00:00:00Z)'],
      ['1985-01-01T00:00:00.000Z', 'dated 1985-01-01T00:00:00Z, before 1990: not a web capture'],
      ['0001-02-03T04:05:06.000Z', 'dated 0001-02-03T04:05:06Z, before 1990: not a web capture'],
      [null, 'unreadable WARC-Date "Sat, 03 Feb 0001 04:05:06 GMT"'],
    ]);
    const { versions } = await historyState(handle.db, 'dates');
    expect(versions.map((v) => [v.updated, v.capturedAt])).toEqual([
      ['2017-07-05', '2017-07-12T00:00:00.000Z'],
      ['2017-10-26', '2025-01-01T12:00:00.000Z'],
    ]);
    // Refusals are decided from the date alone: nothing to remember in the ledger.
    expect((await listImportedCaptures(handle.db, 'dates')).map((r) => r.capturedAt.toISOString())).toEqual([
      '2017-07-12T00:00:00.000Z',
      '2025-01-01T12:00:00.000Z',
    ]);
  });
});
