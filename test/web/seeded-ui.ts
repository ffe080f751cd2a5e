/**
 * The review UI's browser tests share one setting: a database the real pipeline filled
 * (seed.ts), the real server on 127.0.0.1, and Debian's Chromium — opened once per test file.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { startWebServer, type RunningServer } from '../../src/web/start-server.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { openTestDatabase } from '../helpers/test-db.ts';
import { seedDatabase, type Seeded } from './seed.ts';

/** Screenshots go to $FACTWATCH_SCREENSHOTS (default: <tmp>/factwatch-screenshots), never into the repository. */
export const SHOTS = process.env.FACTWATCH_SCREENSHOTS ?? join(tmpdir(), 'factwatch-screenshots');

export interface SeededUi {
  handle: DatabaseHandle;
  seeded: Seeded;
  server: RunningServer;
  browser: Browser;
}

/** Registers the file's beforeAll/afterAll; the returned object is filled before the first test. */
export function useSeededUi(clock: ManualClock): SeededUi {
  const ui = {} as SeededUi;
  beforeAll(async () => {
    ui.handle = await openTestDatabase();
    ui.seeded = await seedDatabase(ui.handle.db);
    ui.server = await startWebServer({ db: ui.handle.db, clock, log: silentLogger(), token: null }, { host: '127.0.0.1', port: 0 });
    ui.browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await ui.browser?.close();
    await ui.server?.close();
    await ui.handle?.close();
  });
  return ui;
}
