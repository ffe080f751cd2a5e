import { describe, expect, it } from 'vitest';
import { assignOneToOne } from '../../src/diff/assign-one-to-one.ts';

const from = (m: number[][]) => (i: number, j: number) => m[i]![j]!;
const options = { threshold: 0.5, margin: 0.1 };

describe('assignOneToOne', () => {
  it('gives each item the partner the whole assignment needs, not the strongest-looking first', () => {
    // Best first would pair 0–0 (0.9) and leave row 1 alone; both rows find a partner instead.
    const m = [
      [0.9, 0.8],
      [0.85, 0],
    ];
    expect(assignOneToOne(2, 2, from(m), options)).toEqual([
      [0, 1],
      [1, 0],
    ]);
    // The same read the other way round (columns as rows).
    const t = [
      [0.9, 0.85],
      [0.8, 0],
    ];
    expect(assignOneToOne(2, 2, from(t), options)).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('leaves out a pair with a free rival or a swap within the margin, and anything under the threshold', () => {
    expect(assignOneToOne(2, 1, from([[0.9], [0.85]]), options)).toEqual([]);
    expect(assignOneToOne(1, 2, from([[0.7, 0.65]]), options)).toEqual([]);
    const swap = [
      [0.9, 0.87],
      [0.87, 0.9],
    ];
    expect(assignOneToOne(2, 2, from(swap), options)).toEqual([]);
    expect(assignOneToOne(2, 2, from([[0.4, 0], [0, 0.95]]), options)).toEqual([[1, 1]]);
  });
});
