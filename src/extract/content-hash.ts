/**
 * The content hash that decides whether a fetched page is a new version.
 *
 * It covers what a reader would call the content — title, language, declared revision stamp,
 * and each section's heading and blocks — and nothing else: not the URL (a moved page with the
 * same text is the same content), not the profile, not the figures (they derive from the text).
 * Chrome never reaches a `PageDocument`, so a rotating token or a changed menu cannot move it.
 */
import { createHash } from 'node:crypto';
import type { PageDocument } from '../model/index.ts';

/** The canonical form that is hashed: fixed key order, no optional fields. */
export function canonicalContent(doc: PageDocument): string {
  return JSON.stringify({
    title: doc.title,
    language: doc.language,
    updated: doc.updated,
    // A section's own language only where it has one, so that every other page hashes as before.
    sections: doc.sections.map((s) => (s.language === undefined ? { heading: s.heading, blocks: s.blocks } : { heading: s.heading, blocks: s.blocks, language: s.language })),
  });
}

/** SHA-256 (hex) of the document's canonical content. */
export function hashDocument(doc: PageDocument): string {
  return createHash('sha256').update(canonicalContent(doc), 'utf8').digest('hex');
}
