/**
 * Pages of the same genre in other layouts go through the generic profile and give the same
 * figures as their text. The TEXT is real and verbatim from the corpus (each page names its
 * source URL below); the MARKUP around it is written here in the shape of other governments'
 * fact pages — a US-web-design-system page with `main > article`, a Drupal country brief with
 * no `main` and a sidebar, a German federal page with a numbered heading — with chrome that
 * holds numbers of its own (phone, copyright year, menu counts) that must not become figures.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/extract-document.ts';
import { extractFigures } from '../../src/extract/figures/index.ts';
import type { Figure } from '../../src/model/index.ts';
import { readCorpus, readFixture, stripHeader } from './corpus-sections.ts';

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The page's paragraphs: the non-empty lines after the header and title, bullets kept as text. */
function paragraphsOf(file: string, skip: string[]): string[] {
  return stripHeader(readCorpus(file))
    .split('\n')
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter((line) => line !== '' && !skip.includes(line));
}

const summary = (figures: Figure[]) => figures.map((f) => [f.kind, f.value, f.raw]);

// https://www.diplomatie.gouv.fr/en/country-files/germany/france-and-germany/ (c. 2021)
const EN_2021 = paragraphsOf('diplomatie/germany/en_c2021_TRUNCATED.txt', []);
const US_STYLE = `<!doctype html><html lang="en"><head><title>France and Germany - United States Department of State</title></head>
<body><a class="usa-skipnav" href="#main-content">Skip to main content</a>
<header class="usa-header"><div class="usa-banner">An official website of the United States Government</div>
<nav class="usa-nav"><ul><li><a href="/a">Countries &amp; Areas (195)</a></li><li><a href="/b">Bureaus</a></li></ul></nav></header>
<main id="main-content"><article class="article"><h1 class="featured-content__headline">France and Germany</h1>
<div class="entry-content">${EN_2021.map((p) => `<p>${escapeText(p)}</p>`).join('\n')}</div></article></main>
<footer class="usa-footer"><p>Contact: +1 202 647 4000</p><p>© 2021 Department of State</p></footer></body></html>`;

// http://www.diplomatie.gouv.fr/en/country-files/germany/france-and-germany/ (c. 2017)
const EN_2017 = paragraphsOf('diplomatie/germany/en_c2017_TRUNCATED.txt', ['Quick access :', 'France and Germany', 'Bilateral relations']);
const DRUPAL_STYLE = `<!DOCTYPE html><html lang="en-AU"><head><title>France and Germany | Country brief</title></head>
<body><div id="page"><div class="region-header"><ul class="menu"><li><a href="/">Home</a></li><li><a href="/geo">Countries, economies and regions</a></li></ul></div>
<div class="layout-container"><div class="layout-content"><h1 class="page-title">France and Germany</h1>
<div class="field--name-body"><h2>Bilateral relations</h2>${EN_2017.map((p) => `<p>${escapeText(p)}</p>`).join('\n')}</div></div>
<div class="region-sidebar"><h2>Related</h2><ul><li><a href="/x">Fact sheet 2017</a></li></ul></div></div>
<div class="region-footer"><p>Phone: +61 2 6261 1111</p></div></div></body></html>`;

// https://www.diplomatie.gouv.fr/de/landerinformationen/europa/deutschland/frankreich-und-deutschland/
const DE = paragraphsOf('diplomatie/germany/de_c2021_TRUNCATED.txt', ['Frankreich und Deutschland', 'Teilen', '1. Politische Beziehungen']);
const FEDERAL_STYLE = `<!doctype html><html lang="de"><head><title>Frankreich: Beziehungen zu Deutschland - Auswärtiges Amt</title></head>
<body><header><nav><ul><li><a href="/de">Startseite</a></li><li><a href="/de/aussenpolitik">Außenpolitik</a></li></ul></nav></header>
<main><div class="c-heading"><h1>Frankreich und Deutschland</h1></div>
<div class="rte__content"><h2>1. Politische Beziehungen</h2>${DE.map((p) => `<p>${escapeText(p)}</p>`).join('\n')}</div></main>
<footer><p>Werderscher Markt 1, 10117 Berlin</p><p>Telefon: +49 30 1817 0</p></footer></body></html>`;

describe.each([
  ['a US-design-system page (main > article)', US_STYLE, EN_2021, 'en'],
  ['a Drupal country brief without main, with a sidebar', DRUPAL_STYLE, EN_2017, 'en'],
  ['a German federal page with a numbered heading', FEDERAL_STYLE, DE, 'de'],
] as const)('%s', (_, html, paragraphs, language) => {
  const doc = extractDocument(html, { url: 'https://example.org/france-and-germany' });

  it('is read by the generic profile, in its language, with the page text as blocks', () => {
    expect(doc.profile).toBe('generic');
    expect(doc.language).toBe(language);
    expect(doc.title).toBe(language === 'de' ? 'Frankreich und Deutschland' : 'France and Germany');
    expect(doc.sections.flatMap((s) => s.blocks)).toEqual(paragraphs);
  });

  it('gives the figures of the text and none from the chrome', () => {
    const fromText = extractFigures([{ heading: null, level: 0, blocks: [...paragraphs], text: paragraphs.join('\n\n') }], language);
    expect(fromText.length).toBeGreaterThan(5);
    expect(summary(doc.figures)).toEqual(summary(fromText));
    const chrome = /\+1 202|\+61 2 6261|\+49 30 1817|10117 Berlin|\(195\)|© 2021|Fact sheet 2017/u;
    expect(doc.figures.filter((f) => chrome.test(f.sentence))).toEqual([]);
  });
});

describe('the German federal layout against the golden figures of its text', () => {
  it('finds every golden figure', () => {
    const golden = JSON.parse(readFixture('golden/de_c2021.json')) as { figures: Array<{ kind: string; value: number | string; raw: string }> };
    const doc = extractDocument(FEDERAL_STYLE);
    const found = summary(doc.figures.filter((f) => f.kind !== 'year'));
    expect(found).toEqual(golden.figures.map((g) => [g.kind, g.value, g.raw]));
  });
});
