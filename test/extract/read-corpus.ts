/**
 * Test helpers: the snapshots and their corpus texts, read from `snapshots/` (never from a
 * shared folder outside the repository).
 *
 * Expectations are derived from the corpus text itself, independently of `snapshots/build.ts`:
 * a heading is a short line without closing punctuation, a `•` line is a list item, the last
 * line is the revision stamp, every other line is a paragraph.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SNAPSHOTS_DIR = fileURLToPath(new URL('../../snapshots/', import.meta.url));

export interface ManifestRevision {
  revision: string;
  updated: string;
  url: string;
  file: string;
  text: string;
  provenance: string;
}

export function readManifest(): { sources: Array<{ source: string; revisions: ManifestRevision[] }> } {
  return JSON.parse(readFileSync(`${SNAPSHOTS_DIR}manifest.json`, 'utf8'));
}

export function findRevision(revision: string): ManifestRevision {
  const found = readManifest().sources[0]?.revisions.find((r) => r.revision === revision);
  if (found === undefined) throw new Error(`revision ${revision} missing from the manifest`);
  return found;
}

export function readSnapshotHtml(revision: string): string {
  return readFileSync(`${SNAPSHOTS_DIR}${findRevision(revision).file}`, 'utf8');
}

export interface CorpusPage {
  title: string;
  stamp: string;
  sections: Array<{ heading: string; blocks: string[] }>;
}

function isHeading(line: string): boolean {
  return line.length <= 60 && !/[.:;!?,]$/.test(line);
}

/** Parses a corpus text file (with or without its 3-line header) into title, sections and stamp. */
export function readCorpusPage(relativePath: string): CorpusPage {
  let lines = readFileSync(`${SNAPSHOTS_DIR}${relativePath}`, 'utf8').split('\n');
  if (lines[0]?.startsWith('SOURCE-URL:')) lines = lines.slice(3);
  const text = lines.map((l) => l.trim()).filter((l) => l !== '');
  const title = text.shift();
  const stamp = text.pop();
  if (title === undefined || stamp === undefined || !stamp.startsWith('Updated:')) {
    throw new Error(`${relativePath}: not a complete page`);
  }
  const sections: CorpusPage['sections'] = [];
  for (const line of text) {
    if (line.startsWith('•')) {
      sections[sections.length - 1]?.blocks.push(line.replace(/^•\s*/, ''));
    } else if (isHeading(line)) {
      sections.push({ heading: line, blocks: [] });
    } else {
      sections[sections.length - 1]?.blocks.push(line);
    }
  }
  return { title, stamp, sections };
}
