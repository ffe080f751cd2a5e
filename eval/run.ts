/**
 * `npm run eval` — extraction and diffing over the development corpus (snapshots/corpus/dev/):
 * recall and precision per language and publisher (the page's language declared, and not),
 * stamps found, what the diff says of each real change, unchanged figures kept silent, false
 * pairings, sections added / removed / renamed and text moved, a label audit, and the cost of
 * extraction against a bare cheerio parse (of the short rendered excerpts; whole pages are
 * bench/extract-cost.ts's).
 *
 *   npm run eval                 # the tables
 *   npm run eval -- --verbose    # and every miss, extra figure, noisy or false pairing, label
 *   npm run eval -- --json       # one JSON object
 *
 * The golden lists were written by reading the texts (FORMAT.md); nothing here is tuned to them.
 */
import { load } from 'cheerio';
import { labelFigure } from '../src/describe/label-figure.ts';
import { diffDocuments } from '../src/diff/diff-documents.ts';
import { extractDocument } from '../src/extract/extract-document.ts';
import type { PageDocument } from '../src/model/index.ts';
import { readCorpus, type PageSeries, type Revision } from './corpus.ts';
import { renderPage } from './render-page.ts';
import { auditLabel, scoreFigures, scorePair, scored, scoreSections, scoreStamp, type FigureScore, type PairScore, type SectionScore } from './score.ts';

const VERBOSE = process.argv.includes('--verbose');
const JSON_OUT = process.argv.includes('--json');

interface Tally {
  golden: number;
  extracted: number;
  matched: number;
}
const tally = (): Tally => ({ golden: 0, extracted: 0, matched: 0 });
const add = (t: Tally, s: FigureScore) => {
  t.golden += s.golden;
  t.extracted += s.extracted;
  t.matched += s.matched;
};
const recall = (t: Tally) => (t.golden === 0 ? NaN : t.matched / t.golden);
const precision = (t: Tally) => (t.extracted === 0 ? NaN : t.matched / t.extracted);

function extract(series: PageSeries, rev: Revision, declared: boolean): PageDocument {
  return extractDocument(renderPage(rev.text, { lang: declared ? series.language : null }), { url: series.url });
}

const corpus = readCorpus();
const byLanguage = new Map<string, { declared: Tally; undeclared: Tally }>();
const byPublisher = new Map<string, Tally>();
const total = { declared: tally(), undeclared: tally() };
const stamps = { expected: 0, found: 0, asSection: 0, leftInText: 0, missed: [] as string[] };
const pairs = { count: 0, real: 0, one: 0, removedAdded: 0, unchanged: 0, silent: 0, restated: 0, restatedTogether: 0, falsePairings: [] as string[], details: [] as Array<{ id: string; score: PairScore }> };
const sections = { pairs: 0, asExpected: 0, renames: 0, renamesFound: 0, movedVerbatim: 0, movedShown: 0, details: [] as Array<{ id: string; score: SectionScore }> };
const labels = { audited: 0, names: 0, misleading: [] as string[], unclear: [] as string[] };
const cost: number[] = [];
const pages: Array<{ id: string; date: string; score: FigureScore }> = [];

for (const series of corpus) {
  const docs = new Map<string, { doc: PageDocument; score: FigureScore | null }>();
  for (const rev of series.revisions) {
    const doc = extract(series, rev, true);
    const score = rev.golden ? scoreFigures(scored(doc), rev.golden) : null;
    docs.set(rev.date, { doc, score });
    if (score) {
      const lang = byLanguage.get(series.language) ?? { declared: tally(), undeclared: tally() };
      byLanguage.set(series.language, lang);
      add(lang.declared, score);
      add(total.declared, score);
      const pub = byPublisher.get(series.publisher) ?? tally();
      byPublisher.set(series.publisher, pub);
      add(pub, score);
      const undeclared = scoreFigures(scored(extract(series, rev, false)), rev.golden!);
      add(lang.undeclared, undeclared);
      add(total.undeclared, undeclared);
      pages.push({ id: series.id, date: rev.date, score });
      for (const [f, g] of score.assignment) {
        if (!g.label) continue;
        labels.audited++;
        const ours = labelFigure(f);
        const verdict = auditLabel(ours, g, rev.golden!);
        if (verdict === 'names') labels.names++;
        else (verdict === 'misleading' ? labels.misleading : labels.unclear).push(`${series.id} ${rev.date}: "${ours}" for ${g.raw} (${g.label})`);
      }
    }
    if (rev.stamp) {
      stamps.expected++;
      const stamp = scoreStamp(doc, rev.stamp);
      if (stamp.found) stamps.found++;
      else stamps.missed.push(`${series.id} ${rev.date}: "${rev.stamp}" (read: ${JSON.stringify(doc.updatedText)} → ${doc.updated ?? 'no date'})`);
      if (stamp.asSection) stamps.asSection++;
      if (stamp.leftInText) stamps.leftInText++;
    }
  }
  for (let i = 1; i < series.revisions.length; i++) {
    const [from, to] = [series.revisions[i - 1]!, series.revisions[i]!];
    const expected = series.pairs.get(`${from.date}__${to.date}`);
    const a = docs.get(from.date)!;
    const b = docs.get(to.date)!;
    if (!expected || !a.score || !b.score) continue;
    const change = diffDocuments(a.doc, b.doc);
    if (expected.sections) {
      const t = scoreSections(change, a.doc, b.doc, expected.sections);
      sections.pairs++;
      if (t.asExpected) sections.asExpected++;
      sections.renames += t.renames;
      sections.renamesFound += t.renamesFound;
      sections.movedVerbatim += t.movedVerbatim;
      sections.movedShown += t.movedShown;
      sections.details.push({ id: `${series.id} ${from.date}→${to.date}`, score: t });
    }
    const s = scorePair(change, a.score, b.score, expected);
    pairs.count++;
    pairs.real += s.realChanges;
    pairs.one += s.asOneChange;
    pairs.removedAdded += s.asRemovedAdded;
    pairs.unchanged += s.unchanged;
    pairs.silent += s.silent;
    pairs.restated += s.restated;
    pairs.restatedTogether += s.restatedTogether;
    for (const f of s.falsePairings) pairs.falsePairings.push(`${series.id} ${from.date}→${to.date}: ${f.from} → ${f.to}`);
    pairs.details.push({ id: `${series.id} ${from.date}→${to.date}`, score: s });
  }
}

// Timed after everything above ran once, so both sides are compiled and warm.
for (const series of corpus) for (const rev of series.revisions) cost.push(costRatio(renderPage(rev.text, { lang: series.language }), series.url));

/**
 * Extraction time over a bare cheerio (htmlparser2) parse of the same page, median of 5 each.
 * The pages are the corpus texts as rendered here: ~2 KB excerpts with no site chrome, where
 * the parse costs almost nothing and extraction's fixed costs per sentence are all there is. It
 * is not the measure of whole pages: `npx tsx bench/extract-cost.ts` times that.
 */
function costRatio(html: string, url: string): number {
  const time = (fn: () => unknown) => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      fn();
      runs.push(performance.now() - t);
    }
    return runs.sort((x, y) => x - y)[2]!;
  };
  return time(() => extractDocument(html, { url })) / time(() => load(html, { xml: { xmlMode: false } }));
}

const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(x * 100).toFixed(1)}%`);
const fmt = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(3));
const revisions = corpus.reduce((n, s) => n + s.revisions.length, 0);
const median = (xs: number[]) => (xs.length === 0 ? NaN : [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!);

const result = {
  corpus: { series: corpus.length, revisions, publishers: new Set(corpus.map((s) => s.publisher)).size, seriesWithRevisions: corpus.filter((s) => s.revisions.length > 1).length },
  figures: {
    declared: { ...total.declared, recall: recall(total.declared), precision: precision(total.declared) },
    undeclared: { ...total.undeclared, recall: recall(total.undeclared), precision: precision(total.undeclared) },
    byLanguage: Object.fromEntries([...byLanguage].map(([l, t]) => [l, { declared: { recall: recall(t.declared), precision: precision(t.declared) }, undeclared: { recall: recall(t.undeclared), precision: precision(t.undeclared) } }])),
    byPublisher: Object.fromEntries([...byPublisher].map(([p, t]) => [p, { ...t, recall: recall(t), precision: precision(t) }])),
  },
  stamps: { expected: stamps.expected, found: stamps.found, asSection: stamps.asSection, leftInText: stamps.leftInText },
  pairs: { count: pairs.count, realChanges: pairs.real, asOneChange: pairs.one, asRemovedAdded: pairs.removedAdded, unchanged: pairs.unchanged, silent: pairs.silent, restated: pairs.restated, restatedTogether: pairs.restatedTogether, falsePairings: pairs.falsePairings.length },
  sections: { pairs: sections.pairs, asExpected: sections.asExpected, renames: sections.renames, renamesFound: sections.renamesFound, movedVerbatim: sections.movedVerbatim, movedShown: sections.movedShown },
  labels: { audited: labels.audited, names: labels.names, misleading: labels.misleading.length },
  cost: { medianRatioToCheerio: median(cost) },
};

if (JSON_OUT) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  const out: string[] = [];
  out.push(`development corpus: ${result.corpus.series} page series, ${revisions} revisions, ${result.corpus.publishers} publishers, ${result.corpus.seriesWithRevisions} series with 2+ revisions`);
  out.push('', 'figures (years standing alone left out)     recall   precision   golden  extracted  matched');
  const row = (name: string, t: Tally) => `  ${name.padEnd(40)} ${fmt(recall(t)).padStart(6)}   ${fmt(precision(t)).padStart(9)}   ${String(t.golden).padStart(6)}  ${String(t.extracted).padStart(9)}  ${String(t.matched).padStart(7)}`;
  out.push(row('all, language declared', total.declared), row('all, language not declared', total.undeclared));
  for (const [l, t] of byLanguage) out.push(row(`${l}, declared`, t.declared), row(`${l}, not declared`, t.undeclared));
  for (const [p, t] of byPublisher) out.push(row(`publisher ${p}`, t));
  out.push('', `stamps: ${stamps.found}/${stamps.expected} found; ${stamps.asSection} became a section heading; ${stamps.leftInText} left in a section's text`);
  out.push(
    '',
    `revision pairs: ${pairs.count}; real figure changes: ${pairs.real} — one changed figure ${pairs.one} (${pct(pairs.one / pairs.real)}), removed + added ${pairs.removedAdded}, missed ${pairs.real - pairs.one - pairs.removedAdded}`,
    `unchanged figures kept silent: ${pairs.silent}/${pairs.unchanged} (${pct(pairs.silent / pairs.unchanged)}); restatements kept together: ${pairs.restatedTogether}/${pairs.restated}; false pairings: ${pairs.falsePairings.length}`,
  );
  out.push(
    '',
    `sections: ${sections.asExpected}/${sections.pairs} pairs as expected (added, removed, renamed); renamed found ${sections.renamesFound}/${sections.renames}; text moved word for word to another section shown as moved ${sections.movedShown}/${sections.movedVerbatim}`,
  );
  out.push('', `labels: ${labels.names}/${labels.audited} name their figure (${pct(labels.names / labels.audited)}); misleading: ${labels.misleading.length}`);
  out.push(
    '',
    `extraction cost on these short excerpts (~2 KB of text, no site chrome): median ${fmt(result.cost.medianRatioToCheerio)}× a bare cheerio parse of the same excerpt (median of 5 runs each, this machine, this run); whole pages: npx tsx bench/extract-cost.ts`,
  );
  if (VERBOSE) {
    for (const p of pages) {
      if (p.score.missed.length === 0 && p.score.extra.length === 0) continue;
      out.push('', `${p.id} ${p.date}: ${p.score.matched}/${p.score.golden} found, ${p.score.extra.length} extra`);
      for (const g of p.score.missed) out.push(`  missed  ${g.kind} ${JSON.stringify(g.value)} "${g.raw}"`);
      for (const f of p.score.extra) out.push(`  extra   ${f.kind} ${JSON.stringify(f.value)} "${f.raw}"`);
    }
    for (const d of pairs.details) {
      if (d.score.missedChanges.length + d.score.noisy.length + d.score.falsePairings.length === 0) continue;
      out.push('', `${d.id}:`);
      for (const m of d.score.missedChanges) out.push(`  change not reported as one: ${m.from} → ${m.to}`);
      for (const n of d.score.noisy) out.push(`  unchanged but reported: ${n}`);
      for (const f of d.score.falsePairings) out.push(`  FALSE PAIRING: ${f.from} → ${f.to}`);
    }
    for (const d of sections.details) {
      if (d.score.mismatches.length + d.score.movesMissed.length === 0) continue;
      out.push('', `${d.id} sections:`, ...[...d.score.mismatches, ...d.score.movesMissed].map((m) => `  ${m}`));
    }
    if (stamps.missed.length) out.push('', 'stamps missed:', ...stamps.missed.map((s) => `  ${s}`));
    if (labels.misleading.length) out.push('', 'misleading labels:', ...labels.misleading.map((s) => `  ${s}`));
    if (labels.unclear.length) out.push('', 'labels that do not name their figure:', ...labels.unclear.map((s) => `  ${s}`));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
