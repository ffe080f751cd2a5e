import { readFileSync } from 'node:fs';
import { loadSnapshotRevisions } from '../../src/demo/manifest.ts';

/**
 * The recorded revisions of "France and North Korea" (snapshots/manifest.json): real text,
 * reconstructed SPIP-era markup; see snapshots/README.md for each page's URL and provenance.
 */
export const revisions = loadSnapshotRevisions('france-north-korea');

/** The recorded revisions by name; c2015 is an excerpt (see the manifest). */
type RevisionName = 'c2015' | '2017-07-05' | '2017-10-26' | '2020-05';

export function revisionHtml(revision: RevisionName): string {
  const r = revisions.find((x) => x.revision === revision);
  if (!r) throw new Error(`no snapshot ${revision}`);
  return readFileSync(r.file, 'utf8');
}

export function revisionFile(revision: RevisionName): string {
  const r = revisions.find((x) => x.revision === revision);
  if (!r) throw new Error(`no snapshot ${revision}`);
  return r.file;
}
