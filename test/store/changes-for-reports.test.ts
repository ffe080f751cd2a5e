import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageFactsOf } from '../../src/describe/summarize-change.ts';
import { forEachReport, loadReportMetas } from '../../src/report/load-report-meta.ts';
import { getChange, syncSources, versionBySeq, type DatabaseHandle } from '../../src/store/index.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { emptyChange, makeDocument, makeFigure, makeVersionInput, storeNextVersion } from './make-document.ts';

/**
 * Report headers for a whole pass in one query (`getChangesForReports`): the counts and title read
 * inside the database must be what the stored document says, for first captures and changes.
 */
describe(`report headers read in the database (${backend})`, () => {
  let h: DatabaseHandle;
  const at = (day: number) => new Date(Date.UTC(2017, 9, day, 6));

  beforeAll(async () => {
    h = await openTestDatabase();
    await syncSources(h.db, ['r-1', 'r-2'].map((id) => ({ id, url: `https://example.test/${id}`, enabled: true })), at(1));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('gives each change its versions, and the newer page’s title, headed sections, figures and stamp', async () => {
    const lead = { heading: null, level: 2, blocks: ['Lead.'], text: 'Lead.' };
    const headed = (heading: string) => ({ heading, level: 2, blocks: [`${heading}.`], text: `${heading}.` });
    const first = makeDocument({ title: 'France and North Korea', sections: [lead, headed('Political relations'), headed('Economic relations')], figures: [makeFigure(), makeFigure({ key: 'b' }), makeFigure({ key: 'c' })] });
    const second = makeDocument({ title: 'France and the DPRK', updated: '2020-05', sections: [headed('Economic relations')], figures: [] });
    const a1 = await storeNextVersion(h.db, makeVersionInput('r-1', at(2), 1, { document: first }));
    const a2 = await storeNextVersion(h.db, makeVersionInput('r-1', at(3), 2, { document: second, change: emptyChange({ title: { from: 'France and North Korea', to: 'France and the DPRK' } }) }));
    const b1 = await storeNextVersion(h.db, makeVersionInput('r-2', at(4), 3));

    const reports = await loadReportMetas(h.db, [a1.changeId, a2.changeId, b1.changeId, 999_999]);
    expect([...reports.keys()].sort((x, y) => x - y)).toEqual([a1.changeId, a2.changeId, b1.changeId].sort((x, y) => x - y));
    for (const [changeId, seq, source] of [[a1.changeId, 1, 'r-1'], [a2.changeId, 2, 'r-1'], [b1.changeId, 1, 'r-2']] as const) {
      const report = reports.get(changeId)!;
      const stored = (await versionBySeq(h.db, source, seq))!;
      expect(report.row).toEqual(await getChange(h.db, changeId));
      expect(report.meta.page).toEqual(pageFactsOf(stored.document));
      expect(report.meta.title).toBe(stored.document.title);
      expect(report.meta.toVersion).toBe(seq);
      expect(report.meta.fromVersion).toBe(seq === 1 ? null : seq - 1);
    }
    expect(reports.get(a1.changeId)!.meta.page).toEqual({ sections: 2, figures: 3, updated: '2017-10-26' });
    expect(reports.get(a2.changeId)!.meta.page).toEqual({ sections: 1, figures: 0, updated: '2020-05' });
  });

  it('walks items in order in chunks, with null for items that stored nothing', async () => {
    const seen: Array<[string, number | null]> = [];
    const items = [{ id: 'x', change: null }, ...Array.from({ length: 3 }, (_, i) => ({ id: `y${i}`, change: 999_000 + i }))];
    await forEachReport(h.db, items, (item) => item.change, (item, report) => seen.push([item.id, report?.row.id ?? null]));
    expect(seen).toEqual([['x', null], ['y0', null], ['y1', null], ['y2', null]]);
  });
});
