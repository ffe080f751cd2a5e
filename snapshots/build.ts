/**
 * Builds the recorded snapshots in `snapshots/html/` from the verbatim page texts in
 * `snapshots/corpus/`.
 *
 * Why reconstruct: no byte-exact HTML of the France Diplomatie "France and North Korea" pages
 * could be obtained, only their extracted text. The pages below therefore wrap the REAL text,
 * character for character, in markup shaped like the SPIP-era site as third-party scrapers
 * describe it (`div.texte > div.texte`, `h1` title, a huge navigation menu, a "Share" widget,
 * the "Updated: …" stamp as the last paragraph). The chrome is the same on every revision so that
 * a change between two snapshots is a change of content, as it would be on the real site.
 *
 * Deterministic: no clock, no randomness; running it twice gives identical bytes.
 * Run with `npx tsx snapshots/build.ts`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const OLD_URL = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/';
const NEW_URL = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea-65083/';

/** One recorded revision: where its text comes from and which of its lines are headings. */
interface RevisionSpec {
  revision: string;
  url: string;
  text: string;
  /** Section headings, as printed; decided by hand because the text carries no markup. */
  headings: string[];
  /** Provenance when the corpus file has no header of its own. */
  provenance?: string;
  /**
   * For a text that is only part of a page: the line the page's own text starts at (lines
   * before it belong to another page), the URL the corpus copy was stored from when it differs
   * from the page's, and what is missing. An excerpt has no "Updated: …" stamp of its own.
   */
  excerpt?: { startsAt: string; storedFrom: string; note: string };
}

const REVISIONS: RevisionSpec[] = [
  {
    // The oldest text of the page the corpus holds: the "France and North Korea" article as the
    // country file's landing page showed it around 2015 ("€6.4 million in 2014"). The stored copy
    // is cut off mid-word in the cultural section, so the page is served as that excerpt.
    revision: 'c2015',
    url: OLD_URL,
    text: 'corpus/diplomatie/north-korea/en_c2015_landing_TRUNCATED.txt',
    headings: ['Political relations', 'Economic relations', 'Cultural, scientific and technical cooperation'],
    excerpt: {
      startsAt: 'France and North Korea',
      storedFrom: 'http://www.diplomatie.gouv.fr/en/country-files/north-korea',
      note:
        'EXCERPT: the stored copy (of the country file\'s landing page, which showed this article) ends mid-word in ' +
        '"Cultural, scientific and technical cooperation"; the rest of that section, any later section and the ' +
        'revision stamp are not known. The landing page\'s own first lines ("North Korea", "Latest news") are left out.',
    },
  },
  {
    revision: '2017-07-05',
    url: OLD_URL,
    text: 'corpus/diplomatie/north-korea/en_2017-07-05.txt',
    headings: [
      'Political relations',
      'Economic relations',
      'Cultural, scientific and technical cooperation',
      'Other types of cooperation: humanitarian assistance',
    ],
  },
  {
    revision: '2017-10-26',
    url: OLD_URL,
    text: 'corpus/diplomatie/north-korea/en_2017-10-26_seed.txt',
    headings: [
      'Political relations',
      'Economic relations',
      'Cultural, scientific and technical cooperation',
      'Other types of cooperation: humanitarian assistance',
      'Relations with the European Union',
    ],
    provenance:
      'corpus seed text of the 26 October 2017 revision (the file has no header lines; see corpus/README.md)',
  },
  {
    revision: '2020-05',
    url: NEW_URL,
    text: 'corpus/diplomatie/north-korea/en_2020-05.txt',
    headings: ['Political Relations', 'French Presence', 'Economic Relations'],
  },
];

const SOURCE = 'france-north-korea';

/** Escapes text for an HTML text node: only the three characters that would change the markup. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (double-quoted). */
function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

interface CorpusText {
  provenance: string | null;
  sourceUrl: string | null;
  lines: string[];
}

/** Splits a corpus file into its optional 3-line header and its text lines. */
function readCorpusText(path: string): CorpusText {
  const raw = readFileSync(path, 'utf8');
  const lines = raw.split('\n');
  if (lines[0]?.startsWith('SOURCE-URL:') && lines[1]?.startsWith('PROVENANCE:') && lines[2] === '-----') {
    return {
      sourceUrl: lines[0].slice('SOURCE-URL:'.length).trim(),
      provenance: lines[1].slice('PROVENANCE:'.length).trim(),
      lines: lines.slice(3),
    };
  }
  return { sourceUrl: null, provenance: null, lines };
}

type BodyNode = { kind: 'h2' | 'p'; text: string } | { kind: 'ul'; items: string[] };

interface PageText {
  title: string;
  body: BodyNode[];
  /** The page's "Updated: …" line; null for an excerpt, which has none. */
  updatedLine: string | null;
}

const BULLET = /^\s*•\s*/;

/**
 * Turns the text lines of one revision into title + body nodes, using the explicit headings.
 * A complete page ends with its "Updated: …" stamp; an excerpt starts at `excerpt.startsAt` and
 * may end anywhere (it has no stamp: `updatedLine` is null).
 */
function structureText(lines: string[], headings: string[], excerpt?: RevisionSpec['excerpt']): PageText {
  let nonEmpty = lines.filter((l) => l.trim() !== '');
  if (excerpt) {
    const start = nonEmpty.indexOf(excerpt.startsAt);
    if (start < 0) throw new Error(`excerpt start "${excerpt.startsAt}" not found in text`);
    nonEmpty = nonEmpty.slice(start);
  }
  const [title, ...rest] = nonEmpty;
  if (title === undefined) throw new Error('empty corpus text');
  const body: BodyNode[] = [];
  const unused = new Set(headings);
  for (const line of rest) {
    if (BULLET.test(line)) {
      const item = line.replace(BULLET, '');
      const last = body[body.length - 1];
      if (last?.kind === 'ul') last.items.push(item);
      else body.push({ kind: 'ul', items: [item] });
    } else if (headings.includes(line)) {
      unused.delete(line);
      body.push({ kind: 'h2', text: line });
    } else {
      body.push({ kind: 'p', text: line });
    }
  }
  if (unused.size > 0) throw new Error(`headings not found in text: ${[...unused].join(', ')}`);
  const last = body[body.length - 1];
  if (excerpt) {
    if (last?.kind === 'p' && last.text.startsWith('Updated: ')) throw new Error('an excerpt with a stamp is a complete page');
    return { title: title.trim(), body, updatedLine: null };
  }
  if (last?.kind !== 'p' || !last.text.startsWith('Updated: ')) {
    throw new Error('the last line of a complete page must be its "Updated: …" stamp');
  }
  return { title: title.trim(), body, updatedLine: last.text };
}

function renderBody(body: BodyNode[]): string {
  const out: string[] = [];
  for (const node of body) {
    if (node.kind === 'ul') {
      out.push('<ul class="spip">');
      for (const item of node.items) out.push(`<li>${escapeText(item)}</li>`);
      out.push('</ul>');
    } else if (node.kind === 'h2') {
      out.push(`<h2 class="spip">${escapeText(node.text)}</h2>`);
    } else {
      out.push(`<p>${escapeText(node.text)}</p>`);
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Chrome: the site around the text. Reconstructed, plausible, identical on every revision.
// ---------------------------------------------------------------------------------------------

/** Lowercase, accent-free, hyphenated: how the site spells country slugs. */
function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const COUNTRIES: Record<string, string[]> = {
  Africa: [
    'Angola', 'Benin', 'Botswana', 'Burkina Faso', 'Burundi', 'Cameroon', 'Cape Verde',
    'Central African Republic', 'Chad', 'Comoros', 'Congo', 'Côte d’Ivoire',
    'Democratic Republic of the Congo', 'Djibouti', 'Equatorial Guinea', 'Eritrea', 'Ethiopia',
    'Gabon', 'Gambia', 'Ghana', 'Guinea', 'Guinea-Bissau', 'Kenya', 'Lesotho', 'Liberia',
    'Madagascar', 'Malawi', 'Mali', 'Mauritania', 'Mauritius', 'Mozambique', 'Namibia', 'Niger',
    'Nigeria', 'Rwanda', 'Sao Tome and Principe', 'Senegal', 'Seychelles', 'Sierra Leone',
    'Somalia', 'South Africa', 'South Sudan', 'Sudan', 'Swaziland', 'Tanzania', 'Togo', 'Uganda',
    'Zambia', 'Zimbabwe',
  ],
  Americas: [
    'Antigua and Barbuda', 'Argentina', 'Bahamas', 'Barbados', 'Belize', 'Bolivia', 'Brazil',
    'Canada', 'Chile', 'Colombia', 'Costa Rica', 'Cuba', 'Dominica', 'Dominican Republic',
    'Ecuador', 'El Salvador', 'Grenada', 'Guatemala', 'Guyana', 'Haiti', 'Honduras', 'Jamaica',
    'Mexico', 'Nicaragua', 'Panama', 'Paraguay', 'Peru', 'Saint Kitts and Nevis', 'Saint Lucia',
    'Saint Vincent and the Grenadines', 'Suriname', 'Trinidad and Tobago', 'United States',
    'Uruguay', 'Venezuela',
  ],
  'Asia and Oceania': [
    'Afghanistan', 'Australia', 'Bangladesh', 'Bhutan', 'Brunei', 'Cambodia', 'China', 'Fiji',
    'India', 'Indonesia', 'Japan', 'Kazakhstan', 'Kiribati', 'Kyrgyzstan', 'Laos', 'Malaysia',
    'Maldives', 'Marshall Islands', 'Micronesia', 'Mongolia', 'Myanmar', 'Nauru', 'Nepal',
    'New Zealand', 'North Korea', 'Pakistan', 'Palau', 'Papua New Guinea', 'Philippines', 'Samoa',
    'Singapore', 'Solomon Islands', 'South Korea', 'Sri Lanka', 'Tajikistan', 'Thailand',
    'Timor-Leste', 'Tonga', 'Turkmenistan', 'Tuvalu', 'Uzbekistan', 'Vanuatu', 'Vietnam',
  ],
  Europe: [
    'Albania', 'Andorra', 'Armenia', 'Austria', 'Azerbaijan', 'Belarus', 'Belgium',
    'Bosnia and Herzegovina', 'Bulgaria', 'Croatia', 'Cyprus', 'Czech Republic', 'Denmark',
    'Estonia', 'Finland', 'Georgia', 'Germany', 'Greece', 'Holy See', 'Hungary', 'Iceland',
    'Ireland', 'Italy', 'Kosovo', 'Latvia', 'Liechtenstein', 'Lithuania', 'Luxembourg',
    'Macedonia', 'Malta', 'Moldova', 'Monaco', 'Montenegro', 'Netherlands', 'Norway', 'Poland',
    'Portugal', 'Romania', 'Russia', 'San Marino', 'Serbia', 'Slovakia', 'Slovenia', 'Spain',
    'Sweden', 'Switzerland', 'Turkey', 'Ukraine', 'United Kingdom',
  ],
  'North Africa and Middle East': [
    'Algeria', 'Bahrain', 'Egypt', 'Iran', 'Iraq', 'Israel', 'Jordan', 'Kuwait', 'Lebanon',
    'Libya', 'Morocco', 'Oman', 'Palestinian Territories', 'Qatar', 'Saudi Arabia', 'Syria',
    'Tunisia', 'United Arab Emirates', 'Yemen',
  ],
};

/** Ministry sections of the main menu: heading → sub-entries (each becomes a link). */
const SECTIONS: Array<{ title: string; slug: string; entries: string[] }> = [
  {
    title: 'The Ministry and its network',
    slug: 'the-ministry-and-its-network',
    entries: [
      'The Minister', 'The Minister of State for European Affairs', 'The Minister of State for Tourism',
      'Organization chart', 'The Ministry’s history', 'The Quai d’Orsay building',
      'Diplomatic archives', 'Embassies and consulates', 'France’s network abroad',
      'Working for the Ministry', 'Calls for tender', 'Budget', 'Press releases',
      'Events calendar', 'Diplomatic Library', 'Centre for Analysis, Planning and Strategy',
    ],
  },
  {
    title: 'French foreign policy',
    slug: 'french-foreign-policy',
    entries: [
      'Security, disarmament and non-proliferation', 'Defence and security', 'Terrorism',
      'Nuclear, biological and chemical weapons', 'Human rights', 'Death penalty',
      'Gender equality', 'Children’s rights', 'Freedom of expression', 'Climate change',
      'Environment', 'Oceans', 'Biodiversity', 'Development assistance', 'Health', 'Education',
      'Food security', 'Humanitarian action', 'Crisis and Support Centre', 'Economic diplomacy',
      'Promoting French companies', 'Attracting foreign investment', 'Tourism',
      'Cultural diplomacy', 'Audiovisual policy', 'Books', 'Cinema', 'Archaeology',
      'Scientific diplomacy', 'Francophony and the French language', 'Europe',
      'European Union', 'Council of Europe', 'United Nations', 'Security Council',
      'G7 and G20', 'Digital diplomacy', 'Decentralized cooperation', 'Sport diplomacy',
      'Migration', 'International law', 'Maritime affairs', 'Space',
    ],
  },
  {
    title: 'Coming to France',
    slug: 'coming-to-france',
    entries: [
      'Getting a visa', 'Visa wizard', 'Studying in France', 'Working in France',
      'Investing in France', 'Living in France', 'Tourism in France', 'Franco-foreign couples',
      'Adopting a child', 'Getting a residence permit', 'French nationality', 'Road safety',
      'Health care', 'Frequently asked questions',
    ],
  },
  {
    title: 'Services for French nationals abroad',
    slug: 'services-for-french-nationals-abroad',
    entries: [
      'Travel advice', 'Registering with a consulate', 'Civil status', 'Passports and ID cards',
      'Voting from abroad', 'Social security', 'Taxation', 'Notarial services',
      'Legal assistance', 'Ariane service', 'Returning to France', 'Scholarships',
    ],
  },
  {
    title: 'Press and media',
    slug: 'press-and-media',
    entries: [
      'Press briefings', 'Statements', 'Speeches', 'Interviews', 'Photo library', 'Videos',
      'Publications', 'Accreditation', 'Social networks', 'Newsletters', 'RSS feeds',
    ],
  },
];

const LANGUAGES: Array<[string, string, string]> = [
  ['fr', 'Français', '/fr/'],
  ['en', 'English', '/en/'],
  ['es', 'Español', '/es/'],
  ['de', 'Deutsch', '/de/'],
  ['ar', 'العربية', '/ar/'],
  ['zh', '中文', '/zh/'],
  ['ru', 'Русский', '/ru/'],
  ['pt', 'Português', '/pt/'],
];

function link(href: string, text: string, attrs = ''): string {
  return `<a href="${escapeAttr(href)}"${attrs}>${escapeText(text)}</a>`;
}

function renderHeader(): string {
  const langs = LANGUAGES.map(
    ([code, name, href]) =>
      `<li${code === 'en' ? ' class="on"' : ''}>${link(href, name, ` hreflang="${code}" lang="${code}"`)}</li>`,
  ).join('\n');
  return `<p class="acces-rapide"><a href="#contenu">Skip to main content</a></p>
<header id="header" class="header" role="banner">
<div class="header-inner">
<a class="logo" href="/en/" title="France Diplomatie - Ministry for Europe and Foreign Affairs"><img src="/squelettes/images/logo-marianne.png" alt="France Diplomatie" width="170" height="94"><span class="logo-texte">Ministry for Europe and Foreign Affairs</span></a>
<form class="recherche" action="/en/spip.php" method="get" role="search">
<input type="hidden" name="page" value="recherche">
<input type="hidden" name="lang" value="en">
<label for="recherche">Search</label>
<input type="search" id="recherche" name="recherche" placeholder="Search">
<button type="submit">OK</button>
</form>
<ul class="langues">
${langs}
</ul>
</div>
</header>`;
}

function renderMenu(): string {
  const out: string[] = ['<nav id="menu" class="menu-principal" role="navigation" aria-label="Main menu">', '<ul class="menu-niveau1">'];
  for (const section of SECTIONS) {
    out.push(`<li class="menu-item">${link(`/en/${section.slug}/`, section.title)}`);
    out.push('<ul class="menu-niveau2">');
    for (const entry of section.entries) {
      out.push(`<li>${link(`/en/${section.slug}/${slugify(entry)}/`, entry)}</li>`);
    }
    out.push('</ul>', '</li>');
  }
  out.push(`<li class="menu-item on">${link('/en/country-files/', 'Country files')}`);
  out.push('<div class="menu-pays">');
  for (const [region, countries] of Object.entries(COUNTRIES)) {
    out.push(`<div class="region"><p class="region-titre">${link(`/en/country-files/${slugify(region)}/`, region)}</p>`);
    out.push('<ul class="menu-niveau2">');
    for (const country of countries) {
      const slug = slugify(country);
      out.push(
        `<li${slug === 'north-korea' ? ' class="on"' : ''}>${link(`/en/country-files/${slug}/`, country)}` +
          `<ul class="menu-niveau3"><li>${link(`/en/country-files/${slug}/presentation-of-${slug}/`, 'Presentation')}</li>` +
          `<li>${link(`/en/country-files/${slug}/france-and-${slug}/`, `France and ${country}`)}</li></ul></li>`,
      );
    }
    out.push('</ul>', '</div>');
  }
  out.push('</div>', '</li>', '</ul>', '</nav>');
  return out.join('\n');
}

function renderShare(url: string, title: string): string {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return `<div class="partage" id="partage">
<p class="partage-titre">Share</p>
<ul class="partage-liens">
<li class="facebook">${link(`https://www.facebook.com/sharer/sharer.php?u=${u}`, 'Facebook', ' rel="nofollow" target="_blank"')}</li>
<li class="twitter">${link(`https://twitter.com/intent/tweet?url=${u}&text=${t}&via=francediplo_EN`, 'Twitter', ' rel="nofollow" target="_blank"')}</li>
<li class="linkedin">${link(`https://www.linkedin.com/shareArticle?mini=true&url=${u}`, 'LinkedIn', ' rel="nofollow" target="_blank"')}</li>
<li class="email">${link(`mailto:?subject=${t}&body=${u}`, 'Email')}</li>
<li class="imprimer">${link('javascript:window.print()', 'Print')}</li>
</ul>
</div>`;
}

function renderBreadcrumb(title: string): string {
  return `<nav class="ariane" aria-label="Breadcrumb">
<ol>
<li>${link('/en/', 'Home')}</li>
<li>${link('/en/country-files/', 'Country files')}</li>
<li>${link('/en/country-files/asia-and-oceania/', 'Asia and Oceania')}</li>
<li>${link('/en/country-files/north-korea/', 'North Korea')}</li>
<li class="on">${escapeText(title)}</li>
</ol>
</nav>`;
}

/** The country file's own sidebar: other pages of the North Korea file. Chrome, not content. */
function renderAside(url: string): string {
  return `<aside class="colonne-droite" role="complementary">
<div class="bloc-dossier">
<p class="bloc-titre">North Korea</p>
<ul>
<li>${link('/en/country-files/north-korea/presentation-of-north-korea/', 'Presentation of North Korea')}</li>
<li class="on">${link(new URL(url).pathname, 'France and North Korea')}</li>
<li>${link('/en/country-files/north-korea/events/', 'Events')}</li>
<li>${link('/en/services-for-french-nationals-abroad/travel-advice/', 'Travel advice')}</li>
</ul>
</div>
<div class="bloc-newsletter">
<p class="bloc-titre">Newsletter</p>
<p>Receive the latest news from France Diplomatie by email.</p>
${link('/en/spip.php?page=newsletter', 'Subscribe')}
</div>
</aside>`;
}

function renderFooter(): string {
  const columns: Array<[string, Array<[string, string]>]> = [
    ['France Diplomatie', [
      ['About us', '/en/the-ministry-and-its-network/'], ['Contact', '/en/contact/'],
      ['Jobs', '/en/the-ministry-and-its-network/working-for-the-ministry/'],
      ['Press', '/en/press-and-media/'], ['Site map', '/en/spip.php?page=plan'],
    ]],
    ['Useful links', [
      ['Élysée', 'https://www.elysee.fr/'], ['Government', 'https://www.gouvernement.fr/'],
      ['Service-Public.fr', 'https://www.service-public.fr/'], ['Légifrance', 'https://www.legifrance.gouv.fr/'],
      ['data.gouv.fr', 'https://www.data.gouv.fr/'], ['France.fr', 'https://www.france.fr/'],
      ['Business France', 'https://www.businessfrance.fr/'], ['Campus France', 'https://www.campusfrance.org/'],
      ['Institut français', 'https://www.institutfrancais.com/'], ['AFD', 'https://www.afd.fr/'],
    ]],
    ['Follow us', [
      ['Facebook', 'https://www.facebook.com/france.diplomatie'], ['Twitter', 'https://twitter.com/francediplo_EN'],
      ['YouTube', 'https://www.youtube.com/user/Diplomatie'], ['Instagram', 'https://www.instagram.com/francediplo/'],
      ['Flickr', 'https://www.flickr.com/photos/francediplomatie'], ['RSS', '/en/spip.php?page=backend'],
    ]],
  ];
  const cols = columns
    .map(([title, links]) => `<div class="footer-col">\n<p class="footer-titre">${escapeText(title)}</p>\n<ul>\n${links.map(([t, h]) => `<li>${link(h, t)}</li>`).join('\n')}\n</ul>\n</div>`)
    .join('\n');
  return `<footer id="footer" class="footer" role="contentinfo">
${cols}
<ul class="footer-legal">
<li>${link('/en/legal-notice/', 'Legal notice')}</li>
<li>${link('/en/personal-data/', 'Personal data')}</li>
<li>${link('/en/accessibility/', 'Accessibility: partially compliant')}</li>
<li>${link('/en/cookies/', 'Cookies')}</li>
</ul>
<p class="copyright">© Ministère de l’Europe et des Affaires étrangères</p>
</footer>`;
}

function renderPage(spec: RevisionSpec, page: PageText): string {
  const fullTitle = `${page.title} - Ministry for Europe and Foreign Affairs`;
  return `<!DOCTYPE html>
<html lang="en" dir="ltr" class="no-js">
<head>
<meta charset="utf-8">
<title>${escapeText(fullTitle)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${escapeAttr(page.title)}">
<meta name="generator" content="SPIP 3.1">
<meta property="og:title" content="${escapeAttr(page.title)}">
<meta property="og:type" content="article">
<meta property="og:url" content="${escapeAttr(spec.url)}">
<meta property="og:site_name" content="France Diplomatie - Ministry for Europe and Foreign Affairs">
<link rel="canonical" href="${escapeAttr(spec.url)}">
<link rel="alternate" hreflang="fr" href="https://www.diplomatie.gouv.fr/fr/dossiers-pays/coree-du-nord/relations-bilaterales/">
<link rel="alternate" type="application/rss+xml" title="France Diplomatie" href="/en/spip.php?page=backend">
<link rel="stylesheet" href="/squelettes/css/reset.css" type="text/css">
<link rel="stylesheet" href="/squelettes/css/styles.css" type="text/css">
<link rel="stylesheet" href="/squelettes/css/print.css" type="text/css" media="print">
<link rel="shortcut icon" href="/squelettes/favicon.ico">
<script>document.documentElement.className = document.documentElement.className.replace('no-js', 'js');</script>
<script src="/prive/javascript/jquery.js"></script>
<script>var xiti_s2 = 25; var lang = 'en';</script>
</head>
<body class="page_article lang-en">
<div id="page">
${renderHeader()}
${renderMenu()}
<div id="contenu" class="contenu" role="main">
${renderBreadcrumb(page.title)}
<div class="colonne-principale">
<article class="article">
${renderShare(spec.url, page.title)}
<h1 class="titre-article">${escapeText(page.title)}</h1>
<div class="texte">
<div class="texte">
${renderBody(page.body)}${spec.excerpt ? `\n<!-- ${escapeText(spec.excerpt.note).replace(/--/g, '- -')} -->` : ''}
</div>
</div>
</article>
</div>
${renderAside(spec.url)}
</div>
${renderFooter()}
</div>
<script src="/squelettes/js/menu.js"></script>
<script src="/squelettes/js/partage.js"></script>
<script src="/squelettes/js/xtcore.js"></script>
<script>
  (function () { var s = document.createElement('script'); s.async = true; s.src = '/squelettes/js/stats.js'; document.body.appendChild(s); })();
</script>
</body>
</html>
`;
}

interface ManifestRevision {
  revision: string;
  updated: string | null;
  url: string;
  file: string;
  text: string;
  provenance: string;
  /** Only for an excerpt: what part of the page this is and where the text was stored from. */
  excerpt?: { storedFrom: string; note: string };
}

function build(): void {
  const outDir = join(here, 'html');
  mkdirSync(outDir, { recursive: true });
  const revisions: ManifestRevision[] = [];
  for (const spec of REVISIONS) {
    const corpus = readCorpusText(join(here, spec.text));
    const storedFrom = spec.excerpt?.storedFrom ?? spec.url;
    if (corpus.sourceUrl !== null && corpus.sourceUrl !== storedFrom) {
      throw new Error(`${spec.text}: SOURCE-URL ${corpus.sourceUrl} differs from ${storedFrom}`);
    }
    const page = structureText(corpus.lines, spec.headings, spec.excerpt);
    const file = `html/${SOURCE}_${spec.revision}.html`;
    writeFileSync(join(here, file), renderPage(spec, page));
    const provenance = corpus.provenance ?? spec.provenance;
    if (provenance === undefined) throw new Error(`${spec.text}: no provenance`);
    const excerpt = spec.excerpt ? { storedFrom: spec.excerpt.storedFrom, note: spec.excerpt.note } : undefined;
    revisions.push({ revision: spec.revision, updated: page.updatedLine, url: spec.url, file, text: spec.text, provenance, ...(excerpt ? { excerpt } : {}) });
  }
  const manifest = {
    note:
      'Markup reconstructed (see README.md); the text of every page is the corpus text, verbatim. ' +
      'The first revision (c2015) is an EXCERPT of the page: see its "excerpt" note.',
    sources: [{ source: SOURCE, revisions }],
  };
  writeFileSync(join(here, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

build();
