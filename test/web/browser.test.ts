import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { getChange } from '../../src/store/queries/changes.ts';
import { openPage } from '../helpers/chromium.ts';
import { backend } from '../helpers/test-db.ts';
import { SHOTS, useSeededUi } from './seeded-ui.ts';
import { HOSTILE, HOSTILE_TEXT, NK } from './seed.ts';

/**
 * The review UI in a real browser: Debian's Chromium driven by playwright-core, against the real
 * server on 127.0.0.1 and a database the real pipeline filled. Screenshots of the main pages go
 * to $FACTWATCH_SCREENSHOTS (default: <tmp>/factwatch-screenshots), never into the repository.
 */
/** A table cell as the page script sees it (the test's own types have no DOM library). */
interface CellLike {
  textContent: string | null;
  querySelector(selector: string): CellLike | null;
}

describe(`review UI in Chromium (${backend})`, () => {
  const clock = new ManualClock('2024-02-01T10:00:00Z');
  const ui = useSeededUi(clock);

  const newPage = (): Promise<Page> => openPage(ui.browser, ui.server.url, { width: 1280, height: 900 });
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${backend}-${name}.png`), fullPage: true });

  it('opens the 26 October 2017 change from the sources page, reads its figures and marks it reviewed', async () => {
    const page = await newPage();
    await page.goto(`${ui.server.url}/`);
    const rows = page.locator('table.sources tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.locator(`tr[data-source="${NK}"]`).innerText()).toContain('France and North Korea');
    await shot(page, 'sources');

    await page.locator(`tr[data-source="${NK}"] a`).first().click();
    await page.getByRole('link', { name: 'all', exact: true }).click();
    const row = page.locator('table.changes tbody tr', { hasText: '5 July 2017 → 26 October 2017' });
    expect(await row.count()).toBe(1);
    await shot(page, 'changes');
    await row.locator('a').first().click();
    expect(new URL(page.url()).pathname).toBe(`/changes/${ui.seeded.nk[1]}`);

    expect(await page.locator('#stamp').innerText()).toBe('5 July 2017 → 26 October 2017');
    const figureRows = page.locator('table.figures tbody tr');
    const cells = await figureRows.evaluateAll((trs) =>
      // A label cell holds the label's link and the sentence's disclosure: the link is the label.
      trs.map((tr) => Array.from((tr as unknown as { cells: ArrayLike<CellLike> }).cells, (td) => ((td.querySelector(':scope > a') ?? td).textContent ?? '').trim())),
    );
    expect(cells.length).toBe(19);
    expect(cells.every((c) => c[0] === 'added')).toBe(true);
    const aid = cells.find((c) => c[1] === 'EU humanitarian aid');
    expect(aid?.slice(2, 5)).toEqual(['Relations with the European Union', '', '€135.3 million (1995-2015)']);
    expect(cells.find((c) => c[1] === 'Bilateral trade')?.[4]).toBe('€27 million (2016)');
    // The sentence a figure stands in opens on demand, under its label.
    const aidSentence = figureRows.filter({ has: page.getByRole('link', { name: 'EU humanitarian aid', exact: true }) }).locator('details.sentence');
    expect(await aidSentence.locator('q').isVisible()).toBe(false);
    await aidSentence.locator('summary').click();
    expect(await aidSentence.locator('q').innerText()).toContain('€135.3 million');
    expect(await page.locator('ul.added li .section-heading').allInnerTexts()).toEqual(['Relations with the European Union']);
    await shot(page, 'change');

    await page.locator('#note').fill('Checked against the archived page: new EU section, figures match.');
    await page.getByRole('button', { name: 'Mark reviewed' }).click();
    await page.waitForURL(/\?saved=1$/);
    expect(await page.getByRole('status').innerText()).toContain('reviewed');
    await page.goto(`${ui.server.url}/changes/${ui.seeded.nk[1]}`);
    await page.reload();
    expect(await page.locator('form.review [data-state]').getAttribute('data-state')).toBe('reviewed');
    expect(await page.locator('#note').inputValue()).toBe('Checked against the archived page: new EU section, figures match.');
    const stored = await getChange(ui.handle.db, ui.seeded.nk[1]!);
    expect(stored).toMatchObject({ state: 'reviewed', reviewedAt: clock.now() });
    await page.close();
  });

  it('switches the word diff between inline and side by side', async () => {
    const page = await newPage();
    await page.goto(`${ui.server.url}/changes/${ui.seeded.nk[2]}`);
    expect(await page.locator('.split').count()).toBe(0);
    expect(await page.locator('p.hunk ins').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'side by side' }).click();
    expect(await page.locator('.split').count()).toBeGreaterThan(0);
    expect(await page.locator('.split del').first().innerText()).not.toBe('');
    await page.close();
  });

  it('shows a figure history chart drawn as an image, with its table', async () => {
    const page = await newPage();
    await page.goto(`${ui.server.url}/sources/${NK}/figures?key=${encodeURIComponent('money/north-korea-significant')}`);
    const img = page.locator('figure.chart img');
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('table.history tbody tr').count()).toBe(2);
    await shot(page, 'figure');
    await page.close();
  });

  it('renders the hostile page’s markup as text and runs none of it', async () => {
    const page = await newPage();
    const dialogs: string[] = [];
    const violations: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const keys = (await (await fetch(`${ui.server.url}/api/sources/${HOSTILE}/figures`)).json()) as { figures: Array<{ key: string }> };
    const paths = [
      '/',
      `/sources/${HOSTILE}`,
      `/changes/${ui.seeded.hostile[1]}`,
      `/changes/${ui.seeded.hostile[1]}?view=split`,
      `/sources/${HOSTILE}/versions/1`,
      `/sources/${HOSTILE}/versions/2`,
      ...keys.figures.map((f) => `/sources/${HOSTILE}/figures?key=${encodeURIComponent(f.key)}`),
    ];
    for (const path of paths) {
      await page.goto(`${ui.server.url}${path}`);
      expect(await page.evaluate('window.__pwned'), path).toBeUndefined();
      expect(await page.locator('script').count(), path).toBe(0);
      expect(await page.locator('[onerror], [onload], svg[onload]').count(), path).toBe(0);
      expect(await page.locator('a[href^="javascript:" i]').count(), path).toBe(0);
    }
    await page.goto(`${ui.server.url}/changes/${ui.seeded.hostile[1]}`);
    const text = await page.locator('main').innerText();
    expect(text).toContain(HOSTILE_TEXT.img);
    expect(text).toContain(HOSTILE_TEXT.link);
    expect(text).toContain(HOSTILE_TEXT.breakout);
    await page.goto(`${ui.server.url}/sources/${HOSTILE}/versions/2`);
    expect(await page.locator('h1').innerText()).toContain(HOSTILE_TEXT.script);
    await shot(page, 'hostile-version');
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});
