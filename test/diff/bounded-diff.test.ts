import { describe, expect, it } from 'vitest';
import { buildHunks } from '../../src/diff/build-hunks.ts';
import { diffDocuments } from '../../src/diff/diff-documents.ts';
import { makeDocument, section } from './make-document.ts';

/** Deterministic pseudo-random words (mulberry32), so a failure can be replayed. */
function randomWords(count: number, seed: number): string[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => Math.floor(next() * 36 ** 6).toString(36));
}

describe('bounded word diff', () => {
  it('returns one coarse hunk (all old text out, all new text in) for two long unrelated texts', () => {
    const oldText = randomWords(40_000, 1).join(' ');
    const newText = randomWords(40_000, 2).join(' ');
    const hunks = buildHunks([oldText], [newText]);
    expect(hunks).toEqual([{ before: '', removed: oldText, added: newText, after: '' }]);
  });

  it('falls back to the coarse hunk as soon as the edit bound is exceeded', () => {
    const words = randomWords(60, 3);
    const edited = words.map((w, i) => (i % 5 === 0 ? w.toUpperCase() : w)); // 12 edits, 24 word operations
    const tight = buildHunks([words.join(' ')], [edited.join(' ')], { maxEditLength: 10, timeoutMs: 60_000 });
    expect(tight).toEqual([{ before: '', removed: words.join(' '), added: edited.join(' '), after: '' }]);
    const roomy = buildHunks([words.join(' ')], [edited.join(' ')], { maxEditLength: 1000, timeoutMs: 60_000 });
    expect(roomy).toHaveLength(12);
    expect(roomy[1]).toEqual({ before: words.slice(1, 5).join(' '), removed: words[5], added: edited[5], after: words.slice(6, 10).join(' ') });
  });

  it('still diffs word by word when a long text changes in one place', () => {
    const words = randomWords(30_000, 4);
    const edited = [...words];
    edited[15_000] = 'CHANGED';
    const hunks = buildHunks([words.join(' ')], [edited.join(' ')]);
    expect(hunks).toEqual([
      {
        before: words.slice(14_995, 15_000).join(' '),
        removed: words[15_000],
        added: 'CHANGED',
        after: words.slice(15_001, 15_006).join(' '),
      },
    ]);
  });

  it('keeps the coarse fallback inside diffDocuments for a rewritten section', () => {
    const from = makeDocument({ sections: [section('Economic relations', randomWords(5000, 5).join(' '))] });
    const to = makeDocument({ sections: [section('Economic relations', randomWords(5000, 6).join(' '))] });
    const [changed] = diffDocuments(from, to).sections.changed;
    expect(changed?.hunks).toHaveLength(1);
    expect(changed?.hunks[0]?.before).toBe('');
    expect(changed?.hunks[0]?.removed.split(' ')).toHaveLength(5000);
  });
});
