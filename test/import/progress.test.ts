import { describe, expect, it } from 'vitest';
import type { CaptureEvent } from '../../src/import/import-events.ts';
import { createImportReporter } from '../../src/import/progress.ts';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (s: string) => (chunks.push(String(s)), true) } as unknown as NodeJS.WritableStream & { isTTY: boolean; chunks: string[] };
}

const event: CaptureEvent = {
  source: 'nk',
  origin: 'wayback',
  url: 'https://a.test/',
  capturedAt: new Date('2017-07-12T08:30:00Z'),
  outcome: 'imported',
  version: 1,
  reason: null,
};
const summary = { seen: 1, imported: 1, identical: 0, skipped: 0, failed: 0, refused: 0, doneBefore: 0, unrelated: 0, notes: [] };

describe('import progress', () => {
  it('writes one JSON line per capture and a summary line when stdout is not a terminal', () => {
    const stdout = sink(false);
    const stderr = sink(false);
    const r = createImportReporter({ stdout, stderr }, { json: false });
    r.onStart(1);
    r.onCapture(event);
    r.finish(summary);
    expect(stdout.chunks.join('').trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { type: 'capture', source: 'nk', origin: 'wayback', url: 'https://a.test/', capturedAt: '2017-07-12T08:30:00.000Z', outcome: 'imported', version: 1, reason: null },
      { type: 'summary', ...summary },
    ]);
    expect(stderr.chunks).toEqual([]);
  });

  it('keeps stdout for the human summary on a terminal (the bar goes to stderr)', () => {
    const stdout = sink(true);
    const stderr = sink(false);
    const r = createImportReporter({ stdout, stderr }, { json: false });
    r.onStart(1);
    r.onCapture(event);
    r.finish(summary);
    expect(stdout.chunks.join('')).toBe('1 captures seen: 1 imported, 0 identical, 0 skipped, 0 failed, 0 refused, 0 done before\n');
  });

  it('says on a terminal what was not a capture of the source and why the run may be incomplete', () => {
    const stdout = sink(true);
    const r = createImportReporter({ stdout, stderr: sink(false) }, { json: false });
    r.finish({ ...summary, refused: 2, unrelated: 7, notes: ['https://a.test/: CDX paging stopped after 5 pages: …'] });
    expect(stdout.chunks.join('').split('\n')).toEqual([
      '1 captures seen: 1 imported, 0 identical, 0 skipped, 0 failed, 2 refused, 0 done before',
      '7 archive rows for other URLs skipped',
      'note: https://a.test/: CDX paging stopped after 5 pages: …',
      '',
    ]);
  });
});
