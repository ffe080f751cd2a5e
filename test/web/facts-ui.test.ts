import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { parseHTML } from 'linkedom';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { importedCaptures, versions } from '../../src/store/schema.ts';
import { listVersions } from '../../src/store/queries/versions.ts';
import { openPage } from '../helpers/chromium.ts';
import { backend } from '../helpers/test-db.ts';
import { SHOTS, useSeededUi } from './seeded-ui.ts';
import { HOSTILE, HOSTILE_TEXT, NK, tagSeededSources } from './seed.ts';

/**
 * The Facts page in Chromium (issue 18, "compare across pages", "citable evidence"): the search
 * narrows the table, series in one unit share one chart and one axis while series in different
 * units are refused one axis, and "cite" shows the citation of a point — checked against text
 * written here from the seed (test/web/seed.ts: the recorded North Korea page and the hostile
 * page, both served from 127.0.0.1), not against what the code prints.
 */

/** Series the seed's pages give, read off their text. */
const NK_TRADE = `${NK}/money/bilateral-trade-totalled`; // "Bilateral trade totalled €27 million in 2016 (€6 million in North Korean imports to the EU and €22 million in EU exports …"
const NK_IMPORTS = `${NK}/money/north-korean-imports`;
const NK_EXPORTS = `${NK}/money/eu-exports-north`;
const HOSTILE_TRADE = `${HOSTILE}/money/bilateral-trade-reached`; // "Bilateral trade reached €20 million in 2016" → "€24 million in 2017"
const HOSTILE_AID = `${HOSTILE}/money/aid-programme-totalled`; // "The aid programme totalled €5 million in 2016" → "€7.5 million in 2017"
const HOSTILE_COMPANIES = `${HOSTILE}/count/companies-involved`; // "with 12 companies involved" → "15"

/** The Wayback capture NK's second version is recorded as imported from (the ledger row an import writes). */
const WAYBACK = { timestamp: '20171030060000', original: 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/' };

describe(`Facts page in Chromium (${backend})`, () => {
  const clock = new ManualClock('2024-02-01T10:00:00Z');
  const ui = useSeededUi(clock);

  beforeAll(async () => {
    await tagSeededSources(ui.handle.db);
    const [v2] = await ui.handle.db.select({ id: versions.id }).from(versions).where(eq(versions.sourceId, NK)).orderBy(versions.seq).offset(1).limit(1);
    await ui.handle.db.insert(importedCaptures).values({
      sourceId: NK,
      origin: 'wayback',
      captureKey: `${WAYBACK.timestamp} ${WAYBACK.original}`,
      capturedAt: new Date('2017-10-30T06:00:00Z'),
      originalUrl: WAYBACK.original,
      digest: null,
      outcome: 'imported',
      versionId: v2!.id,
      importedAt: clock.now(),
    });
  });

  const newPage = (): Promise<Page> => openPage(ui.browser, ui.server.url, { width: 1280, height: 900 });
  const rowsOf = (page: Page) => page.locator('table.facts tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { series: string } }).dataset.series));
  /** The SVG an `<img>` of the page shows, parsed. */
  const chartOf = async (page: Page, img: ReturnType<Page['locator']>) => {
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    const src = (await img.evaluate((el) => (el as unknown as { currentSrc: string }).currentSrc)) as string;
    const res = await page.request.get(src);
    expect(res.status(), src).toBe(200);
    return parseHTML(`<html><body>${await res.text()}</body></html>`).document;
  };

  it('lists every series across sources, and the search narrows the table to the rows it matches', async () => {
    const page = await newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/iu.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${ui.server.url}/`);
    await page.getByRole('link', { name: 'Facts', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/facts');
    expect(await page.locator('header nav a[aria-current="page"]').innerText()).toBe('Facts');
    const all = await rowsOf(page);
    expect(all).toContain(NK_TRADE);
    expect(all).toContain(HOSTILE_TRADE);
    expect(all.length).toBeGreaterThan(40);

    // The hostile trade row: latest, previous, when it changed, versions, and a sparkline from €20 million to €24 million.
    const trade = page.locator(`tr[data-series="${HOSTILE_TRADE}"]`);
    const cells = await trade.locator('td').allInnerTexts();
    expect(cells.slice(1, 7).map((c) => c.replace(/\s+/gu, ' ').trim())).toEqual([`Bilateral trade money/bilateral-trade-reached`, HOSTILE, '€24 million (2017) v2', '€20 million (2016) v1', '2019-04-05', '2']);
    // The hostile page still shows it; NK's EU section (bilateral trade €27 million) is gone from the May 2020 revision, v3.
    expect(await trade.locator('div.removed').count()).toBe(0);
    expect(await page.locator(`tr[data-series="${NK_TRADE}"] div.removed`).innerText()).toMatch(/^no longer on the page since v3 \(\d{4}-\d{2}-\d{2}\)$/u);
    const spark = trade.locator('svg.spark');
    expect(await spark.getAttribute('aria-label')).toBe('Bilateral trade: 2 values from €20 million to €24 million');
    const [from, to] = (await spark.locator('polyline').getAttribute('points'))!.split(' ').map((p) => Number(p.split(',')[1]));
    expect(from!).toBeGreaterThan(to!); // up: a higher value is higher on the line (smaller y)

    await page.locator('input[name="q"]').fill('bilateral trade');
    await page.locator('select[name="kind"]').selectOption('money');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(new URL(page.url()).searchParams.get('q')).toBe('bilateral trade');
    expect(await rowsOf(page)).toEqual([NK_TRADE, NK_EXPORTS, NK_IMPORTS, HOSTILE_TRADE].sort());
    expect(await page.locator('#fact-count').innerText()).toBe('4 series.');
    // The form keeps what was asked.
    expect(await page.locator('input[name="q"]').inputValue()).toBe('bilateral trade');
    expect(await page.locator('select[name="kind"]').inputValue()).toBe('money');

    await page.locator('input[name="tag"]').fill('test');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await rowsOf(page)).toEqual([HOSTILE_TRADE]);

    await page.goto(`${ui.server.url}/facts?tag=asa`);
    expect(await rowsOf(page)).toEqual([]);
    expect(await page.getByRole('status').innerText()).toContain('did you mean "asia"');
    await page.goto(`${ui.server.url}/facts?q=nothing-says-this`);
    expect(await page.locator('p.empty').innerText()).toBe('No figure series match.');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('draws series with the same unit on one chart with one axis, chosen with the table’s checkboxes', async () => {
    const page = await newPage();
    await page.goto(`${ui.server.url}/facts?unit=EUR`);
    await page.locator(`tr[data-series="${NK_TRADE}"] input[type="checkbox"]`).check();
    await page.locator(`tr[data-series="${HOSTILE_TRADE}"] input[type="checkbox"]`).check();
    await page.getByRole('button', { name: 'Compare chosen series' }).click();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/facts/compare');
    expect(url.searchParams.getAll('series')).toEqual([NK_TRADE, HOSTILE_TRADE]);

    expect(await page.locator('#units-note').count()).toBe(0);
    expect(await page.locator('figure.chart').count()).toBe(1);
    expect(await page.locator('ul.legend li').evaluateAll((lis) => lis.map((li) => (li as unknown as { textContent: string }).textContent.replace(/\s+/gu, ' ').trim()))).toEqual([
      `Bilateral trade ${NK}`,
      `Bilateral trade ${HOSTILE}`,
    ]);
    // Both by the period they speak of (2016; 2016 and 2017): the default axis.
    expect(await page.locator('.toggle a[aria-current="true"]').innerText()).toBe('the period it is about');
    const svg = await chartOf(page, page.locator('figure.chart img'));
    expect(svg.querySelectorAll('g[aria-label="line"]')).toHaveLength(2);
    expect(svg.querySelectorAll('g[aria-label="y-axis tick"]')).toHaveLength(1);
    expect(svg.querySelector('g[aria-label="y-axis label"]')?.textContent).toContain('EUR');
    const dots = [...svg.querySelectorAll('g[aria-label="dot"] title')].map((t) => t.textContent);
    expect(dots).toEqual([`Bilateral trade (${NK}): v2 (2016): €27 million`, `Bilateral trade (${HOSTILE}): v1 (2016): €20 million`, `Bilateral trade (${HOSTILE}): v2 (2017): €24 million`]);
    // Each series' points follow, with their evidence.
    expect(await page.locator('section.fact-series').evaluateAll((s) => s.map((x) => (x as unknown as { dataset: { series: string } }).dataset.series))).toEqual([NK_TRADE, HOSTILE_TRADE]);
    await page.screenshot({ path: join(SHOTS, `${backend}-facts-compare.png`), fullPage: true });
    await page.close();
  });

  it('refuses to put series in different units on one axis: it says so and draws one chart per unit', async () => {
    const page = await newPage();
    await page.goto(`${ui.server.url}/facts?source=${HOSTILE}`);
    for (const s of [HOSTILE_AID, HOSTILE_COMPANIES, HOSTILE_TRADE]) await page.locator(`tr[data-series="${s}"] input[type="checkbox"]`).check();
    await page.getByRole('button', { name: 'Compare chosen series' }).click();
    expect(await page.locator('#units-note').innerText()).toBe('These series are in 2 different units (count; money in EUR), so they are not drawn on one axis: each unit has a chart of its own.');
    const charts = page.locator('section.fact-chart');
    // In the order chosen: the table lists the count first.
    expect(await charts.evaluateAll((s) => s.map((x) => (x as unknown as { dataset: { unit: string } }).dataset.unit))).toEqual(['count', 'money in EUR']);
    const euros = await chartOf(page, charts.nth(1).locator('img'));
    expect(euros.querySelectorAll('g[aria-label="line"]')).toHaveLength(2);
    expect(euros.querySelector('g[aria-label="y-axis label"]')?.textContent).toContain('EUR');
    const counts = await chartOf(page, charts.nth(0).locator('img'));
    expect(counts.querySelectorAll('g[aria-label="line"]')).toHaveLength(1);
    expect(counts.querySelector('g[aria-label="y-axis label"]')?.textContent).toContain('count');
    // Asked for directly, one chart of both units is refused.
    const mixed = await page.request.get(`${ui.server.url}/facts/compare/chart.svg?series=${encodeURIComponent(HOSTILE_AID)}&series=${encodeURIComponent(HOSTILE_COMPANIES)}`);
    expect(mixed.status()).toBe(400);
    expect(((await mixed.json()) as { error: { message: string } }).error.message).toContain('not drawn on one axis');
    await page.close();
  });

  it('cite shows the plain-text citation of a point, and each point links to its version and evidence', async () => {
    const page = await newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/iu.test(m.text())) violations.push(m.text());
    });
    const [, hostileV2] = await listVersions(ui.handle.db, HOSTILE);
    const [, nkV2] = await listVersions(ui.handle.db, NK);
    await page.goto(`${ui.server.url}/facts/compare?series=${encodeURIComponent(HOSTILE_TRADE)}&series=${encodeURIComponent(NK_TRADE)}`);

    const row = page.locator(`section[data-series="${HOSTILE_TRADE}"] tr[data-version="2"]`);
    const citation = row.locator('details.cite .citation');
    expect(await citation.isVisible()).toBe(false);
    await row.locator('details.cite summary').click();
    expect(await citation.innerText()).toBe(
      `127.0.0.1, '${HOSTILE_TEXT.script} Hostile page', ${hostileV2!.url}, captured 5 April 2019 06:00 UTC, sha256 ${hostileV2!.contentHash}, as shown by factwatch`,
    );
    expect(await row.locator('code.hash').innerText()).toBe(hostileV2!.contentHash);
    expect(await row.locator('td.proof a.url').getAttribute('href')).toBe(hostileV2!.url);
    expect(await row.locator('.archive').count()).toBe(0);

    // A version imported from the Internet Archive names its capture, in the evidence and the citation.
    const nkRow = page.locator(`section[data-series="${NK_TRADE}"] tr[data-version="2"]`);
    const archived = `https://web.archive.org/web/${WAYBACK.timestamp}id_/${WAYBACK.original}`;
    expect(await nkRow.locator('.archive a').getAttribute('href')).toBe(archived);
    await nkRow.locator('details.cite summary').click();
    expect(await nkRow.locator('.citation').innerText()).toBe(
      `127.0.0.1, 'France and North Korea', ${nkV2!.url}, captured 30 October 2017 06:00 UTC (Internet Archive capture ${archived}), sha256 ${nkV2!.contentHash}, as shown by factwatch`,
    );
    await page.screenshot({ path: join(SHOTS, `${backend}-facts-cite.png`), fullPage: true });

    await row.getByRole('link', { name: 'v2', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(`/sources/${HOSTILE}/versions/2`);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('keeps the hostile page’s text inert on the Facts pages', async () => {
    const page = await newPage();
    for (const path of [`/facts?source=${HOSTILE}`, `/facts/compare?series=${encodeURIComponent(HOSTILE_TRADE)}&series=${encodeURIComponent(HOSTILE_COMPANIES)}`]) {
      await page.goto(`${ui.server.url}${path}`);
      expect(await page.evaluate('window.__pwned'), path).toBeUndefined();
      expect(await page.locator('script').count(), path).toBe(0);
      expect(await page.locator('[onerror], [onload]').count(), path).toBe(0);
    }
    // The page title, as text, in the (closed) citations.
    expect(await page.locator('.citation').first().textContent()).toContain(HOSTILE_TEXT.script);
    await page.close();
  });

  it('answers 404 for a series no source has and 400 for too many series or an unknown parameter', async () => {
    const status = async (path: string) => (await fetch(`${ui.server.url}${path}`)).status;
    const series = (n: number) => Array.from({ length: n }, () => `series=${encodeURIComponent(HOSTILE_TRADE)}`).join('&');
    expect(await status(`/facts/compare?series=${encodeURIComponent(`${HOSTILE}/money/no-such-series`)}`)).toBe(404);
    expect(await status(`/facts/compare?${series(1)}&colour=red`)).toBe(400);
    // The same series twice is one series; nine different ones are too many for one chart.
    expect(await status(`/facts/compare?${series(9)}`)).toBe(200);
    const nine = [NK_TRADE, NK_IMPORTS, NK_EXPORTS, HOSTILE_TRADE, HOSTILE_AID, HOSTILE_COMPANIES, `${NK}/money/french-exports`, `${NK}/money/humanitarian-aid-totalled`, `${NK}/percent/accounts-imports`];
    expect(await status(`/facts/compare?${nine.map((n) => `series=${encodeURIComponent(n)}`).join('&')}`)).toBe(400);
    expect(await status('/facts?kind=moneys')).toBe(400);
    expect(await status('/facts?tag=Asia!')).toBe(400);
    expect(await status('/facts?source=nope')).toBe(404);
  });
});
