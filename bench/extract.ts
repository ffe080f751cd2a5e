/**
 * Milliseconds per extraction of the 26 October 2017 snapshot (mean of 200 runs after a
 * warm-up), with and without figures. Run with `npx tsx bench/extract.ts`.
 */
import { readFileSync } from 'node:fs';
import { extractDocument } from '../src/extract/extract-document.ts';

const RUNS = 200;
const WARMUP = 50;
const file = new URL('../snapshots/html/france-north-korea_2017-10-26.html', import.meta.url);
const html = readFileSync(file, 'utf8');

function measure(label: string, run: () => unknown): void {
  for (let i = 0; i < WARMUP; i++) run();
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) run();
  const ms = (performance.now() - start) / RUNS;
  console.log(`${label}: ${ms.toFixed(3)} ms per extraction (mean of ${RUNS}, page ${(html.length / 1024).toFixed(1)} KB)`);
}

measure('extract 26 Oct 2017 snapshot', () => extractDocument(html));
measure('extract 26 Oct 2017 snapshot, no figures', () => extractDocument(html, { extractFigures: false }));
measure('extract 26 Oct 2017 snapshot, whole-page parse (generic)', () =>
  extractDocument(html, { profile: 'generic', extractFigures: false }),
);
