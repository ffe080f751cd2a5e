import { describe, expect, it } from 'vitest';
import { renderJson, type JsonReport } from '../../src/report/render-json.ts';
import { NEW_URL, OLD_URL, firstCaptureMeta, sampleChange, sampleMeta } from './fixtures.ts';

describe('renderJson', () => {
  it('carries the meta, a summary line and the change', () => {
    const json = renderJson(sampleChange, sampleMeta);
    expect(json.endsWith('}\n')).toBe(true);
    const report = JSON.parse(json) as JsonReport;
    expect(report).toMatchObject({
      source: 'france-north-korea',
      changeId: 7,
      fromVersion: 1,
      toVersion: 2,
      fromCapturedAt: '2017-07-06T08:00:00.000Z',
      toCapturedAt: '2017-10-27T09:30:00.000Z',
      fromUrl: OLD_URL,
      toUrl: NEW_URL,
      firstCapture: false,
      counts: null,
    });
    expect(report.summary).toMatch(/^page moved; revision stamp 2017-07-05 → 2017-10-26; /u);
    expect(report.change?.sections.added).toEqual(['Relations with the European Union']);
    expect(report.change?.figures.changed.map((c) => c.to.value)).toEqual([5_100_000, 142_000_000]);
  });

  it('marks a first capture and counts what the page holds', () => {
    const report = JSON.parse(renderJson(null, firstCaptureMeta)) as JsonReport;
    expect(report).toMatchObject({
      firstCapture: true,
      summary: 'first capture',
      change: null,
      fromVersion: null,
      fromCapturedAt: null,
      changeId: null,
      counts: { sections: 3, figures: 3 },
    });
  });
});
