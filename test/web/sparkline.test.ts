import { describe, expect, it } from 'vitest';
import { sparkline, sparklinePoints } from '../../src/web/views/sparkline.ts';

describe('sparkline', () => {
  it('runs left to right in order, the lowest value at the bottom and the highest at the top', () => {
    expect(sparklinePoints([20, 24], 96, 24)).toEqual([
      [3, 21],
      [93, 3],
    ]);
    expect(sparklinePoints([5, 10, 0], 96, 24)).toEqual([
      [3, 12],
      [48, 3],
      [93, 21],
    ]);
  });

  it('draws a series that never moved flat at mid height, and nothing for no values', () => {
    expect(sparklinePoints([7, 7, 7], 96, 24).map(([, y]) => y)).toEqual([12, 12, 12]);
    expect(sparklinePoints([Number.NaN], 96, 24)).toEqual([]);
    expect(sparkline([], 'x')).toBeNull();
  });

  it('escapes its label', async () => {
    const svg = String(await sparkline([1, 2], '"><script>x</script>'));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&quot;&gt;&lt;script&gt;');
  });
});
