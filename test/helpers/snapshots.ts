import { readFileSync } from 'node:fs';
import { loadSnapshotRevisions } from '../../src/demo/manifest.ts';

/**
 * The recorded revisions of "France and North Korea" (snapshots/manifest.json): real text,
 * reconstructed SPIP-era markup; see snapshots/README.md for each page's URL and provenance.
 */
export const revisions = loadSnapshotRevisions('france-north-korea');

export function revisionHtml(revision: '2017-07-05' | '2017-10-26' | '2020-05'): string {
  const r = revisions.find((x) => x.revision === revision);
  if (!r) throw new Error(`no snapshot ${revision}`);
  return readFileSync(r.file, 'utf8');
}

export function revisionFile(revision: '2017-07-05' | '2017-10-26' | '2020-05'): string {
  const r = revisions.find((x) => x.revision === revision);
  if (!r) throw new Error(`no snapshot ${revision}`);
  return r.file;
}
