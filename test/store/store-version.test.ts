import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactwatchError } from '../../src/app/errors.ts';
import type { FigureKind } from '../../src/model/index.ts';
import {
  executeRows,
  claimDueSources,
  getChange,
  latestVersion,
  latestVersionHead,
  listChecks,
  loadRawBody,
  schema,
  storeVersion,
  syncSources,
  versionBySeq,
  type DatabaseHandle,
} from '../../src/store/index.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { emptyChange, makeDocument, makeFigure, makeVersionInput, storeNextVersion } from './make-document.ts';

const t = (iso: string) => new Date(iso);

describe(`storeVersion (${backend})`, () => {
  let h: DatabaseHandle;
  let n = 0;
  /** A fresh source per test: the database is shared by the file. */
  async function newSource(): Promise<string> {
    const id = `sv-${++n}`;
    await syncSources(h.db, [{ id, url: `https://example.test/${id}`, enabled: true }], t('2017-01-01T00:00:00Z'));
    return id;
  }
  async function countRows(sourceId: string) {
    const [row] = await executeRows<{ versions: number; figures: number; changes: number; deliveries: number; checks: number }>(
      h.db,
      sql`select
        (select count(*)::int from versions where source_id = ${sourceId}) as versions,
        (select count(*)::int from figures where source_id = ${sourceId}) as figures,
        (select count(*)::int from changes where source_id = ${sourceId}) as changes,
        (select count(*)::int from deliveries d join changes c on c.id = d.change_id where c.source_id = ${sourceId}) as deliveries,
        (select count(*)::int from checks where source_id = ${sourceId}) as checks`,
    );
    if (!row) throw new Error('count query returned no row');
    return row;
  }

  beforeAll(async () => {
    h = await openTestDatabase();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('first capture writes version 1, its figures, a change from nothing, one pending delivery per channel and the check', async () => {
    const id = await newSource();
    const at = t('2017-07-05T06:00:00Z');
    const doc = makeDocument({
      figures: [
        makeFigure(),
        makeFigure({ key: 'intro/stamp/date', kind: 'date', value: '2016-05', unit: null, raw: 'May 2016', period: null }),
      ],
    });
    const stored = await storeNextVersion(h.db,
      makeVersionInput(id, at, 1, { document: doc, channels: ['hook', 'slack', 'hook'], summary: 'first capture' }),
    );
    expect(stored.seq).toBe(1);

    const version = await versionBySeq(h.db, id, 1);
    expect(version).toMatchObject({ id: stored.versionId, url: 'https://example.test/france-and-north-korea/', updated: '2017-10-26' });
    expect(version?.updatedText).toBe('Updated: 26 October 2017');
    expect(version?.capturedAt).toEqual(at);
    expect(version?.lastSeenAt).toEqual(at);
    expect(version?.document).toEqual(doc);

    const figs = await h.db.select().from(schema.figures).where(eq(schema.figures.versionId, stored.versionId)).orderBy(schema.figures.id);
    expect(figs.map((f) => [f.key, f.kind, f.valueNum, f.valueText, f.unit, f.period])).toEqual([
      ['economic-relations/bilateral-trade/money', 'money', 8_200_000, null, 'EUR', '2016'],
      ['intro/stamp/date', 'date', null, '2016-05', null, null],
    ]);

    const change = await getChange(h.db, stored.changeId);
    expect(change).toMatchObject({ sourceId: id, fromVersionId: null, fromVersion: null, change: null, summary: 'first capture', state: 'new' });
    expect(change?.toVersion).toMatchObject({ id: stored.versionId, seq: 1 });

    const deliveries = await h.db.select().from(schema.deliveries).where(eq(schema.deliveries.changeId, stored.changeId));
    expect(deliveries.map((d) => [d.channel, d.state, d.attempts]).sort()).toEqual([
      ['hook', 'pending', 0],
      ['slack', 'pending', 0],
    ]);
    expect(deliveries.every((d) => d.nextAttemptAt.getTime() === at.getTime())).toBe(true);

    const checks = await listChecks(h.db, id, 10);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ outcome: 'new', versionId: stored.versionId, httpStatus: 200, bytes: 100, durationMs: 5 });
  });

  it('seq increments per source and the change links from the previous latest version', async () => {
    const a = await newSource();
    const b = await newSource();
    const v1 = await storeNextVersion(h.db, makeVersionInput(a, t('2017-01-01T00:00:00Z'), 1));
    const b1 = await storeNextVersion(h.db, makeVersionInput(b, t('2017-01-02T00:00:00Z'), 1));
    const diff = emptyChange({ updated: { from: '2017-07-05', to: '2017-10-26' } });
    const v2 = await storeNextVersion(h.db, makeVersionInput(a, t('2017-02-01T00:00:00Z'), 2, { change: diff }));
    // A revert to the first content is a new version, not a duplicate.
    const v3 = await storeNextVersion(h.db, makeVersionInput(a, t('2017-03-01T00:00:00Z'), 1));
    expect([v1.seq, v2.seq, v3.seq, b1.seq]).toEqual([1, 2, 3, 1]);

    const c2 = await getChange(h.db, v2.changeId);
    expect(c2?.fromVersion).toMatchObject({ id: v1.versionId, seq: 1 });
    expect(c2?.toVersion).toMatchObject({ id: v2.versionId, seq: 2 });
    expect(c2?.change).toEqual(diff);
    const c3 = await getChange(h.db, v3.changeId);
    expect(c3?.fromVersion?.seq).toBe(2);
    expect((await latestVersion(h.db, a))?.seq).toBe(3);
  });

  it.each([
    ['a figure violates its kind constraint (mid-transaction)', 'figure'],
    ['the check row violates its outcome constraint (last statement)', 'check'],
  ] as const)('writes nothing when %s', async (_label, broken) => {
    const id = await newSource();
    await storeNextVersion(h.db, makeVersionInput(id, t('2017-01-01T00:00:00Z'), 1, { channels: ['hook'] }));
    const before = await countRows(id);

    const input = makeVersionInput(id, t('2017-02-01T00:00:00Z'), 2, { channels: ['hook'], change: emptyChange() });
    if (broken === 'figure') {
      input.document = makeDocument({ figures: [makeFigure(), makeFigure({ key: 'bad', kind: 'bogus' as FigureKind })] });
    } else {
      input.check = { ...input.check, outcome: 'exploded' as 'changed' };
    }
    const error = await storeNextVersion(h.db, input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error instanceof FactwatchError && error.code === 'version_conflict').toBe(false);

    expect(await countRows(id)).toEqual(before);
    expect(before).toEqual({ versions: 1, figures: 1, changes: 1, deliveries: 1, checks: 1 });
    // And the source is still writable: the failed attempt left no half state behind.
    const ok = await storeNextVersion(h.db, makeVersionInput(id, t('2017-03-01T00:00:00Z'), 3));
    expect(ok.seq).toBe(2);
  });

  it('raw body round-trips byte for byte through gzip and bytea (all 256 byte values, invalid UTF-8 included)', async () => {
    const id = await newSource();
    const body = Buffer.concat([
      Buffer.from('<html>caf\u00e9 \u20ac8.2 million</html>', 'utf8'),
      Buffer.from([...Array(256).keys()]),
      Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x00, 0x00]),
      randomBytes(70_000),
    ]);
    const stored = await storeNextVersion(h.db, makeVersionInput(id, t('2017-01-01T00:00:00Z'), 1, { rawBody: body }));
    const row = await versionBySeq(h.db, id, stored.seq);
    if (!row) throw new Error('version not found');
    // The driver value is normalised to a Buffer on both backends.
    expect(Buffer.isBuffer(row.rawGzip)).toBe(true);
    // A first version is a keyframe: really gzip of the body (magic bytes), decoded independently of loadRawBody().
    expect(row.rawBaseId).toBeNull();
    expect(row.rawGzip.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(row.rawGzip).equals(body)).toBe(true);
    const back = await loadRawBody(h.db, stored.versionId);
    if (!back) throw new Error('body not found');
    expect(back.length).toBe(body.length);
    expect(createHash('sha256').update(back).digest('hex')).toBe(createHash('sha256').update(body).digest('hex'));
  });

  it('concurrent writers that diffed against the same head: exactly one stores, the others write nothing and say why', async () => {
    const id = await newSource();
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((i) => storeVersion(h.db, makeVersionInput(id, t(`2017-0${i}-01T00:00:00Z`), i, { expectedHeadId: null }))),
    );
    const kinds = results.map((r) => (r.status === 'fulfilled' ? r.value.kind : (r.reason as FactwatchError).code));
    expect(kinds.filter((k) => k === 'stored')).toHaveLength(1);
    // A loser either saw the winner's version (head moved) or raced it to the same seq (retryable conflict).
    for (const k of kinds.filter((k) => k !== 'stored')) expect(['head_moved', 'version_conflict']).toContain(k);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'version_conflict', retryable: true });
    expect(await countRows(id)).toEqual({ versions: 1, figures: makeDocument().figures.length, changes: 1, deliveries: 0, checks: 1 });
  });

  it('writes nothing when the head is no longer the version the diff was made against', async () => {
    const id = await newSource();
    const v1 = await storeNextVersion(h.db, makeVersionInput(id, t('2017-01-01T00:00:00Z'), 1));
    await storeNextVersion(h.db, makeVersionInput(id, t('2017-02-01T00:00:00Z'), 2));
    const before = await countRows(id);
    // A writer that read the head before version 2 was stored.
    const stale = await storeVersion(h.db, makeVersionInput(id, t('2017-03-01T00:00:00Z'), 3, { expectedHeadId: v1.versionId, channels: ['hook'] }));
    expect(stale).toEqual({ kind: 'head_moved' });
    expect(await countRows(id)).toEqual(before);
  });

  it('under a lease: writes nothing once the lease ran out or another claim took the source', async () => {
    const id = await newSource();
    const now = t('2017-01-01T00:00:00Z');
    const [claim] = await claimDueSources(h.db, { owner: 'w1', now, leaseMs: 60_000, limit: 1000 }).then((c) => c.filter((x) => x.id === id));
    expect(claim).toBeDefined();
    const input = (n: number, at: Date) => makeVersionInput(id, at, n, { fence: { leaseToken: claim!.leaseToken, now: at } });
    // Past the lease's end, nobody else has claimed yet: still nothing.
    expect(await storeVersion(h.db, input(1, t('2017-01-01T00:01:01Z')))).toEqual({ kind: 'lease_lost' });
    expect((await countRows(id)).versions).toBe(0);
    // Within the lease: stored.
    expect((await storeVersion(h.db, input(1, t('2017-01-01T00:00:30Z')))).kind).toBe('stored');
    // Another worker claims it after expiry: the first worker's token no longer counts.
    const [taken] = await claimDueSources(h.db, { owner: 'w2', now: t('2017-01-01T00:02:00Z'), leaseMs: 60_000, limit: 1000 }).then((c) => c.filter((x) => x.id === id));
    expect(taken).toBeDefined();
    const late = await storeVersion(h.db, { ...input(2, t('2017-01-01T00:02:10Z')), expectedHeadId: (await latestVersionHead(h.db, id))!.id });
    expect(late).toEqual({ kind: 'lease_lost' });
    expect((await countRows(id)).versions).toBe(1);
  });

  if (backend === 'postgres') {
    // Only PostgreSQL has a second connection that can hold a conflicting row uncommitted.
    it('a seq taken by another uncommitted transaction surfaces as a retryable version_conflict, writing nothing', async () => {
      const id = await newSource();
      await storeNextVersion(h.db, makeVersionInput(id, t('2017-01-01T00:00:00Z'), 1));
      const before = await countRows(id);
      const pool = (h.db as unknown as { $client: Sql }).$client;
      const other = await pool.reserve();
      try {
        await other`begin`;
        await other`insert into versions (source_id, seq, content_hash, raw_gzip, raw_hash, final_url, captured_at, last_seen_at, document)
          values (${id}, 2, 'x', ${Buffer.from([0])}, 'x', 'https://example.test/x', now(), now(), '{}'::jsonb)`;
        const attempt = storeNextVersion(h.db, makeVersionInput(id, t('2017-02-01T00:00:00Z'), 2)).then(
          () => null,
          (e: unknown) => e,
        );
        // Wait until the writer is blocked on the uncommitted seq 2, then let the other win.
        for (;;) {
          const [w] = await executeRows<{ n: number }>(
            h.db,
            sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
          );
          if ((w?.n ?? 0) > 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await other`commit`;
        const error = await attempt;
        expect(error).toBeInstanceOf(FactwatchError);
        expect(error).toMatchObject({ code: 'version_conflict', retryable: true });
        expect((error as FactwatchError).cause).toBeDefined();
      } finally {
        other.release();
      }
      // Only the other writer's version was added: no figures, change, delivery or check of ours.
      expect(await countRows(id)).toEqual({ ...before, versions: before.versions + 1 });
    });
  }
});
