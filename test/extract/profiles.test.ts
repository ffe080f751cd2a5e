/**
 * Profiles on small hand-written pages. Their text is real, taken verbatim from the corpus
 * (each fixture names its source URL); only the markup around it is written here.
 */
import { describe, expect, it } from 'vitest';
import { load } from 'cheerio/slim';
import { extractDocument } from '../../src/extract/extract-document.ts';
import { PROFILES, selectProfile } from '../../src/extract/profiles/index.ts';
import { PROFILE_NAMES } from '../../src/model/index.ts';
import { UsageError } from '../../src/app/errors.ts';

// Text: https://www.diplomatie.gouv.fr/de/landerinformationen/europa/deutschland/frankreich-und-deutschland/
// (snapshots/corpus/diplomatie/germany/de_c2021_TRUNCATED.txt), with the page's own "Teilen" widget label.
const DE_PARAGRAPH =
  'Der am 22. Januar 1963 vom damaligen Bundeskanzler Konrad Adenauer und dem damaligen französischen Staatspräsidenten General de Gaulle unterzeichnete Vertrag über die deutsch-französische Zusammenarbeit (der sogenannte deutsch-französische Freundschaftsvertrag oder „Élysée-Vertrag“) bildet das Fundament der Beziehungen zwischen Deutschland und Frankreich.';

const GENERIC_PAGE = `<!doctype html>
<html lang="de-DE"><head><meta charset="utf-8"><title>Frankreich und Deutschland | Beispiel</title>
<style>p { color: red }</style><script>window.token = "a1b2c3";</script></head>
<body>
<header><a href="/">Startseite</a><nav><ul><li><a href="/a">Europa</a></li><li><a href="/b">Afrika</a></li><li><a href="/c">Amerika</a></li></ul></nav></header>
<main>
<h1>Frankreich und Deutschland</h1>
<div class="teilen"><p>Teilen</p><a href="#">Facebook</a> <a href="#">Twitter</a></div>
<h2>1. Politische Beziehungen</h2>
<p>${DE_PARAGRAPH}</p>
<script>document.write("never content")</script>
</main>
<aside><p>Verwandte Seiten und Hinweise, die kein Inhalt sind.</p></aside>
<footer><p>Impressum · Datenschutz</p></footer>
</body></html>`;

// Text: https://www.diplomatie.gouv.fr/fr/dossiers-pays/coree-du-nord/relations-bilaterales/
// (snapshots/corpus/diplomatie/north-korea/fr_c2023_TRUNCATED.txt); the stamp wording is the
// 2025+ design's, as quoted in snapshots/corpus/README.md.
const FR_POLITICAL =
  'La France n’a pas de relations diplomatiques avec la Corée du Nord. Les missions du Bureau français de coopération, ouvert le 10 octobre 2011 à Pyongyang, sont essentiellement d’ordre humanitaire et culturel.';
const FR_PRESENCE = 'Au 1er janvier 2023, la France ne comptait pas de ressortissant en Corée du Nord.';
const FR_ITEM =
  'Promotion du français : soutien à l’enseignement du français à l’Université Kim Il-sung et à l’Université des langues étrangères de Pyongyang.';

const DRUPAL_PAGE = `<!DOCTYPE html>
<html lang="fr" dir="ltr"><head><meta charset="utf-8"><title>Relations bilatérales | France Diplomatie</title>
<link rel="canonical" href="https://www.diplomatie.gouv.fr/fr/information-par-pays/coree-du-nord/relations-bilaterales/">
<script>var drupalSettings = {"ajaxPageState":{"libraries":"x"}};</script></head>
<body>
<header class="fr-header"><div class="fr-header__brand"><p class="fr-logo">République Française</p></div>
<nav class="fr-nav"><ul><li><a href="/fr/">Accueil</a></li><li><a href="/fr/information-par-pays/">Information par pays</a></li></ul></nav></header>
<main id="main">
<nav class="fr-breadcrumb"><ol><li><a href="/fr/">Accueil</a></li><li>Corée du Nord</li></ol></nav>
<article class="node node--type-page node--view-mode-full">
<div class="diplomatie--hdp"><h1>Relations bilatérales</h1>
<p class="diplomatie--hdp-date--changed">Date de mise à jour le&nbsp;: 15 septembre 2026</p>
<div class="fr-share"><p>Partager</p><a href="#">Facebook</a></div></div>
<div class="fr-prose">
<h2>Relations politiques</h2>
<p>${FR_POLITICAL}</p>
<h2>Présence française</h2>
<p>${FR_PRESENCE}</p>
<h3>Coopération culturelle, scientifique et technique</h3>
<ul><li>${FR_ITEM}</li></ul>
</div>
</article>
</main>
<footer class="fr-footer"><p>Mentions légales</p></footer>
</body></html>`;

// Text: http://www.diplomatie.gouv.fr/fr/spip.php?page=rubrique_imprim&id_rubrique=20508
// (snapshots/corpus/diplomatie/north-korea/fr_c2011_TRUNCATED.txt), in the older SPIP variant
// (`div.milieu.mbm`) that opens with a "Quick access" bar and carries a share widget.
const FR_2011 =
  'Les échanges commerciaux entre la France et la Corée du Nord sont limités (7 millions d’euros en 2010).';
const SPIP_OLD_PAGE = `<html><head><title>Présentation - France-Diplomatie</title></head><body>
<div class="milieu mbm">
<div class="acces">Accès rapide : <a href="#contenu">Contenu</a> | <a href="#menu">Menu</a> | <a href="#recherche">Recherche</a></div>
<h1>Présentation</h1>
<div class="outils"><span>Partager</span> <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Imprimer</a></div>
<div class="chapo"><p>Relations bilatérales entre la France et la Corée du Nord.</p></div>
<h3>Relations économiques</h3>
<p>${FR_2011}</p>
<p>Mis à jour le 12 mars 2011</p>
</div>
</body></html>`;

describe('generic profile', () => {
  const doc = extractDocument(GENERIC_PAGE, { url: 'https://example.org/seite', extractFigures: false });

  it('is chosen for a page of no known layout and reads main without the chrome', () => {
    expect(doc.profile).toBe('generic');
    expect(doc.title).toBe('Frankreich und Deutschland');
    expect(doc.language).toBe('de');
    expect(doc.updated).toBeNull();
    expect(doc.sections).toEqual([
      { heading: '1. Politische Beziehungen', level: 2, blocks: [DE_PARAGRAPH], text: DE_PARAGRAPH },
    ]);
  });

  it('falls back to the largest text block when there is no main', () => {
    const html = GENERIC_PAGE.replace('<main>', '<div class="inhalt">').replace('</main>', '</div>');
    const noMain = extractDocument(html, { extractFigures: false });
    expect(noMain.sections.map((s) => s.heading)).toEqual(['1. Politische Beziehungen']);
    expect(noMain.sections[0]!.blocks).toEqual([DE_PARAGRAPH]);
  });
});

describe('diplomatie-2025 profile', () => {
  const doc = extractDocument(DRUPAL_PAGE, { extractFigures: false });

  it('is detected, and reads title, language and the French header stamp', () => {
    expect(doc.profile).toBe('diplomatie-2025');
    expect(doc.title).toBe('Relations bilatérales');
    expect(doc.language).toBe('fr');
    expect(doc.updatedText).toBe('Date de mise à jour le\u00a0: 15 septembre 2026');
    expect(doc.updated).toBe('2026-09-15');
  });

  it('reads the prose sections only', () => {
    expect(doc.sections.map((s) => [s.heading, s.level])).toEqual([
      ['Relations politiques', 2],
      ['Présence française', 2],
      ['Coopération culturelle, scientifique et technique', 3],
    ]);
    expect(doc.sections.map((s) => s.blocks)).toEqual([[FR_POLITICAL], [FR_PRESENCE], [FR_ITEM]]);
  });
});

describe('diplomatie-spip profile, older variant', () => {
  const doc = extractDocument(SPIP_OLD_PAGE, { url: 'http://www.diplomatie.gouv.fr/fr/spip.php?page=rubrique_imprim&id_rubrique=20508', extractFigures: false });

  it('falls back to div.milieu.mbm, drops the skip bar and share widget, keeps the chapo as lead', () => {
    expect(doc.profile).toBe('diplomatie-spip');
    expect(doc.title).toBe('Présentation');
    expect(doc.sections).toEqual([
      {
        heading: null,
        level: 0,
        blocks: ['Relations bilatérales entre la France et la Corée du Nord.'],
        text: 'Relations bilatérales entre la France et la Corée du Nord.',
      },
      { heading: 'Relations économiques', level: 3, blocks: [FR_2011], text: FR_2011 },
    ]);
  });

  it('guesses the language from the URL when <html> has no lang, and reads a French stamp', () => {
    expect(doc.language).toBe('fr');
    expect(doc.updated).toBe('2011-03-12');
    expect(doc.updatedText).toBe('Mis à jour le 12 mars 2011');
  });
});

describe('profile selection', () => {
  it('has exactly one profile for each name config and --profile accept', () => {
    expect(PROFILES.map((p) => p.name).sort()).toEqual([...PROFILE_NAMES].sort());
  });

  it('rejects an unknown profile name as a usage error', () => {
    expect(() => extractDocument(GENERIC_PAGE, { profile: 'no-such-profile' })).toThrow(UsageError);
    expect(() => selectProfile('nope', load('<p>x</p>'), null)).toThrow(/unknown profile "nope"/);
  });

  it('uses a named profile even where another would be detected', () => {
    const doc = extractDocument(DRUPAL_PAGE, { profile: 'generic', extractFigures: false });
    expect(doc.profile).toBe('generic');
    expect(doc.sections.map((s) => s.heading)).toContain('Relations politiques');
  });

  it('reads the language from the text when the markup does not declare it (issue 19)', () => {
    const html = GENERIC_PAGE.replace('<html lang="de-DE">', '<html>');
    expect(extractDocument(html, { extractFigures: false }).language).toBe('de');
  });

  it('defaults the language to "en" when neither text, markup nor URL tells', () => {
    // Too little text to judge: the URL's segment, then English.
    const html = '<!doctype html><html><head><title>Tabelle</title></head><body><main><h2>Tabelle 1</h2><p>2019: 12</p></main></body></html>';
    expect(extractDocument(html, { extractFigures: false }).language).toBe('en');
    expect(extractDocument(html, { url: 'https://x.test/de/seite/', extractFigures: false }).language).toBe('de');
  });
});
