import { describe, expect, it } from 'vitest';
import { runCheckPass } from '../../src/check/check-pass.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { figureSeries } from '../../src/store/queries/figures.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { revisionHtml } from '../helpers/snapshots.ts';
import { backend } from '../helpers/test-db.ts';
import { usePipelineFixture } from '../helpers/pipeline-fixture.ts';

/**
 * A figure's history follows its series, not its key text (issue 19): in the May 2020 rewrite of
 * "France and North Korea" the opening date of the cooperation office is the same figure in a
 * new sentence, so its key changes (date/cooperation-office-opened → date/opened-pyongyang), and
 * the alignment pairs the two. Its history must stay one line across the three revisions.
 */
describe(`figure series across a key change (${backend})`, () => {
  const fx = usePipelineFixture('2017-07-10T06:00:00Z');

  it('keeps one series for a figure whose key changed, named by its first key; a new figure starts its own', async () => {
    const sources = resolveSources({ sources: [{ id: 'series-nk', url: fx.server.url('/series-nk/'), notify: [] }], fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 } });
    await syncSources(fx.handle.db, sources, fx.clock.now());
    const deps = { db: fx.handle.db, http: fx.http, clock: fx.clock, log: fx.log };
    for (const revision of ['2017-07-05', '2017-10-26', '2020-05'] as const) {
      fx.server.setRoute('/series-nk/', { body: revisionHtml(revision) });
      const [result] = await runCheckPass(deps, sources, { all: true });
      expect(result!.stored).not.toBeNull();
      fx.clock.advance(30 * 86_400_000);
    }
    const opened = await figureSeries(fx.handle.db, 'series-nk', 'date/cooperation-office-opened');
    expect(opened.map((p) => [p.seq, p.key, p.value])).toEqual([
      [1, 'date/cooperation-office-opened', '2011-10-10'],
      [2, 'date/cooperation-office-opened', '2011-10-10'],
      [3, 'date/opened-pyongyang', '2011-10-10'],
    ]);
    // The new key names no series of its own: its history is the older one's.
    expect(await figureSeries(fx.handle.db, 'series-nk', 'date/opened-pyongyang')).toEqual([]);
    // The latest version's listing offers the series to follow, not the latest key.
    const latest = await figureSeries(fx.handle.db, 'series-nk');
    expect(latest.find((p) => p.key === 'date/opened-pyongyang')?.series).toBe('date/cooperation-office-opened');
    // A figure first seen in a later revision starts a series named by its own key.
    const added = latest.filter((p) => p.series === p.key);
    expect(added.length).toBeGreaterThan(0);
  });
});
