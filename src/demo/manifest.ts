import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../app/package-path.ts';

/** The recorded revisions in `snapshots/`, as listed by `snapshots/manifest.json`. */
export interface SnapshotRevision {
  revision: string;
  /** The page's own "Updated: …" line; null for an excerpt, which has none. */
  updated: string | null;
  /** The real URL the revision was published at. */
  url: string;
  /** Absolute path of the HTML file. */
  file: string;
  /** Set when the recorded text is only part of the page: what is missing, and why. */
  excerpt?: { storedFrom: string; note: string };
}

export const SNAPSHOTS_DIR = packagePath('snapshots');

/** Reads the manifest; located relative to this file so it works from any working directory. */
export function loadSnapshotRevisions(sourceId = 'france-north-korea'): SnapshotRevision[] {
  const manifest = JSON.parse(readFileSync(join(SNAPSHOTS_DIR, 'manifest.json'), 'utf8')) as {
    sources: Array<{ source: string; revisions: Array<Omit<SnapshotRevision, 'file'> & { file: string }> }>;
  };
  const source = manifest.sources.find((s) => s.source === sourceId);
  if (!source) throw new Error(`snapshots/manifest.json has no source "${sourceId}"`);
  return source.revisions.map((r) => ({ ...r, file: join(SNAPSHOTS_DIR, r.file) }));
}
