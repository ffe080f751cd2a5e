import type { Change } from '../model/index.ts';
import { buildReportModel } from '../report/build-report-model.ts';
import type { ReportMeta } from '../report/report-meta.ts';
import { valueWithPeriod } from '../describe/value-with-period.ts';

/** One change the demo found, with the words for the revisions on either side. */
export interface DemoChange {
  change: Change;
  meta: ReportMeta;
  /** "c. 2015 (excerpt)", "5 July 2017" … */
  fromLabel: string;
  toLabel: string;
  /** A caveat printed under the change (the c. 2015 text is an excerpt). */
  note?: string;
}

/** Lines of one kind shown per change before "… and N more": the first screen must stay a screen. */
const PER_KIND = 3;

/**
 * The demo's first screen: per change, the figures that changed with their delta, the figures
 * that disappeared, the sections that appeared, a move — in the words of the reports (the same
 * report model), so the headline can never say what the report does not. Pure.
 */
export function demoHighlights(changes: readonly DemoChange[]): string[] {
  const lines: string[] = [];
  for (const c of changes) {
    const m = buildReportModel(c.change, c.meta);
    lines.push(`  ${c.fromLabel} → ${c.toLabel}  (change #${c.meta.changeId ?? '?'})`);
    if (m.moved) lines.push(`    page moved to ${m.moved.to}`);
    lines.push(
      ...capped(
        m.figuresChanged.map((f) => `    ~ ${f.label}: ${f.from} → ${f.to}${f.delta ? `  (${f.delta})` : ''}`),
        'figure changed',
        'figures changed',
      ),
    );
    // Amounts before years and dates: a sum that dropped out says more than a year that did.
    const when = new Set(c.change.figures.removed.filter((f) => f.kind === 'year' || f.kind === 'date').map((f) => f.raw));
    const removed = [...m.figuresRemoved].sort((a, b) => Number(when.has(a.raw)) - Number(when.has(b.raw)));
    lines.push(...capped(removed.map((f) => `    - ${f.label}: ${valueWithPeriod(f.value, f.period)}  (no longer on the page)`), 'figure removed', 'figures removed'));
    const added = new Map<string, number>();
    for (const f of m.figuresAdded) added.set(f.section, (added.get(f.section) ?? 0) + 1);
    lines.push(
      ...capped(
        m.sectionsAdded.map((s) => `    + new section: ${s}${added.get(s) ? ` (${added.get(s)} figures)` : ''}`),
        'section added',
        'sections added',
      ),
    );
    if (m.sectionsRemoved.length > 0) lines.push(`    - ${m.sectionsRemoved.length} sections removed: ${m.sectionsRemoved.join(', ')}`);
    if (c.note) lines.push(`    (${c.note})`);
  }
  return lines;
}

function capped(lines: string[], one: string, many: string): string[] {
  if (lines.length <= PER_KIND) return lines;
  const more = lines.length - PER_KIND;
  return [...lines.slice(0, PER_KIND), `    … and ${more} more ${more === 1 ? one : many}`];
}
