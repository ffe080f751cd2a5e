/**
 * Reads the development corpus (snapshots/corpus/dev/, format in its FORMAT.md): page series,
 * their revisions' texts, golden figures and expected changes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoldenFigure } from './golden-match.ts';

/** The corpus read by default; `FACTWATCH_EVAL_CORPUS` points the eval at another folder of the same format. */
export const CORPUS_DIR = process.env.FACTWATCH_EVAL_CORPUS ?? new URL('../snapshots/corpus/dev/', import.meta.url).pathname;

export interface GoldenLabelled extends GoldenFigure {
  /** The few words a reader would name the figure by (for the label audit). */
  label?: string;
}

export interface Revision {
  file: string;
  date: string;
  foundAt: string;
  complete: boolean;
  stamp: string | null;
  /** The revision's text in the corpus markup (see render-page.ts). */
  text: string;
  /** Null when no golden list was written for it. */
  golden: GoldenLabelled[] | null;
}

export interface ExpectedChange {
  changed: Array<{ from: string; to: string; label?: string }>;
  added: string[];
  removed: string[];
  /** The same quantity written differently (a date given less precisely): silent or one change, never split. */
  restated: Array<{ from: string; to: string }>;
  stamp?: { from: string | null; to: string | null };
  sections?: { added?: string[]; removed?: string[]; renamed?: Array<{ from: string; to: string }> };
}

export interface PageSeries {
  /** `<publisher>/<page>`. */
  id: string;
  publisher: string;
  title: string;
  language: 'en' | 'fr' | 'de' | string;
  url: string;
  revisions: Revision[];
  /** Expected changes between consecutive revisions, by `from__to` dates. */
  pairs: Map<string, ExpectedChange>;
}

interface PageJson {
  publisher: string;
  title: string;
  language: string;
  url: string;
  revisions: Array<{ file: string; date: string; foundAt: string; complete?: boolean; stamp?: string | null }>;
}

export function readCorpus(dir: string = CORPUS_DIR): PageSeries[] {
  if (!existsSync(dir)) return [];
  const series: PageSeries[] = [];
  for (const publisher of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const page of readdirSync(join(dir, publisher), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
      const root = join(dir, publisher, page);
      if (!existsSync(join(root, 'page.json'))) continue;
      const meta = JSON.parse(readFileSync(join(root, 'page.json'), 'utf8')) as PageJson;
      const revisions = meta.revisions.map((r): Revision => {
        const goldenPath = join(root, 'golden', `${r.date}.json`);
        return {
          file: r.file,
          date: r.date,
          foundAt: r.foundAt,
          complete: r.complete !== false,
          stamp: r.stamp ?? null,
          text: readFileSync(join(root, r.file), 'utf8'),
          golden: existsSync(goldenPath) ? (JSON.parse(readFileSync(goldenPath, 'utf8')) as { figures: GoldenLabelled[] }).figures : null,
        };
      });
      const pairs = new Map<string, ExpectedChange>();
      const pairsDir = join(root, 'pairs');
      if (existsSync(pairsDir)) {
        for (const f of readdirSync(pairsDir).filter((n) => n.endsWith('.json'))) {
          const raw = JSON.parse(readFileSync(join(pairsDir, f), 'utf8')) as Partial<ExpectedChange>;
          pairs.set(f.replace(/\.json$/, ''), { changed: raw.changed ?? [], added: raw.added ?? [], removed: raw.removed ?? [], restated: raw.restated ?? [], stamp: raw.stamp, sections: raw.sections });
        }
      }
      series.push({ id: `${publisher}/${page}`, publisher: meta.publisher ?? publisher, title: meta.title, language: meta.language, url: meta.url, revisions, pairs });
    }
  }
  return series;
}
