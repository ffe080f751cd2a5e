import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  figureSeries,
  getChange,
  latestVersion,
  listChanges,
  listVersions,
  setChangeState,
  syncSources,
  touchVersion,
  versionAt,
  versionBySeq,
  type DatabaseHandle,
  type StoredVersion,
} from '../../src/store/index.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { emptyChange, makeDocument, makeFigure, makeVersionInput, storeNextVersion } from './make-document.ts';

const t = (iso: string) => new Date(iso);
const TRADE = 'economic-relations/bilateral-trade/money';
const AID = 'cooperation/eu-humanitarian-aid/money';
const OLD_URL = 'https://example.test/france-and-north-korea/';
const NEW_URL = 'https://example.test/france-and-north-korea-65083/';

/**
 * One source with three revisions (2011, 2017, 2018, the last one after the page moved) and a
 * second source with one capture in between: every query below reads this history.
 */
describe(`history queries (${backend})`, () => {
  let h: DatabaseHandle;
  const v: StoredVersion[] = [];
  let other: StoredVersion;

  beforeAll(async () => {
    h = await openTestDatabase();
    await syncSources(
      h.db,
      [
        { id: 'nk', url: OLD_URL, enabled: true },
        { id: 'kr', url: 'https://example.test/france-and-south-korea/', enabled: true },
      ],
      t('2011-01-01T00:00:00Z'),
    );
    const revisions = [
      { at: '2011-03-10T08:00:00Z', updated: '2011-03', trade: 7_000_000, aid: null, url: OLD_URL },
      { at: '2017-07-05T08:00:00Z', updated: '2017-07-05', trade: 8_200_000, aid: 135_300_000, url: OLD_URL },
      { at: '2018-03-01T08:00:00Z', updated: '2017-10-26', trade: 5_100_000, aid: 142_000_000, url: NEW_URL },
    ];
    for (const [i, r] of revisions.entries()) {
      const figures = [makeFigure({ value: r.trade, raw: `€${r.trade / 1e6} million`, period: String(2010 + i * 3) })];
      if (r.aid !== null) figures.push(makeFigure({ key: AID, value: r.aid, raw: `€${r.aid / 1e6} million`, period: null }));
      v.push(
        await storeNextVersion(h.db,
          makeVersionInput('nk', t(r.at), i + 1, {
            document: makeDocument({ updated: r.updated, figures, url: r.url }),
            finalUrl: r.url,
            change: i === 0 ? null : emptyChange({ updated: { from: revisions[i - 1]!.updated, to: r.updated } }),
            summary: `revision ${i + 1}`,
          }),
        ),
      );
    }
    other = await storeNextVersion(h.db, makeVersionInput('kr', t('2017-09-01T00:00:00Z'), 1, { summary: 'kr first' }));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('listVersions is oldest first with seq, times, declared stamp, URL and hash', async () => {
    const list = await listVersions(h.db, 'nk');
    expect(list.map((x) => [x.seq, x.capturedAt.toISOString(), x.updated, x.url, x.contentHash])).toEqual([
      [1, '2011-03-10T08:00:00.000Z', '2011-03', OLD_URL, 'content-1'],
      [2, '2017-07-05T08:00:00.000Z', '2017-07-05', OLD_URL, 'content-2'],
      [3, '2018-03-01T08:00:00.000Z', '2017-10-26', NEW_URL, 'content-3'],
    ]);
    expect(await listVersions(h.db, 'nobody')).toEqual([]);
  });

  it('versionAt returns the version in force at an instant, inclusive of the capture instant', async () => {
    const at = async (iso: string) => (await versionAt(h.db, 'nk', t(iso)))?.seq ?? null;
    expect(await at('2010-12-31T00:00:00Z')).toBeNull();
    expect(await at('2011-03-10T08:00:00Z')).toBe(1);
    expect(await at('2017-07-05T07:59:59.999Z')).toBe(1);
    expect(await at('2018-03-01T00:00:00Z')).toBe(2);
    expect(await at('2018-03-01T08:00:00Z')).toBe(3);
    expect(await at('2030-01-01T00:00:00Z')).toBe(3);
    // Another source's version in between does not leak in.
    expect((await versionAt(h.db, 'kr', t('2017-08-01T00:00:00Z')))?.seq ?? null).toBeNull();
  });

  it('versionBySeq and latestVersion return full rows with the document', async () => {
    const two = await versionBySeq(h.db, 'nk', 2);
    expect(two?.id).toBe(v[1]!.versionId);
    expect(two?.document.figures.map((f) => f.value)).toEqual([8_200_000, 135_300_000]);
    expect(await versionBySeq(h.db, 'nk', 4)).toBeNull();
    expect((await latestVersion(h.db, 'nk'))?.id).toBe(v[2]!.versionId);
    expect(await latestVersion(h.db, 'nobody')).toBeNull();
  });

  it('touchVersion moves last_seen_at forward only', async () => {
    const id = v[0]!.versionId;
    await touchVersion(h.db, id, t('2012-01-01T00:00:00Z'));
    await touchVersion(h.db, id, t('2011-06-01T00:00:00Z'));
    expect((await versionBySeq(h.db, 'nk', 1))?.lastSeenAt).toEqual(t('2012-01-01T00:00:00Z'));
  });

  it('listChanges is newest first across sources, with versions as seqs', async () => {
    const all = await listChanges(h.db);
    expect(all.map((c) => [c.source, c.fromVersion, c.toVersion, c.summary])).toEqual([
      ['nk', 2, 3, 'revision 3'],
      ['kr', null, 1, 'kr first'],
      ['nk', 1, 2, 'revision 2'],
      ['nk', null, 1, 'revision 1'],
    ]);
    expect(all[0]?.detectedAt).toEqual(t('2018-03-01T08:00:00Z'));
    expect(all.every((c) => c.state === 'new')).toBe(true);
  });

  it('listChanges filters by source, by since (inclusive) and limits', async () => {
    const nk = await listChanges(h.db, { sourceId: 'nk' });
    expect(nk.map((c) => c.toVersion)).toEqual([3, 2, 1]);
    const since = await listChanges(h.db, { since: t('2017-07-05T08:00:00Z') });
    expect(since.map((c) => `${c.source}:${c.toVersion}`)).toEqual(['nk:3', 'kr:1', 'nk:2']);
    const both = await listChanges(h.db, { sourceId: 'nk', since: t('2017-08-01T00:00:00Z') });
    expect(both.map((c) => c.toVersion)).toEqual([3]);
    const limited = await listChanges(h.db, { limit: 2 });
    expect(limited.map((c) => c.id)).toEqual([v[2]!.changeId, other.changeId]);
  });

  it('getChange resolves both versions and the review state round-trips', async () => {
    const c = await getChange(h.db, v[2]!.changeId);
    expect(c?.fromVersion).toEqual({ id: v[1]!.versionId, seq: 2, url: OLD_URL, capturedAt: t('2017-07-05T08:00:00Z'), updated: '2017-07-05' });
    expect(c?.toVersion).toEqual({ id: v[2]!.versionId, seq: 3, url: NEW_URL, capturedAt: t('2018-03-01T08:00:00Z'), updated: '2017-10-26' });
    expect(c?.change?.updated).toEqual({ from: '2017-07-05', to: '2017-10-26' });

    expect(await setChangeState(h.db, v[2]!.changeId, 'reviewed', 'checked against the PDF', t('2018-03-02T00:00:00Z'))).toBe(true);
    const reviewed = await getChange(h.db, v[2]!.changeId);
    expect(reviewed).toMatchObject({ state: 'reviewed', note: 'checked against the PDF', reviewedAt: t('2018-03-02T00:00:00Z') });
    expect((await listChanges(h.db, { sourceId: 'nk', limit: 1 }))[0]?.state).toBe('reviewed');

    await setChangeState(h.db, v[2]!.changeId, 'new', null, t('2018-03-03T00:00:00Z'));
    expect(await getChange(h.db, v[2]!.changeId)).toMatchObject({ state: 'new', note: null, reviewedAt: null });

    expect(await setChangeState(h.db, 999_999, 'dismissed', null, t('2018-03-03T00:00:00Z'))).toBe(false);
    expect(await getChange(h.db, 999_999)).toBeNull();
  });

  it('figureSeries with a key gives that figure in every version that has it, oldest first', async () => {
    const trade = await figureSeries(h.db, 'nk', TRADE);
    expect(trade.map((p) => [p.seq, p.capturedAt.toISOString(), p.value, p.unit, p.raw, p.period])).toEqual([
      [1, '2011-03-10T08:00:00.000Z', 7_000_000, 'EUR', '€7 million', '2010'],
      [2, '2017-07-05T08:00:00.000Z', 8_200_000, 'EUR', '€8.2 million', '2013'],
      [3, '2018-03-01T08:00:00.000Z', 5_100_000, 'EUR', '€5.1 million', '2016'],
    ]);
    const aid = await figureSeries(h.db, 'nk', AID);
    expect(aid.map((p) => [p.seq, p.value])).toEqual([
      [2, 135_300_000],
      [3, 142_000_000],
    ]);
    expect(await figureSeries(h.db, 'nk', 'no/such/key')).toEqual([]);
  });

  it('figureSeries without a key lists the latest version\'s figures in page order', async () => {
    const latest = await figureSeries(h.db, 'nk');
    expect(latest.map((p) => [p.seq, p.key, p.kind, p.value])).toEqual([
      [3, TRADE, 'money', 5_100_000],
      [3, AID, 'money', 142_000_000],
    ]);
    expect(await figureSeries(h.db, 'nobody')).toEqual([]);
  });
});
