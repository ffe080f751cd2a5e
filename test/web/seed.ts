/**
 * Seeds a test database the way production fills it: the real pipeline (fetch → extract → diff
 * → store) over a local page server, driven by a manual clock.
 *
 * - `france-north-korea`: the three recorded revisions (5 July 2017, 26 October 2017, May 2020
 *   at a new URL), checked as the demo does — so change #2 is the 26 October 2017 revision.
 * - `hostile`: a page whose TEXT carries markup (`<script>`, `<img onerror>`, `javascript:`
 *   links, attribute breakouts) and whose markup carries live script; two revisions, so it has
 *   a change with word hunks and a figure history. Any of it running sets `window.__pwned`.
 *   It is also hostile to a narrow screen: a long URL, long unbroken words (in a heading, in
 *   a figure's sentence), a wide table, a section removed and a long one added.
 */
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { createHttpClient } from '../../src/fetch/index.ts';
import { runCheckPass } from '../../src/check/check-pass.ts';
import type { Db } from '../../src/store/db.ts';
import { listSources, syncSources } from '../../src/store/queries/sources.ts';
import { startPageServer } from '../helpers/page-server.ts';
import { revisionHtml } from '../helpers/snapshots.ts';

export const NK = 'france-north-korea';
export const HOSTILE = 'hostile';

/** Text the hostile page shows as text; every one of these would set window.__pwned if it ran. */
export const HOSTILE_TEXT = {
  script: '<script>window.__pwned = "script"</script>',
  img: '<img src=x onerror="window.__pwned = \'img\'">',
  link: '<a href="javascript:window.__pwned=\'link\'">read more</a>',
  breakout: '"><svg onload="window.__pwned=\'svg\'">',
};

/** An unbroken word far wider than a phone (≈ 240 characters). */
export const LONG_WORD = 'Donaudampfschifffahrtselektrizitaetenhauptbetriebswerkbauunterbeamtengesellschaft'.repeat(3);
/** The hostile page's path: one long segment with no place to break. */
export const HOSTILE_PATH = `/hostile/${'averyveryverylongpathsegmentwithoutanybreak'.repeat(6)}/`;
/** The opening words of the section only revision 2 has, and of the one only revision 1 has. */
export const ADDED_SECTION_TEXT = 'The new cooperation programme started with a visit of experts';
export const REMOVED_SECTION_TEXT = 'The former exchange programme ended when its funding stopped';

const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

function hostilePage(revision: 1 | 2): string {
  const aid = revision === 1 ? '€5 million' : '€7.5 million';
  const year = revision === 1 ? '2016' : '2017';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${esc(HOSTILE_TEXT.script)} Hostile page</title>
<script>window.__pwned = "live-script-in-page"</script></head>
<body><main>
<h1>${esc(HOSTILE_TEXT.script)} Hostile page</h1>
<p>Updated: ${revision === 1 ? '3 March 2018' : '4 April 2019'}</p>
<h2>${esc(HOSTILE_TEXT.img)} Aid</h2>
<p>The aid programme totalled ${aid} in ${year}, says ${esc(HOSTILE_TEXT.link)} and a real <a href="javascript:window.__pwned='real-link'">javascript link</a>.</p>
<p>Attribute breakout attempt: ${esc(HOSTILE_TEXT.breakout)} — revision ${revision} of the text.</p>
<img src="x" onerror="window.__pwned = 'live-img-in-page'">
<h2>Trade ${esc('</textarea><script>window.__pwned="textarea"</script>')}</h2>
<p>Bilateral trade reached ${revision === 1 ? '€20 million' : '€24 million'} in ${year}, with ${revision === 1 ? '12' : '15'} companies involved, says ${LONG_WORD}.</p>
<h2>Wide table ${LONG_WORD.slice(0, 120)}</h2>
<table><tr><th>Indicator</th>${[2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020].map((y) => `<th>${y}</th>`).join('')}</tr>
<tr><th>Exports to the partner country in millions of euros</th>${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => `<td>${n * (revision === 1 ? 10 : 11)}.5</td>`).join('')}</tr></table>
${
  revision === 1
    ? `<h2>Former programme</h2><p>${REMOVED_SECTION_TEXT}, in 2017. ${esc(HOSTILE_TEXT.breakout)}</p>`
    : `<h2>New programme ${LONG_WORD}</h2><p>${ADDED_SECTION_TEXT} in 2019 and a long word: ${LONG_WORD}.</p>
<p>${'The experts met the ministries of health and of agriculture, then the regional offices. '.repeat(4)}</p>
<p>A third paragraph that is only shown after “show more”: ${esc(HOSTILE_TEXT.img)}</p>`
}
</main></body></html>`;
}

export interface Seeded {
  /** Change ids: `nk` in detection order (first capture, 26 October 2017, May 2020); `hostile` likewise. */
  nk: number[];
  hostile: number[];
}

export async function seedDatabase(db: Db): Promise<Seeded> {
  const server = await startPageServer();
  const clock = new ManualClock('2017-07-10T06:00:00Z');
  const log = silentLogger();
  const http = createHttpClient({ allowNetworks: ['127.0.0.0/8'], retries: 0 }, { clock, log, sleep: async () => {} });
  const sources = resolveSources({
    sources: [
      { id: NK, url: server.url('/en/country-files/north-korea/france-and-north-korea/'), profile: 'diplomatie-spip' },
      { id: HOSTILE, url: server.url(HOSTILE_PATH), profile: 'generic' },
    ],
    fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 },
  });
  const seeded: Seeded = { nk: [], hostile: [] };
  const deps = { db, http, clock, log };
  const check = async (id: string) => {
    const [result] = await runCheckPass(deps, sources, { only: [id] });
    if (!result?.stored) throw new Error(`seeding ${id}: expected a stored version, got ${result?.outcome} ${result?.error?.message ?? ''}`);
    (id === NK ? seeded.nk : seeded.hostile).push(result.stored.changeId);
  };
  try {
    await syncSources(db, sources, clock.now());
    const nkPath = '/en/country-files/north-korea/france-and-north-korea/';
    server.setRoute(nkPath, { body: revisionHtml('2017-07-05') });
    await check(NK);
    clock.set('2017-10-30T06:00:00Z');
    server.setRoute(nkPath, { body: revisionHtml('2017-10-26') });
    await check(NK);
    clock.set('2018-03-05T06:00:00Z');
    server.setRoute(HOSTILE_PATH, { body: hostilePage(1) });
    await check(HOSTILE);
    clock.set('2019-04-05T06:00:00Z');
    server.setRoute(HOSTILE_PATH, { body: hostilePage(2) });
    await check(HOSTILE);
    clock.set('2020-06-15T06:00:00Z');
    server.setRoute(nkPath, { status: 301, headers: { location: '/en/country-files/north-korea/france-and-north-korea-65083/' } });
    server.setRoute('/en/country-files/north-korea/france-and-north-korea-65083/', { body: revisionHtml('2020-05') });
    await check(NK);
  } finally {
    await http.close();
    await server.close();
  }
  return seeded;
}

/** The tags the tag-filter tests give the seeded sources. */
export const SEED_TAGS: Readonly<Record<string, string[]>> = { [NK]: ['asia', 'diplomatie'], [HOSTILE]: ['test'] };

/** Gives the seeded sources these tags the way a configuration does: through the sync (`{}` takes them away). */
export async function tagSeededSources(db: Db, tags: Readonly<Record<string, string[]>> = SEED_TAGS, now = new Date('2024-02-01T10:00:00Z')): Promise<void> {
  const rows = await listSources(db);
  await syncSources(db, rows.map((r) => ({ id: r.id, url: r.url, profile: r.profile, schedule: r.schedule, timezone: r.timezone, enabled: r.enabled, tags: tags[r.id] ?? [] })), now);
}
