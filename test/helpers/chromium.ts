/**
 * Debian's Chromium driven by playwright-core, for the review UI's browser tests: headless, no
 * sandbox (containers), nothing fetched in the background; pages that may only reach one server.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page of that viewport whose requests anywhere but `origin` are aborted (a hostile page names http://x etc.). */
export async function openPage(browser: Browser, origin: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
  return page;
}
