import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { extractDocument } from '../../src/extract/index.ts';
import { runCheckPass } from '../../src/check/check-pass.ts';
import { executeRows, listVersions, loadRawBody, RawDeltaError, recordCheckRuns, schema, syncSources, touchVersion, type DatabaseHandle } from '../../src/store/index.ts';
import { insertVersion, type InsertVersionInput } from '../../src/store/queries/insert-version.ts';
import { MAX_DELTA_SHARE } from '../../src/store/raw-body.ts';
import { revisionFile, revisionHtml } from '../helpers/snapshots.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { usePipelineFixture } from '../helpers/pipeline-fixture.ts';
import { emptyChange, makeDocument, makeVersionInput, storeNextVersion } from './make-document.ts';

const t = (iso: string) => new Date(iso);
const page = (r: '2017-07-05' | '2017-10-26' | '2020-05') => readFileSync(revisionFile(r));

interface StoredRaw {
  id: number;
  seq: number;
  rawBaseId: number | null;
  gzipBytes: number;
}

describe(`raw bodies as keyframes and deltas (${backend})`, () => {
  let h: DatabaseHandle;
  let n = 0;
  async function newSource(): Promise<string> {
    const id = `raw-${++n}`;
    await syncSources(h.db, [{ id, url: `https://example.test/${id}`, enabled: true }], t('2017-01-01T00:00:00Z'));
    return id;
  }
  /** The source's versions in capture order, with how their bodies are stored. */
  async function stored(sourceId: string): Promise<StoredRaw[]> {
    const rows = await h.db
      .select({ id: schema.versions.id, seq: schema.versions.seq, rawBaseId: schema.versions.rawBaseId, rawGzip: schema.versions.rawGzip })
      .from(schema.versions)
      .where(eq(schema.versions.sourceId, sourceId))
      .orderBy(schema.versions.capturedAt, schema.versions.seq);
    return rows.map(({ rawGzip, ...r }) => ({ ...r, gzipBytes: rawGzip.length }));
  }
  /** Every delta names a keyframe of its own source: never a chain, never another source. */
  async function expectOnlyKeyframeBases(): Promise<void> {
    const [bad] = await executeRows<{ n: number }>(
      h.db,
      sql`select count(*)::int as n from versions v join versions b on b.id = v.raw_base_id
          where b.raw_base_id is not null or b.source_id <> v.source_id`,
    );
    expect(bad?.n).toBe(0);
  }
  async function body(versionId: number): Promise<Buffer> {
    const b = await loadRawBody(h.db, versionId);
    if (!b) throw new Error(`version ${versionId} has no body`);
    return b;
  }

  beforeAll(async () => {
    h = await openTestDatabase();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stores the first version whole, the next ones as small deltas against it, and reads each back byte for byte', async () => {
    const id = await newSource();
    const bodies = [page('2017-07-05'), page('2017-10-26'), page('2020-05')];
    const ids: number[] = [];
    for (const [i, b] of bodies.entries()) {
      ids.push((await storeNextVersion(h.db, makeVersionInput(id, t(`201${7 + i}-01-01T00:00:00Z`), i + 1, { rawBody: b }))).versionId);
    }
    const rows = await stored(id);
    expect(rows.map((r) => r.rawBaseId)).toEqual([null, ids[0], ids[0]]);
    // The keyframe is gzip of the body; the deltas are a fraction of it.
    const [key] = await h.db.select({ rawGzip: schema.versions.rawGzip }).from(schema.versions).where(eq(schema.versions.id, ids[0]!));
    expect(gunzipSync(key!.rawGzip).equals(bodies[0]!)).toBe(true);
    for (const r of rows.slice(1)) expect(r.gzipBytes).toBeLessThanOrEqual(MAX_DELTA_SHARE * rows[0]!.gzipBytes);
    for (const [i, versionId] of ids.entries()) expect((await body(versionId)).equals(bodies[i]!)).toBe(true);
    await expectOnlyKeyframeBases();
  });

  it('keeps non-UTF-8 bodies exact through a delta', async () => {
    const id = await newSource();
    const cp1252 = (s: string) => Buffer.from(s, 'latin1');
    const a = Buffer.concat([page('2017-07-05'), cp1252('<p>Caf\xe9 \x80 \x92\x93\x94</p>\r\n'), Buffer.from([0, 0xff, 0xc3, 0x28])]);
    const b = Buffer.concat([page('2017-07-05'), cp1252('<p>Caf\xe9 \x80 9,4 \x85</p>\r\n'), Buffer.from([0, 0xfe, 0xc3, 0x28, 0x80])]);
    const v1 = await storeNextVersion(h.db, makeVersionInput(id, t('2017-01-01T00:00:00Z'), 1, { rawBody: a }));
    const v2 = await storeNextVersion(h.db, makeVersionInput(id, t('2017-02-01T00:00:00Z'), 2, { rawBody: b }));
    expect((await stored(id)).map((r) => r.rawBaseId)).toEqual([null, v1.versionId]);
    expect((await body(v1.versionId)).equals(a)).toBe(true);
    expect((await body(v2.versionId)).equals(b)).toBe(true);
  });

  it('makes a page that changed a lot a keyframe, and the versions after it delta against that one', async () => {
    const id = await newSource();
    const first = page('2017-10-26');
    // Diffable, but the new bytes (random, incompressible) outweigh a quarter of the keyframe's gzip.
    const grown = Buffer.concat([first.subarray(0, 40_000), randomBytes(8_000), first.subarray(40_000)]);
    const unrelated = randomBytes(60_000);
    const unrelatedEdited = Buffer.concat([unrelated.subarray(0, 30_000), Buffer.from('<p>edit</p>'), unrelated.subarray(30_000)]);
    const bodies = [first, grown, unrelated, unrelatedEdited, first];
    const ids: number[] = [];
    for (const [i, b] of bodies.entries()) {
      ids.push((await storeNextVersion(h.db, makeVersionInput(id, t(`2017-0${i + 1}-01T00:00:00Z`), i + 1, { rawBody: b }))).versionId);
    }
    // grown (delta too big) and unrelated (nothing to diff) are keyframes; the edit deltas against
    // unrelated; the revert to the first page is diffed against unrelated too (its predecessor's
    // keyframe), shares nothing with it, and is stored whole.
    expect((await stored(id)).map((r) => r.rawBaseId)).toEqual([null, null, null, ids[2], null]);
    for (const [i, versionId] of ids.entries()) expect((await body(versionId)).equals(bodies[i]!)).toBe(true);
    await expectOnlyKeyframeBases();
  });

  it('returns null for a version that does not exist, and throws on a delta that does not apply rather than return a wrong body', async () => {
    expect(await loadRawBody(h.db, 987_654_321)).toBeNull();
    const id = await newSource();
    await storeNextVersion(h.db, makeVersionInput(id, t('2017-01-01T00:00:00Z'), 1, { rawBody: page('2017-07-05') }));
    const v2 = await storeNextVersion(h.db, makeVersionInput(id, t('2017-02-01T00:00:00Z'), 2, { rawBody: page('2017-10-26') }));
    const wrong = gzipSync(Buffer.from(JSON.stringify({ v: 1, ops: [10] })));
    await h.db.update(schema.versions).set({ rawGzip: wrong }).where(eq(schema.versions.id, v2.versionId));
    await expect(loadRawBody(h.db, v2.versionId)).rejects.toThrow(RawDeltaError);
  });

  function importInput(sourceId: string, capturedAt: Date, n: number, rawBody: Buffer): InsertVersionInput {
    return {
      sourceId,
      document: makeDocument({ title: `revision ${n}` }),
      contentHash: `content-${n}`,
      rawBody,
      rawHash: `raw-${n}`,
      url: 'https://example.test/page',
      capturedAt,
      compare: (a, b) => ({ change: emptyChange(), summary: `${a.title} → ${b.title}`, same: a.title === b.title }),
      firstSummary: 'first capture',
    };
  }

  it('history import out of order: each capture deltas against its predecessor’s keyframe, and every body stays exact', async () => {
    const id = await newSource();
    const at = ['2015-01-01', '2016-01-01', '2017-01-01', '2018-01-01'].map((d) => t(`${d}T00:00:00Z`));
    const bodies = [page('2017-07-05'), page('2017-10-26'), page('2020-05'), Buffer.concat([page('2020-05'), Buffer.from('<!-- 2018 -->\n')])];
    const placed = new Map<number, number>();
    // The newest first, then the oldest (no predecessor: a keyframe), then the two in between.
    for (const i of [2, 0, 3, 1]) {
      const r = await insertVersion(h.db, importInput(id, at[i]!, i + 1, bodies[i]!));
      expect(r.kind).toBe('inserted');
      placed.set(i, r.versionId);
    }
    const rows = await stored(id);
    expect(rows.map((r) => r.id)).toEqual([0, 1, 2, 3].map((i) => placed.get(i)));
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    // 2017 came first (keyframe), 2015 has no predecessor (keyframe), 2018 follows 2017, and 2016
    // was inserted between 2015 and 2017: it deltas against 2015, its predecessor's keyframe.
    expect(rows.map((r) => r.rawBaseId)).toEqual([null, placed.get(0), null, placed.get(2)]);
    for (const [i, versionId] of placed) expect((await body(versionId)).equals(bodies[i]!)).toBe(true);
    await expectOnlyKeyframeBases();
  });

  it('splitting a version that was seen again later keeps every body exact, the copy referring to a keyframe', async () => {
    for (const keyframeFirst of [true, false]) {
      const id = await newSource();
      const base = page('2017-07-05');
      const bodyA = page('2017-10-26');
      const bodyB = page('2020-05');
      let keyframeId: number | null = null;
      if (!keyframeFirst) {
        // A version before A, so that A itself is a delta.
        keyframeId = (await insertVersion(h.db, importInput(id, t('2016-06-01T00:00:00Z'), 0, base))).versionId;
      }
      const a = await storeNextVersion(h.db, makeVersionInput(id, t('2017-01-01T00:00:00Z'), 1, { rawBody: bodyA, document: makeDocument({ title: 'revision 1' }) }));
      // A was seen again on 2017-03-01 by a live check.
      await recordCheckRuns(h.db, [{ sourceId: id, checkedAt: t('2017-03-01T00:00:00Z'), outcome: 'unchanged', versionId: a.versionId }]);
      await touchVersion(h.db, a.versionId, t('2017-03-01T00:00:00Z'));
      // An archived capture from February shows other content: A is split around it.
      const b = await insertVersion(h.db, importInput(id, t('2017-02-01T00:00:00Z'), 2, bodyB));
      expect(b.kind).toBe('inserted');
      const rows = await stored(id);
      const [copy] = rows.slice(-1);
      expect(rows.map((r) => r.id)).toEqual([...(keyframeId ? [keyframeId] : []), a.versionId, b.versionId, copy!.id]);
      expect(copy!.id).not.toBe(a.versionId);
      const expected = [...(keyframeFirst ? [] : [base]), bodyA, bodyB, bodyA];
      for (const [i, r] of rows.entries()) expect((await body(r.id)).equals(expected[i]!)).toBe(true);
      if (keyframeFirst) {
        // A is a keyframe: the copy is a delta against it (one copy op), not the body again.
        expect(rows.map((r) => r.rawBaseId)).toEqual([null, a.versionId, a.versionId]);
        expect(copy!.gzipBytes).toBeLessThan(100);
      } else {
        // A is a delta: the copy keeps A's delta and its keyframe.
        expect(rows.map((r) => r.rawBaseId)).toEqual([null, keyframeId, keyframeId, keyframeId]);
        expect(copy!.gzipBytes).toBe(rows[1]!.gzipBytes);
      }
      expect((await listVersions(h.db, id)).map((v) => v.contentHash)).toEqual([...(keyframeFirst ? [] : ['content-0']), 'content-1', 'content-2', 'content-1']);
      await expectOnlyKeyframeBases();
    }
  });

  it('keeps a delta out of the row (TOAST) when the row is toasted, so last_seen_at updates copy only pointers', async () => {
    const id = await newSource();
    const document = extractDocument(revisionHtml('2017-10-26'), { url: 'https://example.test/page' });
    const [toast] = await executeRows<{ name: string }>(h.db, sql`select reltoastrelid::regclass::text as name from pg_class where oid = 'versions'::regclass`);
    const values = async () => Number((await executeRows<{ n: number }>(h.db, sql.raw(`select count(distinct chunk_id)::int as n from ${toast!.name}`)))[0]?.n);
    await storeNextVersion(h.db, makeVersionInput(id, t('2017-01-01T00:00:00Z'), 1, { rawBody: page('2017-07-05'), document }));
    const before = await values();
    const v2 = await storeNextVersion(h.db, makeVersionInput(id, t('2017-02-01T00:00:00Z'), 2, { rawBody: page('2017-10-26'), document }));
    expect((await stored(id)).at(-1)?.rawBaseId).not.toBeNull();
    // Two new TOAST values: the document and the ~1 KB delta (inline, it would be one).
    expect((await values()) - before).toBe(2);
    expect((await body(v2.versionId)).equals(page('2017-10-26'))).toBe(true);
  });

  it('deleting a source deletes its keyframes and deltas together', async () => {
    const id = await newSource();
    await storeNextVersion(h.db, makeVersionInput(id, t('2017-01-01T00:00:00Z'), 1, { rawBody: page('2017-07-05') }));
    await storeNextVersion(h.db, makeVersionInput(id, t('2017-02-01T00:00:00Z'), 2, { rawBody: page('2017-10-26') }));
    expect((await stored(id)).map((r) => r.rawBaseId === null)).toEqual([true, false]);
    await h.db.delete(schema.sources).where(eq(schema.sources.id, id));
    expect(await stored(id)).toEqual([]);
  });
});

/**
 * The truncation rule compares a body's ending with the last version's: that body is read
 * through `loadRawBody`, so it must work when the last version is a delta.
 */
describe(`truncation rule against a delta-stored version (${backend})`, () => {
  const fx = usePipelineFixture('2017-07-10T06:00:00Z');
  const { clock, log } = fx;

  it('flags a body cut short after a version stored as a delta', async () => {
    const sources = resolveSources({ sources: [{ id: 'cut', url: fx.server.url('/cut/'), notify: [] }], fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 } });
    await syncSources(fx.handle.db, sources, clock.now());
    const check = async () => (await runCheckPass({ db: fx.handle.db, http: fx.http, clock, log }, sources, { all: true }))[0]!;
    fx.server.setRoute('/cut/', { body: revisionHtml('2017-07-05') });
    expect((await check()).outcome).toBe('new');
    const full = revisionHtml('2017-10-26');
    fx.server.setRoute('/cut/', { body: full });
    clock.advance(86_400_000);
    expect((await check()).outcome).toBe('changed');
    const [latest] = await fx.handle.db
      .select({ rawBaseId: schema.versions.rawBaseId })
      .from(schema.versions)
      .where(eq(schema.versions.sourceId, 'cut'))
      .orderBy(sql`${schema.versions.seq} desc`)
      .limit(1);
    expect(latest?.rawBaseId).not.toBeNull();
    fx.server.setRoute('/cut/', { body: full.slice(0, Math.floor(full.length * 0.6)) });
    clock.advance(86_400_000);
    const result = await check();
    expect(result.outcome).toBe('extraction_failed');
    expect(result.error?.message).toMatch(/truncated/);
    expect(await listVersions(fx.handle.db, 'cut')).toHaveLength(2);
  });
});
