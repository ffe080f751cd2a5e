/**
 * Extraction cost against a bare cheerio parse of the same whole page (issue 19: at most 2×).
 *
 *   npx tsx bench/extract-cost.ts            # seed revisions and every full-page rendering (~5 min)
 *   npx tsx bench/extract-cost.ts --quick    # fewer rounds, one rendering in four (about a minute)
 *   npx tsx bench/extract-cost.ts --only 'generic diplomatie/la-france-et-le-laos 2015'
 *
 * Both sides of the ratio:
 *   - `parse`: `load(html)` from `cheerio/slim` — cheerio on htmlparser2, as load-page.ts parses,
 *     the DOM built and nothing read from it;
 *   - `extract`: `extractWithLimits(html, url, null)` — what the judge runs for every fetched
 *     page: `extractDocument` with the nesting limit, the figure cap and the document hash.
 *
 * The pages are whole pages, chrome included, since that is what a check parses:
 *   - `seed`: the three recorded revisions of "France and North Korea" in snapshots/html/
 *     (70–75 KB, most of it navigation; the diplomatie-spip profile parses only its regions);
 *   - `spip`: each revision of the development corpus (snapshots/corpus/dev/, rendered as the
 *     eval renders it) put in the seed page's chrome in place of its `div.texte` body, with the
 *     page's language and title — what a France Diplomatie fact page of that text weighs;
 *   - `generic`: the same text in the same chrome with the SPIP markers gone (`main > article`
 *     instead of `article.article > div.texte`): a page of no known layout, parsed whole by the
 *     generic profile.
 *
 * How it is timed: CPU time (user + system, `process.cpuUsage`) of batches of runs, since on a
 * shared machine waiting for a core is not the code's cost; batches big enough that each one pays
 * for the garbage its own DOMs leave; parse and extract batches interleaved, round after round,
 * so that a neighbour's load slows both alike; each page warmed up first; the ratio of a page is
 * the median over rounds of extract / parse, and a group's ratio the median over its pages.
 *
 * It also prints where the time of a seed page goes, stage by stage (each timed the same way).
 */
import { readFileSync } from 'node:fs';
import { load } from 'cheerio/slim';
import { readCorpus } from '../eval/corpus.ts';
import { renderPage } from '../eval/render-page.ts';
import { MAX_NESTING_DEPTH } from '../src/judge/assess-page.ts';
import { extractWithLimits } from '../src/judge/extract-with-limits.ts';
import { hashDocument } from '../src/extract/content-hash.ts';
import { detectLanguage } from '../src/extract/detect-language.ts';
import { extractDocument } from '../src/extract/extract-document.ts';
import { extractFigures, dollarCurrencyOf } from '../src/extract/figures/index.ts';
import { loadPageRegions } from '../src/extract/load-page.ts';
import { PROFILES } from '../src/extract/profiles/index.ts';
import { scanPage, type ElementPattern } from '../src/extract/scan-page.ts';

const QUICK = process.argv.includes('--quick');
/** `--only <text>`: only the pages whose group and name contain it (to profile one page). */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]! : null;
/** Rounds and runs per batch, for the seed pages and for the renderings (many more of them). */
const SEED = QUICK ? { rounds: 7, batch: 30, warmup: 100 } : { rounds: 15, batch: 60, warmup: 200 };
const RENDERED = QUICK ? { rounds: 3, batch: 10, warmup: 20, every: 4 } : { rounds: 5, batch: 16, warmup: 30, every: 1 };
// ROUNDS=… BATCH=… override both (a long run of one page under --cpu-prof).
if (process.env.ROUNDS) SEED.rounds = RENDERED.rounds = Number(process.env.ROUNDS);
if (process.env.BATCH) SEED.batch = RENDERED.batch = Number(process.env.BATCH);

interface Page {
  group: 'seed' | 'spip' | 'generic';
  name: string;
  html: string;
  url: string;
}

interface Plan {
  rounds: number;
  batch: number;
  warmup: number;
}

/** Mean CPU milliseconds of one call of `run` over a batch. */
function timeBatch(run: () => unknown, batch: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < batch; i++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / batch;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Medians of each measurement, taken interleaved round after round, and the median of the
 * per-round ratios of each measurement to the first (the parse).
 */
function interleave(runs: ReadonlyArray<() => unknown>, plan: Plan): { ms: number[]; ratio: number[] } {
  for (let i = 0; i < plan.warmup; i++) for (const run of runs) run();
  const times = runs.map(() => [] as number[]);
  const ratios = runs.map(() => [] as number[]);
  for (let round = 0; round < plan.rounds; round++) {
    const t = runs.map((run) => timeBatch(run, plan.batch));
    t.forEach((ms, i) => {
      times[i]!.push(ms);
      ratios[i]!.push(ms / t[0]!);
    });
  }
  return { ms: times.map(median), ratio: ratios.map(median) };
}

const SNAPSHOTS = new URL('../snapshots/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', SNAPSHOTS), 'utf8')) as {
  sources: Array<{ revisions: Array<{ revision: string; url: string; file: string }> }>;
};
const seeds: Page[] = manifest.sources.flatMap((s) =>
  s.revisions.map((r) => ({ group: 'seed' as const, name: r.revision, url: r.url, html: readFileSync(new URL(r.file, SNAPSHOTS), 'utf8') })),
);
const chrome = seeds.find((p) => p.name === '2017-10-26')!.html;

/** The range of the seed page's outermost element that opens with `open` (its matching close found by a scan). */
function elementRange(html: string, pattern: ElementPattern): { start: number; end: number } {
  const range = scanPage(html, { it: pattern }).regions.get('it');
  if (range === undefined) throw new Error(`the seed page has no ${JSON.stringify(pattern)}`);
  return range;
}
const TEXTE = elementRange(chrome, { tag: 'div', classes: ['texte'] });
const ARTICLE = elementRange(chrome, { tag: 'article', classes: ['article'] });

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A dev-corpus revision inside the seed page's chrome: its language, its title, its body. */
function inChrome(text: string, language: string, layout: 'spip' | 'generic'): string {
  const rendered = renderPage(text, { lang: language });
  const article = /<article>([\s\S]*)<\/article>/.exec(rendered)![1]!;
  const title = /<h1>([\s\S]*?)<\/h1>/.exec(article)?.[1] ?? '';
  const body = article.replace(/<h1>[\s\S]*?<\/h1>\n?/, '');
  const page =
    layout === 'spip'
      ? `${chrome.slice(0, TEXTE.start)}<div class="texte">\n<div class="texte">\n${body}\n</div>\n</div>${chrome.slice(TEXTE.end)}`
      : `${chrome.slice(0, ARTICLE.start)}<main><article>\n<h1>${title}</h1>\n${body}\n</article></main>${chrome.slice(ARTICLE.end)}`;
  return page
    .replace(/<html lang="[^"]*"/, `<html lang="${esc(language)}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${title} - France Diplomatie</title>`)
    .replace(/<h1 class="titre-article">[^<]*<\/h1>/, `<h1 class="titre-article">${title}</h1>`);
}

const rendered: Page[] = [];
let k = 0;
for (const series of readCorpus()) {
  for (const rev of series.revisions) {
    if (ONLY === null && k++ % RENDERED.every !== 0) continue;
    for (const group of ['spip', 'generic'] as const) {
      if (ONLY !== null && !`${group} ${series.id} ${rev.date}`.includes(ONLY)) continue;
      rendered.push({ group, name: `${series.id} ${rev.date}`, url: series.url, html: inChrome(rev.text, series.language, group) });
    }
  }
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
console.log(`node ${process.version}; CPU time; parse = cheerio/slim load(html); extract = extractWithLimits(html, url) as the judge runs it`);
console.log(`seed pages: ${SEED.rounds} interleaved rounds of ${SEED.batch} runs each after ${SEED.warmup} warm-up runs; renderings: ${RENDERED.rounds} rounds of ${RENDERED.batch} after ${RENDERED.warmup}`);

// 1. The seed revisions, one row each.
console.log('\n| page | size | profile | figures | cheerio parse | extract | extract / parse |');
console.log('|---|---:|---|---:|---:|---:|---:|');
for (const page of seeds.filter((p) => ONLY === null || `seed ${p.name}`.includes(ONLY))) {
  const check = extractWithLimits(page.html, page.url, null);
  if (check.kind !== 'document') throw new Error(`${page.name}: ${JSON.stringify(check)}`);
  const { ms, ratio } = interleave([() => load(page.html), () => extractWithLimits(page.html, page.url, null)], SEED);
  console.log(
    `| seed ${page.name} | ${(Buffer.byteLength(page.html) / 1024).toFixed(1)} KB | ${check.document.profile} | ${check.document.figures.length} | ` +
      `${fmt(ms[0]!)} | ${fmt(ms[1]!)} | **${ratio[1]!.toFixed(2)}×** |`,
  );
}

// 2. The renderings, summarised per layout.
const byGroup = new Map<string, Array<{ name: string; ratio: number; parse: number; extract: number; kb: number; profile: string }>>();
for (const page of rendered) {
  const check = extractWithLimits(page.html, page.url, null);
  if (check.kind !== 'document') throw new Error(`${page.group} ${page.name}: ${JSON.stringify(check)}`);
  const { ms, ratio } = interleave([() => load(page.html), () => extractWithLimits(page.html, page.url, null)], RENDERED);
  const rows = byGroup.get(page.group) ?? [];
  rows.push({ name: page.name, ratio: ratio[1]!, parse: ms[0]!, extract: ms[1]!, kb: Buffer.byteLength(page.html) / 1024, profile: check.document.profile });
  byGroup.set(page.group, rows);
}
console.log('\n| full-page renderings | pages | size | profile | cheerio parse (median) | extract (median) | extract / parse: median | max (page) |');
console.log('|---|---:|---:|---|---:|---:|---:|---|');
for (const [group, rows] of byGroup) {
  const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const profiles = [...new Set(rows.map((r) => r.profile))].join(', ');
  const kb = rows.map((r) => r.kb);
  console.log(
    `| ${group === 'spip' ? 'dev corpus text in the seed chrome (div.texte)' : 'dev corpus text in the seed chrome (main > article)'} | ${rows.length} | ` +
      `${Math.min(...kb).toFixed(0)}–${Math.max(...kb).toFixed(0)} KB | ${profiles} | ${fmt(median(rows.map((r) => r.parse)))} | ${fmt(median(rows.map((r) => r.extract)))} | ` +
      `**${median(rows.map((r) => r.ratio)).toFixed(2)}×** | ${worst.ratio.toFixed(2)}× (${worst.name}) |`,
  );
}

if (ONLY === null) stageCosts();

// 3. Where the time of the seed page goes. Each stage includes the ones above it that it needs
//    (the region parse includes the scan; the structure includes both); the figures and the
//    detector are timed alone, on the document's own sections. Rough shares: a batch also pays
//    for some of the garbage the batch before it left (the scan right after the parse does), so
//    a stage that allocates little can read above one that includes it.
function stageCosts(): void {
  const seed = seeds.find((p) => p.name === '2017-10-26')!;
  const patterns: Record<string, ElementPattern> = {};
  for (const profile of PROFILES) for (const [name, pattern] of Object.entries(profile.regions ?? {})) patterns[`${profile.name}:${name}`] = pattern;
  const doc = extractDocument(seed.html, { url: seed.url });
  const texts = doc.sections.flatMap((s) => (s.heading === null ? s.blocks : [s.heading, ...s.blocks]));
  const referenceDate = doc.updated === null ? undefined : new Date(`${doc.updated.length === 7 ? `${doc.updated}-01` : doc.updated}T00:00:00Z`);
  const stages: Array<[string, () => unknown]> = [
    ['cheerio parse of the whole page (the floor)', () => load(seed.html)],
    ['scan: one walk of the whole page (markup-scanner.ts), regions located', () => scanPage(seed.html, patterns, { maxDepth: MAX_NESTING_DEPTH })],
    ['scan + cheerio parse of the region slices', () => loadPageRegions(seed.html, patterns, { maxDepth: MAX_NESTING_DEPTH })],
    ['structure: extractDocument without figures (scan, regions, profile, strip, sections, language, stamp)', () => extractDocument(seed.html, { url: seed.url, extractFigures: false, maxDepth: MAX_NESTING_DEPTH })],
    ['language detection alone (on the sections)', () => detectLanguage('en', [seed.url], texts)],
    ['figures alone (extractFigures on the sections)', () => extractFigures(doc.sections, doc.language, { referenceDate, dollarCurrency: dollarCurrencyOf(seed.url) })],
    ['document hash alone', () => hashDocument(doc)],
    ['extractWithLimits (all of it)', () => extractWithLimits(seed.html, seed.url, null)],
  ];
  const { ms, ratio } = interleave(stages.map(([, run]) => run), SEED);
  console.log(`\n| stage, seed page ${seed.name} (${doc.figures.length} figures) | CPU ms | × parse |`);
  console.log('|---|---:|---:|');
  stages.forEach(([name], i) => console.log(`| ${name} | ${ms[i]!.toFixed(3)} | ${ratio[i]!.toFixed(2)}× |`));
}
