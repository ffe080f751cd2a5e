import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { getSource } from '../../src/store/queries/sources.ts';
import { openPage } from '../helpers/chromium.ts';
import { backend } from '../helpers/test-db.ts';
import { SHOTS, useSeededUi } from './seeded-ui.ts';
import { ADDED_SECTION_TEXT, HOSTILE, LONG_WORD, NK, REMOVED_SECTION_TEXT } from './seed.ts';

/**
 * The review UI on a 375 px phone screen, in Chromium: no page scrolls sideways (a wide table
 * scrolls in its own box, long words and URLs wrap, side-by-side layouts stack, the chart
 * shrinks to a chart drawn for that width), on the hostile page's long URL, unbroken words and
 * wide table; and what the pages say — figure labels, latest values, section text, page links.
 * Screenshots go to $FACTWATCH_SCREENSHOTS (default <tmp>/factwatch-screenshots).
 */
const PHONE = { width: 375, height: 740 };

/**
 * Run in the page: how wide the document is, and every element reaching past the screen's
 * edges that no scrolling box (overflow-x auto / scroll / hidden) around it contains. Every
 * `<details>` is opened first, so what "show more" hides is measured too.
 */
const MEASURE = `(() => {
  for (const d of document.querySelectorAll('details')) d.open = true;
  const width = window.innerWidth;
  const clipped = (el) => {
    for (let a = el.parentElement; a !== null && a !== document.body; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left >= -1 && r.right <= width + 1) continue;
    if (!clipped(el)) wide.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' ' + Math.round(r.right) + 'px: ' + (el.textContent || '').slice(0, 50));
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide: wide.slice(0, 8) };
})()`;

interface Measured {
  scrollWidth: number;
  innerWidth: number;
  wide: string[];
}

/** A chart image that has loaded, is the narrow drawing (the one a phone is given) and spans most of the screen's width. */
async function expectPhoneChart(img: Locator): Promise<void> {
  await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  expect(await img.evaluate((el) => (el as unknown as { currentSrc: string }).currentSrc)).toContain('size=narrow');
  const shown = (await img.boundingBox())!;
  expect(shown.width).toBeLessThanOrEqual(PHONE.width);
  expect(shown.width).toBeGreaterThan(PHONE.width * 0.75);
}

describe(`review UI on a 375 px screen (${backend})`, () => {
  const clock = new ManualClock('2024-02-01T10:00:00Z');
  const ui = useSeededUi(clock);

  const phone = (): Promise<Page> => openPage(ui.browser, ui.server.url, PHONE);
  const api = async (path: string) => (await fetch(`${ui.server.url}${path}`)).json() as Promise<any>;

  /** Every page the route files serve, with the hostile source's and both sources' figures. */
  async function everyPage(): Promise<string[]> {
    const series = async (id: string) => ((await api(`/api/sources/${id}/figures`)).figures as Array<{ series: string }>).map((f) => f.series);
    const figurePages = (id: string, keys: string[]) => keys.map((k) => `/sources/${id}/figures?key=${encodeURIComponent(k)}`);
    const nkKeys = (await series(NK)).slice(0, 4);
    return [
      '/',
      '/?filter=failing',
      '/changes',
      `/changes?source=${HOSTILE}`,
      ...ui.seeded.nk.map((id) => `/changes/${id}`),
      ...ui.seeded.hostile.map((id) => `/changes/${id}`),
      `/changes/${ui.seeded.hostile[1]}?view=split`,
      `/changes/${ui.seeded.nk[2]}?view=split`,
      `/sources/${NK}`,
      `/sources/${HOSTILE}`,
      `/sources/${NK}/versions/2`,
      `/sources/${HOSTILE}/versions/1`,
      `/sources/${HOSTILE}/versions/2?at=2019-05-01`,
      `/sources/${NK}/figures`,
      `/sources/${HOSTILE}/figures`,
      ...figurePages(NK, nkKeys),
      ...figurePages(NK, nkKeys.slice(0, 1)).map((p) => `${p}&x=captured`),
      ...figurePages(HOSTILE, await series(HOSTILE)),
      '/facts',
      '/facts?q=trade&kind=money',
      `/facts?source=${HOSTILE}`,
      `/facts/compare?series=${encodeURIComponent(`${NK}/money/bilateral-trade-totalled`)}&series=${encodeURIComponent(`${HOSTILE}/money/bilateral-trade-reached`)}`,
      `/facts/compare?series=${encodeURIComponent(`${HOSTILE}/money/aid-programme-totalled`)}&series=${encodeURIComponent(`${HOSTILE}/count/companies-involved`)}`,
      '/facts/compare',
      '/login',
      '/changes/99999',
      `/sources/${'x'.repeat(300)}`,
      '/api/openapi.json',
      '/healthz',
      '/metrics',
    ];
  }

  it('lets no page scroll sideways and nothing stick out but inside a scrolling box', async () => {
    const page = await phone();
    const paths = await everyPage();
    expect(paths.length).toBeGreaterThan(25);
    for (const path of paths) {
      const res = await page.goto(`${ui.server.url}${path}`);
      expect(res?.status(), path).toBeLessThan(500);
      const m = (await page.evaluate(MEASURE)) as Measured;
      expect(m.wide, path).toEqual([]);
      expect(m.scrollWidth, path).toBeLessThanOrEqual(m.innerWidth);
    }
    await page.goto(`${ui.server.url}/changes/${ui.seeded.hostile[1]}`);
    await page.screenshot({ path: join(SHOTS, `${backend}-phone-hostile-change.png`), fullPage: true });
    await page.goto(`${ui.server.url}/sources/${HOSTILE}`);
    await page.screenshot({ path: join(SHOTS, `${backend}-phone-hostile-source.png`), fullPage: true });
    await page.close();
  });

  it('scrolls a wide table inside its own box', async () => {
    const page = await phone();
    await page.goto(`${ui.server.url}/changes/${ui.seeded.hostile[1]}`);
    const { scroll, client } = (await page.evaluate(`(() => { const el = document.querySelector('.scroll table.figures').parentElement; return { scroll: el.scrollWidth, client: el.clientWidth }; })()`)) as { scroll: number; client: number };
    expect(client).toBeLessThanOrEqual(PHONE.width);
    expect(scroll).toBeGreaterThan(client);
    await page.close();
  });

  it('titles a figure page with the figure’s label, the series id beside it, and draws the chart by period or capture time, sized for the screen', async () => {
    const page = await phone();
    const key = 'money/north-korea-significant';
    await page.goto(`${ui.server.url}/sources/${NK}/figures?key=${encodeURIComponent(key)}`);
    const title = await page.locator('h1').innerText();
    expect(title).toBe('Trade between France and North Korea');
    // Any figure of a change report: its page is titled with the label the report gives it.
    await page.goto(`${ui.server.url}/changes/${ui.seeded.nk[1]}`);
    const reported = page.locator('table.figures tbody tr td > a');
    expect(await reported.count()).toBeGreaterThan(10);
    for (const i of [0, 5, 10]) {
      const link = reported.nth(i);
      const [label, href] = [await link.innerText(), (await link.getAttribute('href'))!];
      const figurePage = await ui.browser.newPage();
      await figurePage.goto(`${ui.server.url}${href}`);
      expect(await figurePage.locator('h1').innerText(), href).toBe(label);
      expect(await figurePage.locator('.series-id code').first().innerText(), href).toBe(new URL(href, ui.server.url).searchParams.get('key'));
      await figurePage.close();
    }

    await page.goto(`${ui.server.url}/sources/${NK}/figures?key=${encodeURIComponent(key)}`);
    expect(await page.locator('.series-id').innerText()).toContain(key);
    const img = page.locator('figure.chart img');
    await expectPhoneChart(img);
    const axis = page.locator('.toggle[aria-label="chart axis"] a');
    expect(await axis.allInnerTexts()).toEqual(['the period it is about', 'capture time']);
    expect(await page.locator('.toggle a[aria-current="true"]').innerText()).toBe('the period it is about');
    expect(await img.evaluate((el) => (el as unknown as { currentSrc: string }).currentSrc)).toContain('x=period');
    await axis.filter({ hasText: 'capture time' }).click();
    expect(new URL(page.url()).searchParams.get('x')).toBe('captured');
    await expect.poll(() => img.evaluate((el) => (el as unknown as { currentSrc: string }).currentSrc)).toContain('x=captured');
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, `${backend}-phone-figure.png`), fullPage: true });
    await page.close();
  });

  it('draws the Facts comparison at the phone’s width, and the facts table scrolls in its own box', async () => {
    const page = await phone();
    const pair = [`${NK}/money/bilateral-trade-totalled`, `${HOSTILE}/money/bilateral-trade-reached`].map((s) => `series=${encodeURIComponent(s)}`).join('&');
    await page.goto(`${ui.server.url}/facts/compare?${pair}`);
    const img = page.locator('figure.chart img');
    await expectPhoneChart(img);
    await page.screenshot({ path: join(SHOTS, `${backend}-phone-facts-compare.png`), fullPage: true });

    await page.goto(`${ui.server.url}/facts`);
    const box = (await page.evaluate(`(() => { const el = document.querySelector('.scroll > table.facts').parentElement; return { scroll: el.scrollWidth, client: el.clientWidth }; })()`)) as { scroll: number; client: number };
    expect(box.client).toBeLessThanOrEqual(PHONE.width);
    expect(box.scroll).toBeGreaterThan(box.client);
    await page.screenshot({ path: join(SHOTS, `${backend}-phone-facts.png`) });
    await page.close();
  });

  it('lists a source’s figures by label with their latest value and when they last changed', async () => {
    const page = await phone();
    await page.goto(`${ui.server.url}/sources/${HOSTILE}`);
    const latest = (await api(`/api/sources/${HOSTILE}/figures`)).figures as Array<{ series: string; raw: string }>;
    const aid = latest.find((f) => f.raw === '€7.5 million')!;
    const row = page.locator(`table.figure-list tr[data-series="${aid.series}"]`);
    const [label, value, changed] = await row.locator('td').allInnerTexts();
    expect(label).toContain(aid.series); // the slug, as the small secondary line
    expect(await row.locator('td.label a').innerText()).not.toContain('/');
    expect(value).toBe('€7.5 million (2017)');
    expect(changed).toBe('2019-04-05'); // the capture of revision 2, which moved it
    await page.close();
  });

  it('shows sections added and removed with their text, the rest behind “show more”', async () => {
    const page = await phone();
    await page.goto(`${ui.server.url}/changes/${ui.seeded.hostile[1]}`);
    const added = page.locator('ul.added.section-texts > li');
    expect(await added.count()).toBe(1);
    expect(await added.locator('.section-heading').innerText()).toContain('New programme');
    expect(await added.locator('.section-body > p').first().innerText()).toContain(ADDED_SECTION_TEXT);
    const more = added.locator('details.more');
    expect(await more.locator('p').last().isVisible()).toBe(false);
    await more.locator('summary').click();
    expect(await more.locator('p').last().innerText()).toContain('only shown after');
    expect(await page.locator('ul.removed.section-texts > li .section-body').innerText()).toContain(REMOVED_SECTION_TEXT);
    // The long word is there, whole, wrapped rather than cut.
    expect((await page.locator('main').innerText()).replace(/\s/gu, '')).toContain(LONG_WORD);

    await page.goto(`${ui.server.url}/changes/${ui.seeded.nk[1]}`);
    const eu = page.locator('ul.added.section-texts > li', { hasText: 'Relations with the European Union' });
    expect((await eu.locator('.section-body').innerText()).length).toBeGreaterThan(100);
    await page.close();
  });

  it('links the page URL on the source, change and version pages, inert and without referrer', async () => {
    const page = await phone();
    const url = (await getSource(ui.handle.db, HOSTILE))!.url;
    expect(url.length).toBeGreaterThan(200);
    for (const path of [`/sources/${HOSTILE}`, `/changes/${ui.seeded.hostile[1]}`, `/sources/${HOSTILE}/versions/2`]) {
      await page.goto(`${ui.server.url}${path}`);
      const link = page.locator('dl.meta a.url').first();
      expect(await link.getAttribute('href'), path).toBe(url);
      expect(await link.getAttribute('rel'), path).toBe('noopener noreferrer nofollow');
      expect(await link.innerText(), path).toBe(url);
    }
    await page.close();
  });
});
