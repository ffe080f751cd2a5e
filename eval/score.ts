/**
 * Scoring against the golden lists: figures found (recall, precision), stamps found, what a diff
 * says of each real change and of the sections, and a label audit. Pure functions of documents and golden data.
 */
import type { Change, Figure, PageDocument } from '../src/model/index.ts';
import { matchesGolden } from './golden-match.ts';
import type { ExpectedChange, GoldenLabelled } from './corpus.ts';

/** Figures compared with the golden lists: years standing alone are left out on both sides. */
export const scored = (doc: PageDocument): Figure[] => doc.figures.filter((f) => f.kind !== 'year');

export interface FigureScore {
  golden: number;
  extracted: number;
  matched: number;
  missed: GoldenLabelled[];
  extra: Figure[];
  /** Extracted figure → the golden figure it stands for (one to one). */
  assignment: Map<Figure, GoldenLabelled>;
}

/** One-to-one, in page order: each golden figure takes the first unmatched extracted one it matches. */
export function scoreFigures(figures: Figure[], golden: GoldenLabelled[]): FigureScore {
  const unmatched = [...figures];
  const assignment = new Map<Figure, GoldenLabelled>();
  const missed: GoldenLabelled[] = [];
  for (const g of golden) {
    const i = unmatched.findIndex((f) => matchesGolden(f, g));
    if (i < 0) missed.push(g);
    else assignment.set(unmatched.splice(i, 1)[0]!, g);
  }
  return { golden: golden.length, extracted: figures.length, matched: assignment.size, missed, extra: unmatched, assignment };
}

/** A figure's identity for looking it up again in a diff (the diff may hold copies). */
const identity = (f: Figure) => `${f.key}\u0000${f.raw}\u0000${f.sentence}`;

function byIdentity(assignment: Map<Figure, GoldenLabelled>): Map<string, GoldenLabelled> {
  return new Map([...assignment].map(([f, g]) => [identity(f), g]));
}

export interface PairScore {
  /** Real changes (expected `changed`) reported as one changed figure. */
  realChanges: number;
  asOneChange: number;
  asRemovedAdded: number;
  missedChanges: Array<{ from: string; to: string }>;
  /** Golden figures of either side that did not change and were found: how many stayed silent. */
  unchanged: number;
  silent: number;
  noisy: string[];
  /** Changed pairs the diff made between golden figures that are not the same quantity. */
  falsePairings: Array<{ from: string; to: string }>;
  /** Restatements (same quantity, written differently) kept together: silent, or one changed figure. */
  restated: number;
  restatedTogether: number;
}

export function scorePair(change: Change, a: FigureScore, b: FigureScore, expected: ExpectedChange): PairScore {
  const goldenA = byIdentity(a.assignment);
  const goldenB = byIdentity(b.assignment);
  const ga = (f: Figure) => goldenA.get(identity(f)) ?? null;
  const gb = (f: Figure) => goldenB.get(identity(f)) ?? null;
  const reported = change.figures.changed.map((c) => ({ from: ga(c.from)?.raw ?? null, to: gb(c.to)?.raw ?? null }));
  const removed = new Set(change.figures.removed.map((f) => ga(f)?.raw).filter((r): r is string => r != null));
  const added = new Set(change.figures.added.map((f) => gb(f)?.raw).filter((r): r is string => r != null));
  const same = (x: string | null, y: string) => x !== null && norm(x) === norm(y);

  let asOneChange = 0;
  let asRemovedAdded = 0;
  const missedChanges: PairScore['missedChanges'] = [];
  for (const e of expected.changed) {
    if (reported.some((r) => same(r.from, e.from) && same(r.to, e.to))) asOneChange++;
    else if ([...removed].some((r) => same(r, e.from)) && [...added].some((r) => same(r, e.to))) asRemovedAdded++;
    else missedChanges.push({ from: e.from, to: e.to });
  }

  let restatedTogether = 0;
  for (const e of expected.restated) {
    const split = [...removed].some((r) => same(r, e.from)) || [...added].some((r) => same(r, e.to));
    const paired = reported.some((r) => same(r.from, e.from) && same(r.to, e.to));
    if (paired || !split) restatedTogether++;
  }

  // Restated figures are judged above, not as unchanged ones.
  const expectedFrom = new Set([...expected.removed, ...expected.changed.map((c) => c.from), ...expected.restated.map((c) => c.from)].map(norm));
  const expectedTo = new Set([...expected.added, ...expected.changed.map((c) => c.to), ...expected.restated.map((c) => c.to)].map(norm));
  const loudA = new Set([...change.figures.removed, ...change.figures.changed.map((c) => c.from)].map(identity));
  const loudB = new Set([...change.figures.added, ...change.figures.changed.map((c) => c.to)].map(identity));
  let unchanged = 0;
  let silent = 0;
  const noisy: string[] = [];
  for (const [f, g] of a.assignment) {
    if (expectedFrom.has(norm(g.raw))) continue;
    unchanged++;
    if (loudA.has(identity(f))) noisy.push(`− ${g.raw}`);
    else silent++;
  }
  for (const [f, g] of b.assignment) {
    if (expectedTo.has(norm(g.raw))) continue;
    unchanged++;
    if (loudB.has(identity(f))) noisy.push(`+ ${g.raw}`);
    else silent++;
  }

  const falsePairings: PairScore['falsePairings'] = [];
  for (const r of reported) {
    if (r.from === null || r.to === null) continue;
    if ([...expected.changed, ...expected.restated].some((e) => same(r.from, e.from) && same(r.to, e.to))) continue;
    falsePairings.push({ from: r.from, to: r.to });
  }
  return { realChanges: expected.changed.length, asOneChange, asRemovedAdded, missedChanges, unchanged, silent, noisy, falsePairings, restated: expected.restated.length, restatedTogether };
}

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** What the eval says of a revision's printed stamp. */
export interface StampScore {
  /** The document declares the printed stamp: the same line, and its date when it has one. */
  found: boolean;
  /** The stamp line is still in a section's blocks (its date would read as a figure). */
  leftInText: boolean;
  /** The stamp line opened a section (a pseudo-section holding the rest of the page). */
  asSection: boolean;
}

/**
 * A printed stamp is **found** when the document's `updatedText` is that line and, when the line
 * carries a date (any digit: "Stand: September 2016", "11/05/2016 - 17:24"), `updated` holds a
 * date whose year is printed in the line. A stamp printed without its date ("Dernière mise à
 * jour le", the date lost from the stored copy) is found when the line is recognised as the
 * stamp (`updatedText`) with no date invented for it (`updated` null).
 */
export function scoreStamp(doc: PageDocument, printed: string): StampScore {
  const same = (a: string) => a.replace(/\s+/gu, ' ').trim();
  const line = same(printed);
  const dated = /\d/u.test(line);
  const year = doc.updated?.slice(0, 4);
  const found =
    doc.updatedText !== null &&
    same(doc.updatedText) === line &&
    (dated ? year !== undefined && line.includes(year) : doc.updated === null);
  return {
    found,
    leftInText: doc.sections.some((s) => s.blocks.some((b) => same(b) === line)),
    asSection: doc.sections.some((s) => s.heading !== null && s.heading.includes(line)),
  };
}

/**
 * The label audit's rubric, written down so it is the same each run: a label **names** its
 * figure when it shares a content word (4+ letters, not a function word) with the label a reader
 * wrote for it, or contains that label; it is **misleading** when it names none of its own
 * words but shares one with another figure's reader label on the same page (it names a neighbour).
 */
export function auditLabel(ours: string, golden: GoldenLabelled, others: GoldenLabelled[]): 'names' | 'misleading' | 'unclear' {
  if (!golden.label) return 'unclear';
  const mine = words(golden.label);
  const said = words(ours);
  if (norm(ours).includes(norm(golden.label)) || [...mine].some((w) => said.has(w))) return 'names';
  const theirs = new Set(others.filter((o) => o !== golden && o.label).flatMap((o) => [...words(o.label!)]));
  return [...said].some((w) => theirs.has(w) && !mine.has(w)) ? 'misleading' : 'unclear';
}

const STOP = new Set(
  'with from that this than their there these those into over under about which were have been also other more most such only some ' +
    'dans avec pour plus sont leur leurs cette entre depuis sous vers elle elles ils nous vous aussi ' +
    'eine einer eines einem einen sind sich nach über unter auch mehr dass oder wird wurde werden ihre seine'
    .split(' '),
);

function words(s: string): Set<string> {
  return new Set(
    s
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter((w) => w.length >= 4 && !STOP.has(w))
      .map((w) => w.slice(0, 6)),
  );
}

/** What the eval says of a pair's sections against the reader's `sections` expectation. */
export interface SectionScore {
  /** Added, removed and renamed sections all as the reader listed them (`mismatches` empty). */
  asExpected: boolean;
  mismatches: string[];
  /** Blocks moved word for word that the diff did not show as moved. */
  movesMissed: string[];
  /** Renames the reader listed whose headings differ beyond case and spacing, and those the diff reported as renamed. */
  renames: number;
  renamesFound: number;
  /** Blocks standing word for word in both revisions, under a heading that is not their section's (or its rename), and those the diff shows as moved. */
  movedVerbatim: number;
  movedShown: number;
}

/**
 * A reader's rename that only changes case or spacing ("Bilateral relations" → "Bilateral
 * Relations") is one section to the diff (aligned by heading): it is met when neither heading
 * is reported added or removed. A real rename is met by a `renamed` entry with both headings.
 * Moved text is judged on facts alone: a block (4+ words, once on each page) found word for word
 * under another section — the reader's renames mapped — should be shown as moved.
 */
export function scoreSections(change: Change, a: PageDocument, b: PageDocument, expected: NonNullable<ExpectedChange['sections']>): SectionScore {
  const key = (h: string | null) => (h === null ? '\u0000lead' : norm(h));
  const sameList = (x: readonly string[], y: readonly string[]) => [...x].map(key).sort().join('\u0001') === [...y].map(key).sort().join('\u0001');
  const renamed = change.sections.renamed ?? [];
  const mismatches: string[] = [];
  const expectedAdded = expected.added ?? [];
  const expectedRemoved = expected.removed ?? [];
  if (!sameList(change.sections.added, expectedAdded)) mismatches.push(`added ${JSON.stringify(change.sections.added)}, expected ${JSON.stringify(expectedAdded)}`);
  if (!sameList(change.sections.removed, expectedRemoved)) mismatches.push(`removed ${JSON.stringify(change.sections.removed)}, expected ${JSON.stringify(expectedRemoved)}`);
  let renames = 0;
  let renamesFound = 0;
  const rename = new Map<string, string>();
  for (const r of expected.renamed ?? []) {
    rename.set(key(r.from), key(r.to));
    if (key(r.from) === key(r.to)) continue;
    renames++;
    if (renamed.some((x) => key(x.from) === key(r.from) && key(x.to) === key(r.to))) renamesFound++;
    else mismatches.push(`rename not found: ${r.from} → ${r.to}`);
  }
  for (const x of renamed) {
    if (rename.get(key(x.from)) !== key(x.to)) mismatches.push(`unexpected rename: ${x.from} → ${x.to}`);
  }

  const blocks = (doc: PageDocument) => {
    const where = new Map<string, string | null>();
    const count = new Map<string, number>();
    for (const s of doc.sections) {
      for (const block of s.blocks) {
        const text = block.replace(/\s+/gu, ' ').trim();
        if (text.split(' ').length < 4) continue;
        count.set(text, (count.get(text) ?? 0) + 1);
        where.set(text, s.heading);
      }
    }
    return new Map([...where].filter(([text]) => count.get(text) === 1));
  };
  const inB = blocks(b);
  const shown = new Set((change.sections.moved ?? []).map((m) => m.text.replace(/\s+/gu, ' ').trim()));
  let movedVerbatim = 0;
  let movedShown = 0;
  const movesMissed: string[] = [];
  for (const [text, headingA] of blocks(a)) {
    if (!inB.has(text)) continue;
    const fromKey = key(headingA);
    if ((rename.get(fromKey) ?? fromKey) === key(inB.get(text)!)) continue;
    movedVerbatim++;
    if (shown.has(text)) movedShown++;
    else movesMissed.push(`moved text not shown as moved (${headingA ?? 'lead'} → ${inB.get(text) ?? 'lead'}): ${text.slice(0, 60)}…`);
  }
  return { asExpected: mismatches.length === 0, mismatches, movesMissed, renames, renamesFound, movedVerbatim, movedShown };
}
