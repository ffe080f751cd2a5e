import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { createWebApp } from '../../src/web/create-app.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { HOSTILE, NK, SEED_TAGS, seedDatabase, tagSeededSources, type Seeded } from './seed.ts';

/**
 * `?tag=` on the sources and changes pages, the API's lists and the Atom feed (issue 17): the
 * sources with ANY of the tags; a tag no source has gives an empty list (200) and, on the pages,
 * a note naming the nearest tag; a tag that is not a slug is a 400. Tags reach the database the
 * way a configuration puts them there: through the sync.
 */
describe(`tag filters in the UI, the API and the feed (${backend})`, () => {
  let handle: DatabaseHandle;
  let seeded: Seeded;
  let app: ReturnType<typeof createWebApp>;
  const clock = new ManualClock('2024-02-01T10:00:00Z');

  beforeAll(async () => {
    handle = await openTestDatabase();
    seeded = await seedDatabase(handle.db);
    await tagSeededSources(handle.db, SEED_TAGS, clock.now());
    app = createWebApp({ db: handle.db, clock, log: silentLogger(), token: null });
  });
  afterAll(async () => {
    await handle?.close();
  });

  const get = (path: string) => app.request(path);
  const json = async (path: string) => {
    const res = await get(path);
    return { status: res.status, body: (await res.json()) as any };
  };
  const page = async (path: string) => {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    return parseHTML(await res.text()).document;
  };

  it('filters the API lists by any of the tags, and refuses a tag that is not a slug', async () => {
    const ids = async (path: string) => (await json(path)).body.sources.map((s: any) => s.id);
    expect(await ids('/api/sources?tag=asia')).toEqual([NK]);
    expect(await ids('/api/sources?tag=asia&tag=test')).toEqual([NK, HOSTILE]);
    expect(await ids('/api/sources?tag=test,diplomatie')).toEqual([NK, HOSTILE]);
    expect(await ids('/api/sources?tag=nowhere')).toEqual([]);
    expect((await json('/api/sources')).body.sources.find((s: any) => s.id === NK).tags).toEqual(['asia', 'diplomatie']);

    const changeIds = async (path: string) => (await json(path)).body.changes.map((c: any) => c.id).sort();
    expect(await changeIds('/api/changes?tag=asia')).toEqual([...seeded.nk].sort());
    expect(await changeIds('/api/changes?tag=test')).toEqual([...seeded.hostile].sort());
    expect(await changeIds('/api/changes?tag=nowhere')).toEqual([]);

    for (const bad of ['/api/sources?tag=Asia!', '/api/changes?tag=%3Cscript%3E']) {
      const { status, body } = await json(bad);
      expect(status, bad).toBe(400);
      expect(body.error.code).toBe('bad_parameter');
    }
  });

  it('shows tag chips on the sources page, filters by one, and names the nearest tag for one no source has', async () => {
    const all = await page('/');
    expect([...all.querySelectorAll('nav.tags a.tag')].map((a) => a.textContent)).toEqual(['all', 'asia', 'diplomatie', 'test']);
    // Each source's own tags link to the sources with that tag.
    expect([...all.querySelectorAll(`tr[data-source="${NK}"] .tag-list a`)].map((a) => a.getAttribute('href'))).toEqual(['/?tag=asia', '/?tag=diplomatie']);

    const asia = await page('/?tag=asia');
    expect([...asia.querySelectorAll('tr[data-source]')].map((r) => r.getAttribute('data-source'))).toEqual([NK]);
    expect(asia.querySelector('nav.tags a.tag.active')?.textContent).toBe('asia');
    // The search form keeps the tag.
    expect(asia.querySelector('form.filters input[name="tag"]')?.getAttribute('value')).toBe('asia');
    expect(asia.querySelector('link[type="application/atom+xml"]')?.getAttribute('href')).toBe('/feed.xml?tag=asia');

    const typo = await page('/?tag=asa');
    expect(typo.querySelectorAll('tr[data-source]')).toHaveLength(0);
    expect(typo.querySelector('p[role="status"]')?.textContent).toMatch(/No source has the tag "asa" — did you mean "asia"\?/);
  });

  it('filters the changes page by tag, keeping the tag in its links', async () => {
    const doc = await page('/changes?tag=test');
    const rows = [...doc.querySelectorAll('tr[data-change]')].map((r) => Number(r.getAttribute('data-change'))).sort();
    expect(rows).toEqual([...seeded.hostile].sort());
    expect(doc.querySelector('nav.tags a.tag.active')?.textContent).toBe('test');
    const other = [...doc.querySelectorAll('nav.tags a.tag')].find((a) => a.textContent === 'asia');
    expect(other?.getAttribute('href')).toBe('/changes?tag=asia');
    expect(doc.querySelector('form.filters input[name="tag"]')?.getAttribute('value')).toBe('test');

    const none = await page('/changes?tag=nowhere');
    expect(none.querySelectorAll('tr[data-change]')).toHaveLength(0);
    expect(none.querySelector('p[role="status"]')?.textContent).toMatch(/No source has the tag "nowhere"/);
  });

  it('serves a feed of the tagged sources only', async () => {
    const res = await get('/feed.xml?tag=asia');
    expect(res.status).toBe(200);
    const xml = await res.text();
    const links = [...xml.matchAll(/<entry>[\s\S]*?<link href="[^"]*\/changes\/(\d+)"/gu)].map((m) => Number(m[1])).sort();
    expect(links).toEqual([...seeded.nk].sort());
    expect(xml).toMatch(/<title[^>]*>factwatch: changes tagged asia<\/title>/u);
    const empty = await (await get('/feed.xml?tag=nowhere')).text();
    expect(empty).not.toMatch(/<entry>/u);
    expect((await get('/feed.xml?tag=Not%20a%20tag')).status).toBe(400);
  });
});
