import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean } from '../../src/app/closest-match.ts';

describe('closestMatch', () => {
  const ids = ['france-north-korea', 'france-south-korea', 'germany-japan', 'eeas-ghana'];

  it('names the nearest id for a typo, nothing for a stranger or an exact name', () => {
    expect(closestMatch('france-north-kore', ids)).toBe('france-north-korea');
    expect(closestMatch('France-North-Korea', ids)).toBe('france-north-korea');
    expect(closestMatch('germany-japn', ids)).toBe('germany-japan');
    expect(closestMatch('ghana', ids)).toBeNull();
    expect(closestMatch('x', ids)).toBeNull();
    expect(closestMatch('', ids)).toBeNull();
    expect(closestMatch('eeas-ghana', ids)).toBeNull();
  });

  it('takes at most one edit per four characters', () => {
    expect(closestMatch('abcd', ['abcx'])).toBe('abcx');
    expect(closestMatch('abcd', ['abxy'])).toBeNull();
    expect(closestMatch('abcdefgh', ['abcdefxy'])).toBe('abcdefxy');
  });

  it('does no quadratic work on a huge input', () => {
    const start = performance.now();
    expect(closestMatch('a'.repeat(100_000), ['a'.repeat(100_001)])).toBeNull();
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('words the hint', () => {
    expect(didYouMean('france-north-kore', ids)).toBe(' — did you mean "france-north-korea"?');
    expect(didYouMean('zzz', ids)).toBe('');
  });
});
