import type { Figure } from '../model/index.ts';
import { labelFigure } from './label-figure.ts';

/** What `labelFigure` reads of a figure as it is stored in the `figures` table. */
export type StoredFigure = Pick<Figure, 'key' | 'kind' | 'value' | 'unit' | 'raw' | 'section' | 'sentence' | 'period'>;

/**
 * Labels figures in bulk, remembering the last `capacity` labels: `labelFigure` reads a sentence
 * (≈0.1 ms a figure), and a list or an export meets the same figure — same kind, text and
 * sentence — in every version that did not reword it. Bounded, so an export of a million points
 * keeps a constant-size memo (oldest entries go first).
 *
 * A stored figure row keeps no `direction`, `name`, `cell` or `place` (docs/facts.md, "Labels"),
 * so a figure in a table cell or a "label : value" row is labelled from its sentence alone.
 */
export function createFigureLabeller(capacity = 10_000): (figure: StoredFigure) => string {
  const memo = new Map<string, string>();
  return (figure) => {
    const id = `${figure.kind}\u0000${figure.raw}\u0000${figure.section ?? ''}\u0000${figure.sentence}`;
    const known = memo.get(id);
    if (known !== undefined) return known;
    const label = labelFigure(figure);
    if (memo.size >= capacity) memo.delete(memo.keys().next().value!);
    memo.set(id, label);
    return label;
  };
}
