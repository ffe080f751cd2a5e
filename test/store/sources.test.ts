import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getSource,
  listSources,
  listSourceUrls,
  recordUrl,
  syncSources,
  updateFetchState,
  type DatabaseHandle,
} from '../../src/store/index.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';

const OLD = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/';
const NEW = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea-65083/';
const t = (iso: string) => new Date(iso);

describe(`sources (${backend})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDatabase();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('syncSources inserts new sources with config and opens their first URL', async () => {
    await syncSources(
      h.db,
      [{ id: 'nk', url: OLD, profile: 'diplomatie-spip', schedule: '0 6 * * *', timezone: 'Europe/Paris', enabled: true }],
      t('2017-01-01T00:00:00Z'),
    );
    const row = await getSource(h.db, 'nk');
    expect(row).toMatchObject({
      id: 'nk',
      url: OLD,
      profile: 'diplomatie-spip',
      schedule: '0 6 * * *',
      timezone: 'Europe/Paris',
      enabled: true,
      failureStreak: 0,
      etag: null,
      nextCheckAt: null,
    });
    expect(row?.createdAt).toEqual(t('2017-01-01T00:00:00Z'));
    const urls = await listSourceUrls(h.db, 'nk');
    expect(urls.map((u) => [u.url, u.validFrom.toISOString(), u.validTo])).toEqual([[OLD, '2017-01-01T00:00:00.000Z', null]]);
  });

  it('a config URL change closes the old URL row and opens the new one; re-syncing the same config adds nothing', async () => {
    const cfg = { id: 'moved', url: OLD, enabled: true };
    await syncSources(h.db, [cfg], t('2017-01-01T00:00:00Z'));
    await syncSources(h.db, [{ ...cfg, url: NEW, profile: 'diplomatie-2025' }], t('2018-03-01T00:00:00Z'));
    await syncSources(h.db, [{ ...cfg, url: NEW, profile: 'diplomatie-2025' }], t('2018-04-01T00:00:00Z'));
    const row = await getSource(h.db, 'moved');
    expect(row?.url).toBe(NEW);
    expect(row?.profile).toBe('diplomatie-2025');
    // created_at is the first sync's, not overwritten by later ones.
    expect(row?.createdAt).toEqual(t('2017-01-01T00:00:00Z'));
    const urls = await listSourceUrls(h.db, 'moved');
    expect(urls.map((u) => [u.url, u.validFrom.toISOString(), u.validTo?.toISOString() ?? null])).toEqual([
      [OLD, '2017-01-01T00:00:00.000Z', '2018-03-01T00:00:00.000Z'],
      [NEW, '2018-03-01T00:00:00.000Z', null],
    ]);
  });

  it('recordUrl follows a redirect once (idempotent), and the next sync of the unchanged config does not undo it', async () => {
    await syncSources(h.db, [{ id: 'redirected', url: OLD, enabled: true }], t('2017-01-01T00:00:00Z'));
    await recordUrl(h.db, 'redirected', NEW, t('2018-05-01T00:00:00Z'));
    await recordUrl(h.db, 'redirected', NEW, t('2018-05-02T00:00:00Z'));
    await syncSources(h.db, [{ id: 'redirected', url: OLD, enabled: true }], t('2018-05-03T00:00:00Z'));
    const urls = await listSourceUrls(h.db, 'redirected');
    expect(urls.map((u) => [u.url, u.validFrom.toISOString(), u.validTo?.toISOString() ?? null])).toEqual([
      [OLD, '2017-01-01T00:00:00.000Z', '2018-05-01T00:00:00.000Z'],
      [NEW, '2018-05-01T00:00:00.000Z', null],
    ]);
  });

  it('recordUrl moving back to a URL at the same instant reopens that row rather than leaving no open URL', async () => {
    await syncSources(h.db, [{ id: 'flap', url: OLD, enabled: true }], t('2017-01-01T00:00:00Z'));
    const at = t('2018-06-01T00:00:00Z');
    await recordUrl(h.db, 'flap', NEW, at);
    await recordUrl(h.db, 'flap', OLD, at);
    await recordUrl(h.db, 'flap', NEW, at);
    const open = (await listSourceUrls(h.db, 'flap')).filter((u) => u.validTo === null);
    expect(open.map((u) => u.url)).toEqual([NEW]);
  });

  it('disableMissing turns off sources no longer configured, keeps them listed, and leaves them alone by default', async () => {
    const now = t('2019-01-01T00:00:00Z');
    await syncSources(h.db, [{ id: 'zz-keep', url: OLD, enabled: true }, { id: 'zz-drop', url: NEW, enabled: true }], now);
    await syncSources(h.db, [{ id: 'zz-keep', url: OLD, enabled: true }], now);
    expect((await getSource(h.db, 'zz-drop'))?.enabled).toBe(true);
    await syncSources(h.db, [{ id: 'zz-keep', url: OLD, enabled: true }], now, { disableMissing: true });
    expect((await getSource(h.db, 'zz-drop'))?.enabled).toBe(false);
    expect((await getSource(h.db, 'zz-keep'))?.enabled).toBe(true);
    const ids = (await listSources(h.db)).map((s) => s.id);
    expect(ids).toContain('zz-drop');
    expect(ids).toEqual([...ids].sort());
  });

  it('updateFetchState saves validators and outcome, and leaves next_check_at alone unless given', async () => {
    await syncSources(h.db, [{ id: 'state', url: OLD, enabled: true }], t('2017-01-01T00:00:00Z'));
    await updateFetchState(h.db, 'state', {
      etag: '"abc"',
      lastModified: 'Thu, 26 Oct 2017 08:00:00 GMT',
      lastCheckedAt: t('2018-01-01T06:00:00Z'),
      lastOutcome: 'fetch_error',
      failureStreak: 3,
      nextCheckAt: t('2018-01-02T06:00:00Z'),
    });
    await updateFetchState(h.db, 'state', {
      etag: '"def"',
      lastModified: null,
      lastCheckedAt: t('2018-01-02T06:00:00Z'),
      lastOutcome: 'unchanged',
      failureStreak: 0,
    });
    expect(await getSource(h.db, 'state')).toMatchObject({
      etag: '"def"',
      lastModified: null,
      lastCheckedAt: t('2018-01-02T06:00:00Z'),
      lastOutcome: 'unchanged',
      failureStreak: 0,
      nextCheckAt: t('2018-01-02T06:00:00Z'),
    });
  });

  it('getSource returns null for an unknown id', async () => {
    expect(await getSource(h.db, 'no-such-source')).toBeNull();
  });
});
