import type { Figure, FigureChange, FigureChanges, FigureDelta } from '../model/index.ts';
import { discountRepeats, familyOf, jaccard, MIN_CONFIDENCE, MIN_MARGIN, profileFigures, sameValue, scorePair, type FigureProfile, type PairScore } from './figure-similarity.ts';
import { collapseWhitespace } from '../text/collapse-whitespace.ts';

/**
 * Figures added, removed and changed, aligned as one assignment over the whole page:
 *
 * 1. by `key`. The extractor derives a key from a figure's meaning, so "€8.2 million in 2016" →
 *    "€5.1 million in 2017" keeps its key and shows here as one figure changed. Keys are
 *    compared case- and whitespace-insensitively; a key occurring several times on a page is
 *    paired by occurrence order.
 * 2. what is left, by evidence (figure-similarity.ts): every candidate pair of one kind family
 *    sharing a word or a value is scored (`scorePair`: context words with numbers masked, value
 *    equality and specificity, coarser dates of one event, kind and currency crossings, what is
 *    counted, section), then matched one to one, most confident first (`assignPairs`); a pair
 *    that claims a change is taken only when no free rival comes close. A second round adds
 *    what the neighbours say: two figures whose neighbours were paired with each other are
 *    likelier the same. Below `MIN_CONFIDENCE` the answer is removed + added — a false pairing
 *    is worse than a change shown as removed + added.
 *
 * A figure changed only when what it says changed — its kind, value, unit, period or direction;
 * a reworded sentence or a different raw spelling of the same value ("€2m" → "€2 million") is
 * not a change a reader tracks. A changed number carries its `delta` (absolute and relative); a
 * pair made by context carries its `confidence`.
 */
export function alignFigures(from: readonly Figure[], to: readonly Figure[], aligned: FigurePairs = pairFigures(from, to)): FigureChanges {
  const { pairs, byContext } = aligned;
  // Changes in the order of the newer page, as a reader meets them.
  const changed = [...pairs]
    .sort((x, y) => x[1] - y[1])
    .filter(([i, j]) => !sameMeaning(from[i]!, to[j]!))
    .map(([i, j]) => describeChange(to[j]!.key, from[i]!, to[j]!, byContext.get(i) ?? null));
  const paired = new Set(pairs.values());
  return {
    added: to.filter((_, j) => !paired.has(j)),
    removed: from.filter((_, i) => !pairs.has(i)),
    changed,
  };
}

/**
 * Which figure of the newer page is which of the older: index on the older page → index on the
 * newer, changed or not, and the confidence of the pairs made by context. Computed once per diff;
 * `alignFigures` reports from it, and `continueSeries` carries each figure's series along it.
 */
export interface FigurePairs {
  pairs: Map<number, number>;
  byContext: Map<number, number>;
}

export function pairFigures(from: readonly Figure[], to: readonly Figure[]): FigurePairs {
  const fromByKey = groupBy(
    from.map((_, i) => i),
    (i) => normalizeKey(from[i]!.key),
  );
  const used = new Map<string, number>();
  /** Index on the older page → index on the newer (indices: the same object may occur twice). */
  const pairs = new Map<number, number>();
  to.forEach((figure, j) => {
    const key = normalizeKey(figure.key);
    const index = used.get(key) ?? 0;
    used.set(key, index + 1);
    const i = fromByKey.get(key)?.[index];
    if (i !== undefined) pairs.set(i, j);
  });
  const fromProfiles = profileFigures(from);
  const toProfiles = profileFigures(to);
  discountRepeats(fromProfiles, toProfiles);
  overruleDriftedKeys(pairs, fromProfiles, toProfiles);
  const byContext = assignPairs(fromProfiles, toProfiles, pairs);
  return { pairs, byContext };
}

/**
 * Carries series along the alignment: a figure paired with one of the older page continues that
 * figure's series (its `series`, or its key when the older page predates series), whatever its
 * own key says now; an unpaired figure starts the series named by its key. Writes `series` on
 * the newer page's figures (the judge's own fresh document) and returns them.
 */
export function continueSeries(from: readonly Figure[], to: Figure[], aligned: FigurePairs): Figure[] {
  const continued = new Map<number, string>();
  for (const [i, j] of aligned.pairs) continued.set(j, from[i]!.series ?? from[i]!.key);
  // A new figure whose key names a series another figure continues here (the older figure's key
  // moved to a new figure) starts a series of its own: one version never holds a series twice.
  const taken = new Set(continued.values());
  to.forEach((figure, j) => {
    let series = continued.get(j);
    if (series === undefined) {
      series = figure.key;
      for (let n = 2; taken.has(series); n++) series = `${figure.key}~${n}`;
      taken.add(series);
    }
    figure.series = series;
  });
  return to;
}

/** `confidence` null: matched by key. */
function describeChange(key: string, from: Figure, to: Figure, confidence: number | null): FigureChange {
  const entry: FigureChange = { key, from, to };
  const delta = computeDelta(from, to);
  if (delta !== null) entry.delta = delta;
  if (confidence !== null) {
    entry.matchedBy = 'context';
    entry.confidence = confidence;
  }
  return entry;
}

/**
 * The move of a number: `absolute` = to − from in the figure's unit, `relative` = that over
 * |from| (0.25 is +25 %), null when from is 0. Null when the values are not both numbers or the
 * unit changed (EUR → USD has no meaningful delta). Rounded to 12 significant digits so that
 * 5.1e6 − 8.2e6 reads −3 100 000, not −3 099 999.9999999995.
 */
export function computeDelta(from: Figure, to: Figure): FigureDelta | null {
  if (typeof from.value !== 'number' || typeof to.value !== 'number' || from.unit !== to.unit) return null;
  const absolute = round(to.value - from.value);
  const relative = from.value === 0 ? null : round((to.value - from.value) / Math.abs(from.value));
  return { absolute, relative };
}

function round(value: number): number {
  return Number(value.toPrecision(12));
}

/** A family block with at most this many figures on the newer side is scored pair by pair. */
const SCORE_ALL = 256;
/** In larger blocks, a word shared by more figures than this does not make them candidates. */
const MAX_POSTING = 64;

/**
 * Pairs the figures that `pairs` (older index → newer index, already matched by key) leaves, in
 * two rounds, and records them in `pairs`; returns the confidence of each new pair by its older
 * index. Deterministic: ties go to the earlier figures.
 */
function assignPairs(fromProfiles: FigureProfile[], toProfiles: FigureProfile[], pairs: Map<number, number>): Map<number, number> {
  const pairedTo = new Set(pairs.values());
  const result = new Map<number, number>();
  for (const round of [0, 1]) {
    const olds = fromProfiles.map((p, i) => ({ p, i })).filter(({ i }) => !pairs.has(i));
    const nows = toProfiles.map((p, j) => ({ p, j })).filter(({ j }) => !pairedTo.has(j));
    if (olds.length === 0 || nows.length === 0) break;
    const candidates: Candidate[] = [];
    for (const [i, j] of candidatePairs(olds, nows)) {
      const neighbours = round === 0 ? 0 : neighbourAgreement(i, j, pairs);
      const score = scorePair(fromProfiles[i]!, toProfiles[j]!, neighbours);
      if (score !== null && score.confidence >= MIN_CONFIDENCE) candidates.push({ i, j, ...score });
    }
    const taken = matchCandidates(candidates);
    for (const { i, j, confidence } of taken) {
      pairs.set(i, j);
      pairedTo.add(j);
      result.set(i, confidence);
    }
    if (taken.length === 0) break;
  }
  return result;
}

/** A same-value partner at least this confident overrules a key pair that claims a change. */
const OVERRULE = 0.75;

/**
 * Drops the key pairs that a rewording moved onto a neighbour: in "le Luxembourg (depuis 2016)
 * et la Hongrie (un chargé d'affaires depuis 2019)" → "le Luxembourg (chargé d'affaires depuis
 * 2016) …" the key of 2019 now names 2016, and pairing by key would say 2019 → 2016. A key pair
 * that claims a change is dropped when either side has, on the other page, a figure saying the
 * same thing in the same words (`scorePair` claims "same" with confidence ≥ `OVERRULE`, and its own
 * words at least as alike as the key pair's) that no key pair already says the
 * same thing with; the assignment then pairs what is left.
 */
function overruleDriftedKeys(pairs: Map<number, number>, fromProfiles: FigureProfile[], toProfiles: FigureProfile[]): void {
  const reverse = new Map([...pairs].map(([i, j]) => [j, i]));
  const settled = (a: FigureProfile | undefined, b: FigureProfile) => a !== undefined && sameMeaning(a.figure, b.figure);
  // `closeness`: how alike the key pair's own words are (its raw text: "quatre à Paris" → "deux
  // à Paris"); a twin must be at least as alike, so that key pair is not overruled by "deux à
  // Nour-Soultan" in a sentence of the same words — the same number, but of another place.
  const hasTwin = (p: FigureProfile, others: FigureProfile[], partnerOf: (k: number) => number | undefined, older: boolean, closeness: number) =>
    others.some((q, k) => {
      if (!sameMeaning(p.figure, q.figure)) return false;
      if (jaccard(p.rawStems, q.rawStems) < closeness) return false;
      const partner = partnerOf(k);
      if (settled(partner === undefined ? undefined : (older ? fromProfiles : toProfiles)[partner], q)) return false;
      const score = older ? scorePair(p, q) : scorePair(q, p);
      return score !== null && score.claim === 'same' && score.confidence >= OVERRULE;
    });
  for (const [i, j] of [...pairs]) {
    const [a, b] = [fromProfiles[i]!, toProfiles[j]!];
    if (sameMeaning(a.figure, b.figure)) continue;
    const closeness = jaccard(a.rawStems, b.rawStems);
    if (hasTwin(a, toProfiles, (k) => reverse.get(k), true, closeness) || hasTwin(b, fromProfiles, (k) => pairs.get(k), false, closeness)) {
      pairs.delete(i);
      reverse.delete(j);
    }
  }
}

interface Candidate extends PairScore {
  i: number;
  j: number;
}

/**
 * The pairs worth scoring: same kind family, and a shared context word or value. Small blocks
 * are scored pair by pair; in large ones a word common to many figures does not make a pair a
 * candidate, so the work stays near-linear in practice and never exceeds n × m.
 */
function candidatePairs(
  olds: Array<{ p: FigureProfile; i: number }>,
  nows: Array<{ p: FigureProfile; j: number }>,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const blocks = new Map<string, Array<{ p: FigureProfile; j: number }>>();
  for (const now of nows) {
    const family = familyOf(now.p.figure);
    const block = blocks.get(family);
    if (block === undefined) blocks.set(family, [now]);
    else block.push(now);
  }
  const indexes = new Map<string, Map<string, number[]>>();
  for (const { p, i } of olds) {
    const block = blocks.get(familyOf(p.figure));
    if (block === undefined) continue;
    if (block.length <= SCORE_ALL) {
      for (const { j } of block) out.push([i, j]);
      continue;
    }
    const family = familyOf(p.figure);
    let index = indexes.get(family);
    if (index === undefined) {
      index = new Map();
      for (const { p: q, j } of block) {
        for (const token of [q.valueToken, ...q.sentence]) {
          const posting = index.get(token);
          if (posting === undefined) index.set(token, [j]);
          else if (posting.at(-1) !== j) posting.push(j);
        }
      }
      indexes.set(family, index);
    }
    const seen = new Set<number>();
    for (const token of [p.valueToken, ...p.sentence]) {
      const posting = index.get(token);
      if (posting === undefined || (posting.length > MAX_POSTING && token !== p.valueToken)) continue;
      for (const j of posting.slice(0, MAX_POSTING * 4)) seen.add(j);
    }
    for (const j of [...seen].sort((x, y) => x - y)) out.push([i, j]);
  }
  return out;
}

/**
 * Most confident first, each figure once. A pair that says something changed (not the same
 * value) is taken only if neither side has a free rival within `MIN_MARGIN`: two look-alike
 * visits in October 2013 and October 2014 are not guessed between.
 */
function matchCandidates(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => b.confidence - a.confidence || a.i - b.i || a.j - b.j);
  const byOld = new Map<number, Candidate[]>();
  const byNew = new Map<number, Candidate[]>();
  for (const c of candidates) {
    (byOld.get(c.i) ?? byOld.set(c.i, []).get(c.i)!).push(c);
    (byNew.get(c.j) ?? byNew.set(c.j, []).get(c.j)!).push(c);
  }
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const taken: Candidate[] = [];
  for (const c of candidates) {
    if (usedOld.has(c.i) || usedNew.has(c.j)) continue;
    if (c.claim !== 'same') {
      const rival = (list: Candidate[]) =>
        list.some((r) => r !== c && !usedOld.has(r.i) && !usedNew.has(r.j) && r.confidence > c.confidence - MIN_MARGIN);
      if (rival(byOld.get(c.i)!) || rival(byNew.get(c.j)!)) continue;
    }
    usedOld.add(c.i);
    usedNew.add(c.j);
    taken.push(c);
  }
  return taken;
}

/** 0–1: whether the figures just before and just after the older figure `i` are paired with those around the newer `j`. */
function neighbourAgreement(i: number, j: number, pairs: Map<number, number>): number {
  let agree = 0;
  if (i > 0 && j > 0 && pairs.get(i - 1) === j - 1) agree++;
  if (pairs.get(i + 1) === j + 1) agree++;
  return agree / 2;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

/** Whether two aligned figures say the same thing (kind, value, unit, period, direction). */
export function sameMeaning(a: Figure, b: Figure): boolean {
  return (
    a.kind === b.kind &&
    sameValue(a.value, b.value) &&
    a.unit === b.unit &&
    (a.period ?? null) === (b.period ?? null) &&
    (a.direction ?? null) === (b.direction ?? null)
  );
}

function normalizeKey(key: string): string {
  return collapseWhitespace(key).toLowerCase();
}
