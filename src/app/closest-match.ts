/**
 * "Did you mean …?" for a mistyped name (a source id, a figure series): the candidate nearest to
 * `word` by edit distance, when it is near enough to be a typo of it — at most one edit per four
 * characters, and at least one. Names longer than `MAX_CHARS` are not compared (user input is
 * bounded before any quadratic work).
 */
const MAX_CHARS = 200;

/** Edits (insert, delete, substitute) from `a` to `b`, or `limit + 1` once more than `limit` are needed. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

export function closestMatch(word: string, candidates: Iterable<string>): string | null {
  if (word.length === 0 || word.length > MAX_CHARS) return null;
  const limit = Math.max(1, Math.floor(word.length / 4));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word || candidate.length > MAX_CHARS) continue;
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase(), limit);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : null;
}

/** ` — did you mean "x"?`, or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === null ? '' : ` — did you mean "${match}"?`;
}
