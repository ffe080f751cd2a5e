import { describe, expect, it } from 'vitest';
import type { PageDocument } from '../../src/model/index.ts';
import { describeNetRun, netChangeOf } from '../../src/notify/net-change.ts';
import type { LoadedReport } from '../../src/report/load-report-meta.ts';
import type { VersionDocument } from '../../src/store/queries/versions.ts';
import { figure, makeDocument, section } from '../diff/make-document.ts';

const trade = (million: number) =>
  figure({ key: 'trade-2016', series: 'trade-2016', value: million * 1e6, raw: `€${million} million`, sentence: `Bilateral trade reached €${million} million in 2016.` });
const doc = (million: number): PageDocument =>
  makeDocument({ sections: [section('Economic relations', `Bilateral trade reached €${million} million in 2016.`)], figures: [trade(million)] });
const version = (id: number, seq: number, million: number, hash = `h${million}`): VersionDocument => ({
  id,
  seq,
  url: 'https://example.org/p',
  capturedAt: new Date(`2024-06-0${seq}T09:00:00Z`),
  updated: '2017-07-05',
  contentHash: hash,
  document: doc(million),
});

/** The stored change B → C (version 2 → 3), as the outbox loads it. */
const confirmed: LoadedReport = {
  row: {
    id: 13,
    sourceId: 'p',
    fromVersionId: 102,
    toVersionId: 103,
    detectedAt: new Date('2024-06-03T09:00:00Z'),
    change: null,
    summary: 'B → C',
    state: 'new',
    note: null,
    reviewedAt: null,
    fromVersion: { id: 102, seq: 2, url: 'https://example.org/p', capturedAt: new Date('2024-06-02T09:00:00Z'), updated: '2017-07-05' },
    toVersion: { id: 103, seq: 3, url: 'https://example.org/p', capturedAt: new Date('2024-06-03T09:00:00Z'), updated: '2017-07-05' },
  },
  meta: {
    source: 'p',
    changeId: 13,
    fromVersion: 2,
    toVersion: 3,
    fromCapturedAt: new Date('2024-06-02T09:00:00Z'),
    toCapturedAt: new Date('2024-06-03T09:00:00Z'),
    fromUrl: 'https://example.org/p',
    toUrl: 'https://example.org/p',
    title: 'France and North Korea',
  },
};

describe('the net change of a held run (pure)', () => {
  it('diffs the baseline against the confirmed version and rewrites the report\'s "from", keeping the confirmed change\'s id', () => {
    const n = netChangeOf(confirmed, version(101, 1, 8), version(103, 3, 9), [12, 13]);
    expect(n.kind).toBe('net');
    if (n.kind !== 'net') return;
    expect(n.run).toEqual({ fromVersion: 1, changeIds: [12, 13] });
    expect(n.report.row.id).toBe(13);
    expect([n.report.row.fromVersion?.seq, n.report.row.toVersion.seq, n.report.meta.fromVersion, n.report.meta.toVersion]).toEqual([1, 3, 1, 3]);
    expect(n.report.meta.fromCapturedAt).toEqual(new Date('2024-06-01T09:00:00Z'));
    expect(n.report.row.change?.figures.changed.map((fc) => [fc.from.raw, fc.to.raw, fc.delta?.relative])).toEqual([['€8 million', '€9 million', 0.125]]);
    expect(n.report.row.summary).toMatch(/€8 million → €9 million/);
    // The stored change it came from is left as it was.
    expect(confirmed.row.fromVersion?.seq).toBe(2);
  });

  it('is nothing when the run came back to its baseline, by hash or by content', () => {
    expect(netChangeOf(confirmed, version(101, 1, 8), version(103, 3, 8), [12, 13])).toEqual({
      kind: 'none',
      note: 'confirmed, but back to the content of version 1 after 1 held change: no net change',
    });
    // Another hash (say, under changed content rules) but the same reading: no alert either.
    expect(netChangeOf(confirmed, version(101, 1, 8, 'x'), version(103, 3, 8, 'y'), [11, 12, 13])).toEqual({
      kind: 'none',
      note: 'confirmed, but no net change since version 1 after 2 held changes',
    });
  });

  it('names the run in the rule note, at most five ids', () => {
    expect(describeNetRun({ fromVersion: 1, changeIds: [12, 13] })).toBe('net change since version 1 over 2 changes (#12, #13)');
    expect(describeNetRun({ fromVersion: 4, changeIds: [1, 2, 3, 4, 5, 6, 7] })).toBe('net change since version 4 over 7 changes (#1, #2, #3, #4, #5, and 2 more)');
  });
});
