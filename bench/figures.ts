/**
 * Cost of extraction against cheerio's own htmlparser2 parse of the same page (issue 3 goal:
 * at most 2×). For each recorded snapshot of "France and North Korea" (70–75 KB of HTML) it
 * prints the median CPU milliseconds of
 *   - `parse`: `load(html)` from `cheerio/slim` — cheerio on htmlparser2, nothing else;
 *   - `extract`: `extractDocument(html)` — profile, sections, figures, everything;
 *   - `structure`: `extractDocument(html, { extractFigures: false })` — the same without figures;
 *   - `figures`: `extractFigures` alone on the already extracted sections;
 * and the median of the per-round ratios extract / parse. Rounds interleave the three
 * measurements so that a machine busy with other work slows them alike; the median drops the
 * rounds a neighbour disturbed. Run with `npx tsx bench/figures.ts` (ROUNDS=… BATCH=… to change).
 */
import { readFileSync } from 'node:fs';
import { load } from 'cheerio/slim';
import { extractDocument } from '../src/extract/extract-document.ts';
import { extractFigures } from '../src/extract/figures/index.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
/**
 * Runs per measurement. Large on purpose: a parse leaves a whole DOM of garbage, and with small
 * batches its collection lands in whichever batch runs next; with 100 each one pays for its own.
 */
const BATCH = Number(process.env.BATCH ?? 100);
/** Runs of each before measuring: the JIT needs a few hundred to settle. */
const WARMUP = Number(process.env.WARMUP ?? 200);
const PAGES = ['france-north-korea_2017-07-05.html', 'france-north-korea_2017-10-26.html', 'france-north-korea_2020-05.html'];

/**
 * Mean CPU milliseconds (user + system) of one call of `run` over a batch. CPU time, not wall
 * time: on a machine shared with other work, waiting for a core is not the code's cost.
 */
function timeBatch(run: () => unknown): number {
  const start = process.cpuUsage();
  for (let i = 0; i < BATCH; i++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / BATCH;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

console.log(`node ${process.version}, ${ROUNDS} interleaved rounds of ${BATCH} runs each (after ${WARMUP} warm-up runs)`);
console.log('| page | size | cheerio parse | extract (all) | extract, no figures | figures only | extract / parse |');
console.log('|---|---|---|---|---|---|---|');
for (const name of PAGES) {
  const html = readFileSync(new URL(`../snapshots/html/${name}`, import.meta.url), 'utf8');
  const doc = extractDocument(html);
  const parse = () => load(html);
  const extract = () => extractDocument(html);
  const structure = () => extractDocument(html, { extractFigures: false });
  const figures = () => extractFigures(doc.sections, doc.language, { referenceDate: new Date(Date.UTC(2017, 9, 26)) });
  for (let i = 0; i < WARMUP; i++) [parse, extract, structure, figures].forEach((run) => run());
  const parses: number[] = [];
  const extracts: number[] = [];
  const figureRuns: number[] = [];
  const structureRuns: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const p = timeBatch(parse);
    const e = timeBatch(extract);
    figureRuns.push(timeBatch(figures));
    structureRuns.push(timeBatch(structure));
    parses.push(p);
    extracts.push(e);
    ratios.push(e / p);
  }
  const size = `${(Buffer.byteLength(html) / 1024).toFixed(1)} KB`;
  console.log(
    `| ${name} | ${size} | ${median(parses).toFixed(2)} ms | ${median(extracts).toFixed(2)} ms | ` +
      `${median(structureRuns).toFixed(2)} ms | ${median(figureRuns).toFixed(2)} ms | ${median(ratios).toFixed(2)}× |`,
  );
}
