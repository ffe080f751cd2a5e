import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDelta, createDelta, RawDeltaError, tokenize } from '../../src/store/raw-delta.ts';
import { revisionFile } from '../helpers/snapshots.ts';

/** The recorded revisions as bytes, exactly as on disk. */
const page = (r: '2017-07-05' | '2017-10-26' | '2020-05') => readFileSync(revisionFile(r));
const REVISIONS = ['2017-07-05', '2017-10-26', '2020-05'] as const;

function roundTrip(base: Buffer, target: Buffer): Buffer {
  const delta = createDelta(base, target);
  if (!delta) throw new Error('no delta');
  const back = applyDelta(base, delta);
  expect(back.equals(target)).toBe(true);
  return delta;
}

const encode = (x: unknown) => Buffer.from(JSON.stringify(x), 'latin1');

describe('raw body delta', () => {
  it('rebuilds every recorded revision from every other byte for byte, in a fraction of the page', () => {
    for (const from of REVISIONS) {
      for (const to of REVISIONS) {
        const delta = roundTrip(page(from), page(to));
        // Revisions share their chrome: the delta is small next to the page itself.
        expect(delta.length).toBeLessThan(page(to).length / 4);
      }
    }
    // The same body is one copy.
    expect(JSON.parse(createDelta(page('2020-05'), page('2020-05'))!.toString('latin1'))).toEqual({ v: 1, ops: [page('2020-05').length] });
  });

  it('is byte-exact on bytes that are not UTF-8 (windows-1252, NUL, lone continuation bytes, CR LF)', () => {
    const cp1252 = (s: string) => Buffer.from(s, 'latin1');
    const base = Buffer.concat([
      cp1252('<html><head><meta charset="windows-1252"></head>\r\n<body><p>Caf\xe9 \x80 8,2 millions d\x92euros</p>\n'),
      Buffer.from([0x00, 0xff, 0xfe, 0xc3, 0x28, 0x80, 0x3e, 0x0a]),
      cp1252('<p>Fin \x85</p></body></html>\r\n'),
    ]);
    const target = Buffer.concat([
      cp1252('<html><head><meta charset="windows-1252"></head>\r\n<body><p>Caf\xe9 \x80 9,4 millions d\x92euros \x93neuf\x94</p>\n'),
      Buffer.from([0x00, 0xff, 0xfe, 0xc3, 0x28, 0x81, 0x3e, 0x0a, 0x9d]),
      cp1252('<p>Fin \x85</p></body></html>\r\n'),
    ]);
    roundTrip(base, target);
    roundTrip(target, base);
    // Every byte value inserted, removed and kept.
    const all = Buffer.from([...Array(256).keys()]);
    roundTrip(Buffer.concat([base, all]), Buffer.concat([all, target, all]));
  });

  it('handles empty bodies on either side', () => {
    const p = page('2017-10-26');
    expect(applyDelta(Buffer.alloc(0), createDelta(Buffer.alloc(0), Buffer.alloc(0))!).length).toBe(0);
    roundTrip(Buffer.alloc(0), p);
    roundTrip(p, Buffer.alloc(0));
    roundTrip(Buffer.from('>'), Buffer.from('>>\n'));
  });

  it('gives up on unrelated bodies (the version is stored in full), quickly', () => {
    const p = page('2017-10-26');
    const started = performance.now();
    expect(createDelta(p, randomBytes(p.length))).toBeNull();
    // Every letter shifted: same tags' shape, no token in common.
    const rot13 = Buffer.from(p.toString('latin1').replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 84) % 26) + 97)), 'latin1');
    expect(createDelta(p, rot13)).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
    // The edit bound is what decides: a tight one refuses even a real revision.
    expect(createDelta(page('2017-10-26'), page('2020-05'), { maxEditLength: 5 })).toBeNull();
    expect(createDelta(page('2017-10-26'), page('2020-05'), { maxEditLength: 400 })).not.toBeNull();
  });

  it('round-trips random edits of a real page (property)', () => {
    const base = page('2017-10-26');
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 300 }), insert: fc.uint8Array({ maxLength: 200 }) });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 6 }), (edits) => {
        let target = base;
        for (const e of edits) {
          const at = e.at % (target.length + 1);
          target = Buffer.concat([target.subarray(0, at), Buffer.from(e.insert), target.subarray(Math.min(target.length, at + e.cut))]);
        }
        const delta = createDelta(base, target);
        // A delta may be refused (too different), never wrong.
        if (delta) expect(applyDelta(base, delta).equals(target)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('tokens end after each ">" or newline and cover the body exactly', () => {
    expect(tokenize('<p>a\nb</p>c')).toEqual(['<p>', 'a\n', 'b</p>', 'c']);
    expect(tokenize('')).toEqual([]);
    const text = page('2017-07-05').toString('latin1');
    expect(tokenize(text).join('')).toBe(text);
  });

  it('refuses a delta that does not fit its base or is not one, rather than returning a wrong body', () => {
    const base = Buffer.from('<p>one</p>\n<p>two</p>\n');
    expect(applyDelta(base, encode({ v: 1, ops: [11, 'x', 11] })).toString()).toBe('<p>one</p>\nx<p>two</p>\n');
    const bad: Array<[unknown, RegExp]> = [
      [{ v: 2, ops: [22] }, /format version/],
      [{ v: 1, ops: [23] }, /past the end/],
      [{ v: 1, ops: [-23] }, /past the end/],
      [{ v: 1, ops: [21] }, /covers 21 of the base's 22/],
      [{ v: 1, ops: [11, 0, 11] }, /bad op/],
      [{ v: 1, ops: [1.5, 20.5] }, /bad op/],
      [{ v: 1, ops: [22, null] }, /bad op/],
      [{ v: 1 }, /no op list/],
      [[22], /format version/],
    ];
    for (const [delta, message] of bad) {
      expect(() => applyDelta(base, encode(delta))).toThrow(RawDeltaError);
      expect(() => applyDelta(base, encode(delta))).toThrow(message);
    }
    expect(() => applyDelta(base, Buffer.from('\x1f\x8b not json'))).toThrow(/not JSON/);
  });
});
