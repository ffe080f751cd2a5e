import { afterAll, beforeAll } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger, type Logger } from '../../src/app/log.ts';
import { createHttpClient, type HttpClient } from '../../src/fetch/index.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { startPageServer, type PageServer } from './page-server.ts';
import { openTestDatabase } from './test-db.ts';

/** What a test that runs checks needs: its database, a local page server, an HTTP client, a clock. */
export interface PipelineFixture {
  /** Set in `beforeAll`: read them inside tests, not at the top of a `describe`. */
  handle: DatabaseHandle;
  server: PageServer;
  http: HttpClient;
  clock: ManualClock;
  log: Logger;
}

/**
 * Registers the `beforeAll`/`afterAll` of a describe block that runs checks against a local page
 * server: a fresh database of the backend this run selects, the server, and an HTTP client that
 * may reach loopback (tests allow it explicitly) with no retries and no real sleeping.
 */
export function usePipelineFixture(start: string): PipelineFixture {
  const fx = { clock: new ManualClock(start), log: silentLogger() } as PipelineFixture;
  beforeAll(async () => {
    fx.handle = await openTestDatabase();
    fx.server = await startPageServer();
    fx.http = createHttpClient({ allowNetworks: ['127.0.0.0/8'], retries: 0 }, { clock: fx.clock, log: fx.log, sleep: async () => {} });
  });
  afterAll(async () => {
    await fx.http?.close();
    await fx.server?.close();
    await fx.handle?.close();
  });
  return fx;
}
