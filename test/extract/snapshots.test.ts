/**
 * Golden tests on the recorded snapshots (`snapshots/html/`, text verbatim from the corpus:
 * https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/ and
 * https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea-65083/).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { load } from 'cheerio/slim';
import { extractDocument, extractFromView } from '../../src/extract/extract-document.ts';
import { loadWholePage } from '../../src/extract/load-page.ts';
import { getProfile } from '../../src/extract/profiles/index.ts';
import { findRevision, readCorpusPage, readSnapshotHtml, SNAPSHOTS_DIR } from './read-corpus.ts';

const EXPECTED_HEADINGS: Record<string, string[]> = {
  '2017-07-05': [
    'Political relations',
    'Economic relations',
    'Cultural, scientific and technical cooperation',
    'Other types of cooperation: humanitarian assistance',
  ],
  '2017-10-26': [
    'Political relations',
    'Economic relations',
    'Cultural, scientific and technical cooperation',
    'Other types of cooperation: humanitarian assistance',
    'Relations with the European Union',
  ],
  '2020-05': ['Political Relations', 'French Presence', 'Economic Relations'],
};

const EXPECTED_UPDATED: Record<string, string> = {
  '2017-07-05': '2017-07-05',
  '2017-10-26': '2017-10-26',
  '2020-05': '2020-05',
};

const REVISIONS = Object.keys(EXPECTED_HEADINGS);

describe('snapshot of 26 October 2017', () => {
  const doc = extractDocument(readSnapshotHtml('2017-10-26'), { extractFigures: false });

  it('reads title, language and revision stamp', () => {
    expect(doc.title).toBe('France and North Korea');
    expect(doc.language).toBe('en');
    expect(doc.updated).toBe('2017-10-26');
    expect(doc.updatedText).toBe('Updated: 26 October 2017');
    expect(doc.profile).toBe('diplomatie-spip');
  });

  it('has exactly the five sections, the EU one last', () => {
    expect(doc.sections.map((s) => s.heading)).toEqual(EXPECTED_HEADINGS['2017-10-26']);
    expect(doc.sections.every((s) => s.level === 2)).toBe(true);
    const eu = doc.sections[4]!;
    expect(eu.blocks[0]!.startsWith('The European Union has maintained diplomatic relations')).toBe(true);
    expect(eu.blocks.at(-1)).toBe('For further information, please consult:');
  });

  it('keeps list items as blocks, without their bullet', () => {
    const culture = doc.sections.find((s) => s.heading === 'Cultural, scientific and technical cooperation')!;
    expect(culture.blocks).toHaveLength(3);
    expect(culture.blocks[1]!.startsWith('Promoting French: ')).toBe(true);
    expect(culture.blocks.some((b) => b.includes('•'))).toBe(false);
  });

  it('records the url it is given, and only that', () => {
    const url = findRevision('2017-10-26').url;
    expect(extractDocument(readSnapshotHtml('2017-10-26'), { url, extractFigures: false }).url).toBe(url);
    expect(doc.url).toBeNull();
  });
});

describe.each(REVISIONS)('snapshot %s', (revision) => {
  const html = readSnapshotHtml(revision);
  const doc = extractDocument(html, { extractFigures: false });
  const corpus = readCorpusPage(findRevision(revision).text);

  it('has the revision stamp and headings of its revision', () => {
    expect(doc.updated).toBe(EXPECTED_UPDATED[revision]);
    expect(doc.updatedText).toBe(corpus.stamp);
    expect(doc.sections.map((s) => s.heading)).toEqual(EXPECTED_HEADINGS[revision]);
  });

  it('gives the corpus text verbatim, section by section', () => {
    expect(doc.title).toBe(corpus.title);
    expect(doc.sections.map((s) => ({ heading: s.heading, blocks: s.blocks }))).toEqual(corpus.sections);
    for (const section of doc.sections) expect(section.text).toBe(section.blocks.join('\n\n'));
  });

  it('carries no chrome text (navigation, share widget, breadcrumb, footer, scripts)', () => {
    const $ = load(html);
    const chrome = new Set<string>();
    $('nav a, footer a, .partage li, aside li, .acces-rapide, header a, .ariane li').each((_, el) => {
      const text = $(el).text().trim();
      if (text !== '') chrome.add(text);
    });
    expect(chrome.size).toBeGreaterThan(300);
    const blocks = doc.sections.flatMap((s) => [s.heading, ...s.blocks]);
    for (const block of blocks) expect(chrome.has(block ?? '')).toBe(false);
    const all = blocks.join('\n');
    for (const marker of ['Share', 'Facebook', 'Legal notice', 'Skip to main content', 'Country files', 'document.', 'Subscribe']) {
      expect(all).not.toContain(marker);
    }
  });

  it('gives the same document from the region-only fast path as from a whole-page parse', () => {
    const whole = extractFromView(loadWholePage(html), getProfile('diplomatie-spip'), { extractFigures: false });
    expect(whole).toEqual(doc);
  });
});

describe('snapshot c2015 (an excerpt)', () => {
  const html = readSnapshotHtml('c2015');
  const doc = extractDocument(html, { extractFigures: false });
  // The corpus file as stored: a 3-line header, the landing page's own first lines, then the article.
  const lines = readFileSync(`${SNAPSHOTS_DIR}${findRevision('c2015').text}`, 'utf8').split('\n').slice(3).map((l) => l.trim()).filter((l) => l !== '');
  const article = lines.slice(lines.indexOf('France and North Korea'));

  it('has the article\'s headings and no stamp, and says in the manifest that it is an excerpt', () => {
    expect(doc.title).toBe('France and North Korea');
    expect(doc.updated).toBeNull();
    expect(doc.sections.map((s) => s.heading)).toEqual(['Political relations', 'Economic relations', 'Cultural, scientific and technical cooperation']);
    expect(JSON.stringify(findRevision('c2015'))).toMatch(/"excerpt":\{.*EXCERPT/);
  });

  it('gives every line of the stored text verbatim, up to where the stored copy ends', () => {
    const blocks = doc.sections.flatMap((s) => [s.heading, ...s.blocks]);
    expect([doc.title, ...blocks]).toEqual(article);
    expect(blocks.at(-1)).toMatch(/former capital of the Koryo king$/);
  });
});

describe('figures', () => {
  it('are read from the sections, with the page language, after the stamp was taken out', () => {
    const doc = extractDocument(readSnapshotHtml('2017-10-26'));
    const headings = new Set(doc.sections.map((s) => s.heading));
    expect(doc.figures.length).toBeGreaterThan(0);
    for (const figure of doc.figures) expect(headings.has(figure.section)).toBe(true);
    expect(doc.figures.some((f) => f.raw.includes('26 October 2017'))).toBe(false);
    expect(doc.figures.find((f) => f.raw === '€135.3 million')?.section).toBe('Relations with the European Union');
  });

  it('are left out on request', () => {
    expect(extractDocument(readSnapshotHtml('2017-10-26'), { extractFigures: false }).figures).toEqual([]);
  });
});
