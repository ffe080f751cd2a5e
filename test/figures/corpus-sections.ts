/**
 * Builds `Section`s from the corpus's extracted-text pages (snapshots/corpus/diplomatie/…), the
 * way the brief describes them: headings are the lines the caller names, blocks are the other
 * non-empty lines with a leading "•"/"-" bullet stripped, the title line (first line) and the
 * "Updated: …" revision stamp are dropped, and the 3-line provenance header is skipped.
 */
import { readFileSync } from 'node:fs';
import { extractFigures } from '../../src/extract/figures/index.ts';
import type { PageDocument, Section } from '../../src/model/index.ts';

const CORPUS = new URL('../../snapshots/corpus/', import.meta.url);

/** The text of a corpus file, read from the repository's verbatim copy. */
export function readCorpus(relativePath: string): string {
  return readFileSync(new URL(relativePath, CORPUS), 'utf8');
}

/** Drops the provenance header ("SOURCE-URL:", "PROVENANCE:", "-----") when present. */
export function stripHeader(text: string): string {
  const lines = text.split('\n');
  return lines[0]?.startsWith('SOURCE-URL:') ? lines.slice(3).join('\n') : text;
}

function makeSection(heading: string | null, blocks: string[]): Section {
  return { heading, level: heading === null ? 0 : 2, blocks, text: blocks.join('\n\n') };
}

/** Sections of a page text (header already stripped or not), with `headings` as headings. */
export function buildSections(pageText: string, headings: string[]): Section[] {
  const lines = stripHeader(pageText)
    .split('\n')
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter((line) => line !== '');
  const sections: Section[] = [];
  let heading: string | null = null;
  let blocks: string[] = [];
  for (const line of lines.slice(1)) {
    if (/^(?:Updated|Mis à jour)\b.*:/u.test(line) && line.length < 40) continue;
    if (headings.includes(line)) {
      if (heading !== null || blocks.length > 0) sections.push(makeSection(heading, blocks));
      heading = line;
      blocks = [];
      continue;
    }
    blocks.push(line.replace(/^[•-]\s*/u, ''));
  }
  sections.push(makeSection(heading, blocks));
  return sections;
}

/** The headings of the English North Korea page (5 July and 26 October 2017). */
export const NORTH_KOREA_EN_HEADINGS = [
  'Political relations',
  'Economic relations',
  'Cultural, scientific and technical cooperation',
  'Other types of cooperation: humanitarian assistance',
  'Relations with the European Union',
];

/** https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/ — 26 October 2017. */
export const SEED_FILE = 'diplomatie/north-korea/en_2017-10-26_seed.txt';
/** Same URL — 5 July 2017. */
export const JULY_FILE = 'diplomatie/north-korea/en_2017-07-05.txt';

/** A `PageDocument` of a page text, figures extracted, for diffing two revisions without HTML. */
export function documentOf(pageText: string, headings: string[], language: string, updated: string | null = null): PageDocument {
  const sections = buildSections(pageText, headings);
  return {
    title: stripHeader(pageText).split('\n')[0]?.trim() ?? '',
    language,
    updated,
    updatedText: null,
    url: null,
    profile: 'generic',
    sections,
    figures: extractFigures(sections, language),
  };
}

/** The text of a fixture under test/fixtures/figures/. */
export function readFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/figures/${name}`, import.meta.url), 'utf8');
}
