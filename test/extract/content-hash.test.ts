/**
 * The content hash decides "new version or not": chrome noise must never move it, a changed
 * sentence always must. Input: the 26 October 2017 snapshot (text verbatim from
 * https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/).
 */
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/extract-document.ts';
import { hashDocument } from '../../src/extract/content-hash.ts';
import { findRevision, readSnapshotHtml } from './read-corpus.ts';

const html = readSnapshotHtml('2017-10-26');
const hashOf = (page: string, url: string | null = null): string =>
  hashDocument(extractDocument(page, { url, extractFigures: false }));

/** Replaces `from` by `to`, failing loudly when the page does not contain `from`. */
function mutate(page: string, from: string | RegExp, to: string): string {
  const next = page.replace(from, to);
  if (next === page) throw new Error(`mutation did nothing: ${String(from)}`);
  return next;
}

describe('hashDocument', () => {
  const original = hashOf(html);

  it('is a SHA-256 hex digest, stable across runs', () => {
    expect(original).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf(html)).toBe(original);
  });

  it('ignores chrome: tokens, timestamps, menu, share links, footer, banners', () => {
    let noisy = mutate(html, '</head>', '<script>window.csrf = "9f8e7d6c5b4a";</script><meta name="x-request-id" content="c0ffee">\n</head>');
    noisy = mutate(noisy, '<li><a href="/en/press-and-media/press-briefings/">', '<li><a href="/en/new/">A brand new menu entry</a></li>\n<li><a href="/en/press-and-media/press-briefings/">');
    noisy = mutate(noisy, /<li class="twitter">.*<\/li>/, '<li class="mastodon"><a href="https://mastodon.social/share">Mastodon</a></li>');
    noisy = mutate(noisy, '© Ministère de l’Europe et des Affaires étrangères', '© 2026 Ministère — page generated 2026-09-15T10:11:12Z');
    noisy = mutate(noisy, '<div id="page">', '<div id="page"><div class="cookie-banner"><p>We use cookies. Accept?</p></div>');
    noisy = mutate(noisy, 'Receive the latest news', 'Get the latest news');
    noisy = mutate(noisy, '</body>', '<!-- served by node 7 in 12 ms --></body>');
    expect(noisy).not.toBe(html);
    expect(hashOf(noisy)).toBe(original);
  });

  it('ignores whitespace-only changes in the markup of the text', () => {
    const reflowed = mutate(html, '<p>France does not have diplomatic relations with the DPRK.', '<p>\n  France does not have   diplomatic relations\nwith the DPRK.');
    expect(hashOf(reflowed)).toBe(original);
  });

  it('ignores the URL the page was fetched from', () => {
    const moved = findRevision('2020-05').url;
    expect(hashOf(html, moved)).toBe(original);
  });

  it('changes when a paragraph changes', () => {
    expect(hashOf(mutate(html, '€135.3 million', '€142 million'))).not.toBe(original);
  });

  it('changes when a heading, the stamp or the title changes', () => {
    expect(hashOf(mutate(html, '<h2 class="spip">Economic relations', '<h2 class="spip">Trade relations'))).not.toBe(original);
    expect(hashOf(mutate(html, 'Updated: 26 October 2017', 'Updated: 27 October 2017'))).not.toBe(original);
    expect(hashOf(mutate(html, '<h1 class="titre-article">France and North Korea', '<h1 class="titre-article">France and the DPRK'))).not.toBe(original);
  });

  it('differs between the recorded revisions', () => {
    const hashes = ['2017-07-05', '2017-10-26', '2020-05'].map((r) => hashOf(readSnapshotHtml(r)));
    expect(new Set(hashes).size).toBe(3);
  });
});
