/** Small hand-built PageDocuments and figures for store tests (no extraction involved). */
import type { Change, Figure, PageDocument } from '../../src/model/index.ts';
import type { Db } from '../../src/store/db.ts';
import { latestVersionHead, storeVersion, type StoreVersionInput, type StoredVersion } from '../../src/store/queries/versions.ts';

export function makeFigure(over: Partial<Figure> = {}): Figure {
  return {
    key: 'economic-relations/bilateral-trade/money',
    kind: 'money',
    value: 8_200_000,
    unit: 'EUR',
    raw: '€8.2 million',
    section: 'Economic relations',
    sentence: 'Bilateral trade amounted to €8.2 million in 2016.',
    period: '2016',
    ...over,
  };
}

export function makeDocument(over: Partial<PageDocument> = {}): PageDocument {
  return {
    title: 'France and North Korea',
    language: 'en',
    updated: '2017-10-26',
    updatedText: 'Updated: 26 October 2017',
    url: 'https://example.test/france-and-north-korea/',
    profile: 'generic',
    sections: [
      {
        heading: 'Economic relations',
        level: 2,
        blocks: ['Bilateral trade amounted to €8.2 million in 2016.'],
        text: 'Bilateral trade amounted to €8.2 million in 2016.',
      },
    ],
    figures: [makeFigure()],
    ...over,
  };
}

export function emptyChange(over: Partial<Change> = {}): Change {
  return {
    updated: { from: null, to: null },
    url: null,
    title: null,
    sections: { added: [], removed: [], changed: [] },
    figures: { added: [], removed: [], changed: [] },
    ...over,
  };
}

/** A complete storeVersion input; `n` varies hashes and bodies so versions differ. */
export function makeVersionInput(sourceId: string, capturedAt: Date, n: number, over: Partial<StoreVersionInput> = {}): StoreVersionInput {
  return {
    sourceId,
    document: makeDocument(),
    contentHash: `content-${n}`,
    rawBody: Buffer.from(`<html><body>revision ${n}</body></html>`),
    rawHash: `raw-${n}`,
    finalUrl: 'https://example.test/france-and-north-korea/',
    capturedAt,
    change: null,
    summary: `revision ${n}`,
    channels: [],
    check: { sourceId, checkedAt: capturedAt, outcome: n === 1 ? 'new' : 'changed', httpStatus: 200, bytes: 100, durationMs: 5 },
    expectedHeadId: null,
    fence: null,
    ...over,
  };
}

/**
 * Stores a version after the source's current one, as a live check does: reads the head first
 * and expects it. For tests that set up a history; a test of the expectation itself calls
 * `storeVersion` with its own `expectedHeadId`.
 */
export async function storeNextVersion(db: Db, input: StoreVersionInput): Promise<StoredVersion> {
  const head = await latestVersionHead(db, input.sourceId);
  const outcome = await storeVersion(db, { ...input, expectedHeadId: head?.id ?? null });
  if (outcome.kind !== 'stored') throw new Error(`storing a test version of ${input.sourceId} did nothing: ${outcome.kind}`);
  return outcome;
}
