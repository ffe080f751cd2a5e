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
    const id = figureLabelKey(figure);
    const known = memo.get(id);
    if (known !== undefined) return known;
    const label = labelFigure(figure);
    if (memo.size >= capacity) memo.delete(memo.keys().next().value!);
    memo.set(id, label);
    return label;
  };
}

/**
 * What a figure's label is read from, as one string: two figures with the same key have the same
 * label (the memo above relies on it, and so does a label computed where the figure was made,
 * judge-capture.ts, and looked up where it is stored).
 */
export function figureLabelKey(figure: Pick<StoredFigure, 'kind' | 'raw' | 'section' | 'sentence'>): string {
  return `${figure.kind}\u0000${figure.raw}\u0000${figure.section ?? ''}\u0000${figure.sentence}`;
}

/**
 * The labels of a new version's figures that read differently from the previous version's
 * figure of the same series (all of them for a first version), keyed by `figureLabelKey`: what
 * the kept series facts will need labelled once the version is stored (a series whose figure
 * reads the same keeps its label). Each figure is labelled as its stored row is — from the
 * fields the `figures` table keeps, not the document's table cell or name.
 */
export function labelChangedFigures(figures: readonly Figure[], previous: readonly Figure[] | null): Record<string, string> {
  const before = new Map((previous ?? []).map((f) => [f.series ?? f.key, figureLabelKey(f)]));
  const labels: Record<string, string> = {};
  for (const f of figures) {
    const id = figureLabelKey(f);
    if (before.get(f.series ?? f.key) === id || id in labels) continue;
    labels[id] = labelFigure({ key: f.key, kind: f.kind, value: f.value, unit: f.unit ?? null, raw: f.raw, section: f.section ?? null, sentence: f.sentence, period: f.period ?? null });
  }
  return labels;
}
