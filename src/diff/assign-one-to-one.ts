/**
 * One-to-one pairing of two lists by score, for sections and blocks paired by content.
 *
 * The pairs are an optimal assignment (largest total score, Hungarian method), not "best first":
 * a greedy pass lets one strong-looking pair take the partner another item needed. The result is
 * then made conservative: a pair is kept only when its score reaches `threshold` and no nearby
 * alternative comes within `margin` of it — neither giving one of its items a free partner instead,
 * nor swapping partners with another pair. An ambiguous pairing is left out — reported as removed
 * + added, which a reader can check, rather than as a rename or a move that could hide a rewrite.
 * The margin also makes the answer the same whichever list comes first (ties cannot be broken
 * differently).
 */
export interface AssignOptions {
  threshold: number;
  margin: number;
}

/**
 * `score(i, j)` for rows `0…rows-1` and columns `0…cols-1`; returns the kept pairs as
 * `[row, col]`, by row. Scores below `threshold` are not candidates.
 */
export function assignOneToOne(rows: number, cols: number, score: (i: number, j: number) => number, options: AssignOptions): Array<[number, number]> {
  if (rows === 0 || cols === 0) return [];
  const matrix = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => {
      const s = score(i, j);
      return s >= options.threshold ? s : 0;
    }),
  );
  const transposed = rows > cols;
  const weights = transposed ? matrix[0]!.map((_, j) => matrix.map((row) => row[j]!)) : matrix;
  const assigned = maxWeightAssignment(weights);
  const taken: Array<[number, number]> = [];
  assigned.forEach((col, row) => {
    const [i, j] = transposed ? [col, row] : [row, col];
    if (col >= 0 && matrix[i]![j]! > 0) taken.push([i, j]);
  });
  const rowOf = new Map(taken.map(([i, j]) => [j, i]));
  const colOf = new Map(taken.map(([i, j]) => [i, j]));
  const clear = ([i, j]: [number, number]): boolean => {
    const s = matrix[i]![j]!;
    const near = (alternative: number, current: number) => alternative > 0 && alternative > current - options.margin;
    for (let l = 0; l < cols; l++) {
      if (l === j) continue;
      const k = rowOf.get(l);
      // Row i with column l instead: column l free, or its row k swapping to column j.
      if (k === undefined ? near(matrix[i]![l]!, s) : near(matrix[i]![l]! + matrix[k]![j]!, s + matrix[k]![l]!)) return false;
    }
    for (let k = 0; k < rows; k++) {
      if (k !== i && !colOf.has(k) && near(matrix[k]![j]!, s)) return false;
    }
    return true;
  };
  return taken.filter(clear).sort((x, y) => x[0] - y[0]);
}

/**
 * For an n × m weight matrix with n ≤ m, the column assigned to each row maximising the total
 * weight (the O(n²·m) Hungarian method with potentials, on costs = −weight).
 */
function maxWeightAssignment(weights: number[][]): number[] {
  const n = weights.length;
  const m = weights[0]!.length;
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(m + 1).fill(0);
  /** p[j]: the row (1-based) holding column j; 0 for none. */
  const p = new Array<number>(m + 1).fill(0);
  const way = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(m + 1).fill(Infinity);
    const used = new Array<boolean>(m + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = -weights[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minv[j] = minv[j]! - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const rowToCol = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j]! > 0) rowToCol[p[j]! - 1] = j - 1;
  return rowToCol;
}
