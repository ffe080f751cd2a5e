import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckPass } from '../../src/check/check-pass.ts';
import { ManualClock } from '../../src/app/clock.ts';
import { FetchError } from '../../src/app/errors.ts';
import { silentLogger } from '../../src/app/log.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { createHttpClient, type HttpClient } from '../../src/fetch/index.ts';
import type { CheckResult } from '../../src/check/check-source.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { getChange, listChanges } from '../../src/store/queries/changes.ts';
import { listChecks } from '../../src/store/queries/checks.ts';
import { getSource, listSourceUrls, syncSources } from '../../src/store/queries/sources.ts';
import { latestVersion, listVersions } from '../../src/store/queries/versions.ts';
import {
  ACCESS_DENIED_PAGE,
  CAPTCHA_PAGE,
  closedPortUrl,
  deeplyNested,
  encodeWindows1252,
  endlessBody,
  failTimes,
  gzipBomb,
  MAINTENANCE_PAGE,
  resetMidBody,
  scriptFlood,
  stallMidBody,
} from '../helpers/fault-server.ts';
import { startPageServer, type PageServer, type Route } from '../helpers/page-server.ts';
import { revisionHtml } from '../helpers/snapshots.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';

/**
 * The fault matrix (issue 5): every way a web server can misbehave, served from 127.0.0.1, run
 * through the real pipeline (fetch → assess → extract → diff → store) on this run's backend.
 *
 * Each row starts from a good first capture (version 1, the first-capture change), injects the
 * fault, checks once, and asserts: the recorded outcome and error code, the retry behaviour
 * (attempts the server saw, backoff waits asked for, whether the error is retryable), what is
 * stored (never a version or change report that should not exist), and that the process is
 * still healthy — the same source checks cleanly once the server behaves again.
 */

const MAX_BYTES = 2 * 1024 * 1024; // the 100,000-level page is 1.1 MB
const RETRIES = 1;
const MAX_REDIRECTS = 3;
const GOOD = revisionHtml('2017-07-05');
/** The first backoff with retryBaseMs 250 and jitter pinned at 0.5: "equal jitter", 250/2 + 250/2 × 0.5. */
const BACKOFF = 188;

interface Expected {
  outcome: CheckResult['outcome'];
  /** FactwatchError code of the failure, null for a success. */
  code: string | null;
  retryable?: boolean;
  /** Requests the server saw for the row's paths (robots.txt excluded). */
  attempts?: number;
  /** Backoff waits the client asked for, in ms (the sleep is injected, nobody waits). */
  sleeps?: number[];
  /** Versions and change reports stored for the source after the fault (baseline: 1 and 1). */
  versions: number;
  changes: number;
  /** A fragment the check row's error must contain. */
  error?: RegExp;
}

interface Row {
  id: string;
  install(server: PageServer, path: string): Route | void;
  /** Where the source points instead of the server (connection refused). */
  url?: () => Promise<string>;
  /** Start from a good first capture (default true). */
  baseline?: boolean;
  expect: Expected;
  /** The outcome once the server serves the good page again (default `unchanged`: nothing was lost or faked). */
  recovery?: CheckResult['outcome'];
  /** Extra assertions after the fault check. */
  also?(ctx: { id: string; result: CheckResult; server: PageServer; handle: DatabaseHandle }): Promise<void>;
}

const bomb = endlessBody();
const wrongCharset = encodeWindows1252(GOOD);

const ROWS: Row[] = [
  {
    id: 'connection-refused',
    url: () => closedPortUrl('/connection-refused/'),
    baseline: false,
    install: () => undefined,
    expect: { outcome: 'fetch_error', code: 'network', retryable: true, sleeps: [BACKOFF], versions: 0, changes: 0, error: /ECONNREFUSED/ },
  },
  {
    id: 'reset-mid-body',
    install: () => resetMidBody(GOOD),
    expect: { outcome: 'fetch_error', code: 'network', retryable: true, attempts: RETRIES + 1, sleeps: [BACKOFF], versions: 1, changes: 1 },
  },
  {
    id: 'slow-headers',
    install: () => ({ body: GOOD, delayMs: 10_000 }),
    expect: { outcome: 'fetch_error', code: 'timeout', retryable: true, attempts: RETRIES + 1, sleeps: [BACKOFF], versions: 1, changes: 1 },
  },
  {
    id: 'slow-body',
    install: () => stallMidBody(GOOD, 10_000),
    expect: { outcome: 'fetch_error', code: 'timeout', retryable: true, attempts: RETRIES + 1, sleeps: [BACKOFF], versions: 1, changes: 1 },
  },
  {
    id: 'http-500',
    install: () => ({ status: 500, body: '<h1>Internal Server Error</h1>' }),
    expect: { outcome: 'fetch_error', code: 'http_status', retryable: true, attempts: RETRIES + 1, sleeps: [BACKOFF], versions: 1, changes: 1, error: /HTTP 500/ },
  },
  {
    id: 'http-503-retry-after',
    // The server asks for 7 s, then answers: the wait honours Retry-After, not our backoff.
    install: () => failTimes(1, { status: 503, headers: { 'retry-after': '7' } }, { body: GOOD }),
    expect: { outcome: 'unchanged', code: null, attempts: 2, sleeps: [7000], versions: 1, changes: 1 },
  },
  {
    id: 'http-429-long-retry-after',
    // An hour is too long to hold a worker: no in-process retry, the delay goes to the scheduler.
    install: () => ({ status: 429, headers: { 'retry-after': '3600' } }),
    expect: { outcome: 'fetch_error', code: 'http_status', retryable: true, attempts: 1, sleeps: [], versions: 1, changes: 1, error: /HTTP 429/ },
    also: async ({ result }) => expect((result.error as FetchError).retryAfterMs).toBe(3_600_000),
  },
  {
    id: 'redirect-loop',
    install: (server, path) => {
      server.setRoute(`${path}b`, { status: 302, headers: { location: path } });
      return { status: 302, headers: { location: `${path}b` } };
    },
    expect: { outcome: 'fetch_error', code: 'too_many_redirects', retryable: false, attempts: MAX_REDIRECTS + 1, sleeps: [], versions: 1, changes: 1 },
  },
  {
    id: 'redirect-new-url',
    install: (server, path) => {
      server.setRoute(`${path}new/`, { body: GOOD });
      return { status: 301, headers: { location: `${path}new/` } };
    },
    // The content is the same; the move itself is the change a reader is told about.
    expect: { outcome: 'changed', code: null, attempts: 2, sleeps: [], versions: 2, changes: 2 },
    recovery: 'changed', // served at the old URL again: moved back, reported again
    also: async ({ id, server, handle }) => {
      const urls = (await listSourceUrls(handle.db, id)).map((u) => u.url);
      expect(urls).toContain(server.url(`/${id}/new/`));
      expect((await latestVersion(handle.db, id))!.url).toBe(server.url(`/${id}/new/`));
    },
  },
  {
    id: 'redirect-private',
    install: () => ({ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } }),
    expect: { outcome: 'blocked', code: 'blocked_address', retryable: false, attempts: 1, sleeps: [], versions: 1, changes: 1, error: /169\.254\.169\.254.*linkLocal/ },
  },
  {
    id: 'http-404',
    install: () => ({ status: 404, body: 'Not found' }),
    expect: { outcome: 'gone', code: 'gone', retryable: false, attempts: 1, sleeps: [], versions: 1, changes: 1 },
  },
  {
    id: 'http-410',
    install: () => ({ status: 410 }),
    expect: { outcome: 'gone', code: 'gone', retryable: false, attempts: 1, sleeps: [], versions: 1, changes: 1 },
  },
  {
    id: 'huge-body',
    install: () => bomb.handler,
    expect: { outcome: 'fetch_error', code: 'too_large', retryable: false, attempts: 1, sleeps: [], versions: 1, changes: 1 },
    // Streamed and cut: the server got to send little more than the cap (socket buffers), not 256 MB.
    also: async () => expect(bomb.sent()).toBeLessThan(16 * MAX_BYTES),
  },
  {
    id: 'gzip-bomb',
    install: () => gzipBomb(32 * MAX_BYTES),
    expect: { outcome: 'fetch_error', code: 'too_large', retryable: false, attempts: 1, sleeps: [], versions: 1, changes: 1, error: /decompressed/ },
  },
  {
    id: 'wrong-charset',
    // windows-1252 bytes under a header (and meta) that say UTF-8: decoded right, so no bogus revision.
    install: () => ({ body: wrongCharset, headers: { 'content-type': 'text/html; charset=utf-8' } }),
    expect: { outcome: 'unchanged', code: null, attempts: 1, sleeps: [], versions: 1, changes: 1 },
  },
  {
    id: 'absent-charset',
    install: () => ({ body: GOOD.replace(/<meta charset="utf-8">/i, ''), headers: { 'content-type': 'text/html' } }),
    expect: { outcome: 'unchanged', code: null, attempts: 1, sleeps: [], versions: 1, changes: 1 },
  },
  {
    id: 'empty-200',
    install: () => ({ body: '' }),
    expect: { outcome: 'extraction_failed', code: 'extraction_failed', retryable: false, attempts: 1, sleeps: [], versions: 1, changes: 1 },
  },
  {
    id: 'soft-error-maintenance',
    install: () => ({ body: MAINTENANCE_PAGE }),
    expect: { outcome: 'extraction_failed', code: 'suspect_page', retryable: false, attempts: 1, versions: 1, changes: 1, error: /suspect_page: .*maintenance/i },
  },
  {
    id: 'soft-error-captcha',
    install: () => ({ body: CAPTCHA_PAGE }),
    expect: { outcome: 'extraction_failed', code: 'suspect_page', attempts: 1, versions: 1, changes: 1, error: /suspect_page: .*captcha/i },
  },
  {
    id: 'soft-error-access-denied',
    install: () => ({ body: ACCESS_DENIED_PAGE }),
    expect: { outcome: 'extraction_failed', code: 'suspect_page', attempts: 1, versions: 1, changes: 1, error: /suspect_page: .*access denied/i },
  },
  {
    id: 'soft-error-shrunk',
    // A well-formed page with the same title, but nearly all of its content gone.
    install: () => ({ body: GOOD.replace(/(<h2[\s\S]*?<\/p>)[\s\S]*(<\/div>\s*<footer)/i, '$1$2') }),
    expect: { outcome: 'extraction_failed', code: 'suspect_page', attempts: 1, versions: 1, changes: 1, error: /suspect_page: content shrank/ },
  },
  {
    id: 'truncated-html',
    install: () => ({ body: GOOD.slice(0, Math.floor(GOOD.length * 0.6)) }),
    expect: { outcome: 'extraction_failed', code: 'suspect_page', attempts: 1, versions: 1, changes: 1, error: /truncated/ },
  },
  {
    id: 'deeply-nested',
    install: () => ({ body: deeplyNested(100_000) }),
    expect: { outcome: 'extraction_failed', code: 'suspect_page', attempts: 1, versions: 1, changes: 1, error: /nested more than 1000 levels deep/ },
  },
  {
    id: 'script-flood',
    baseline: false,
    install: () => ({ body: scriptFlood(GOOD) }),
    expect: { outcome: 'new', code: null, attempts: 1, sleeps: [], versions: 1, changes: 1 },
    also: async ({ id, server, handle }) => {
      const json = JSON.stringify((await latestVersion(handle.db, id))!.document);
      for (const bad of ['alert(', 'javascript:', 'window.evil', 'injected', 'onclick']) expect(json).not.toContain(bad);
      expect(json).toContain('North Korea');
      // Nothing but robots.txt and the page itself was asked for: no link was followed.
      expect(new Set(server.requests.map((r) => r.path))).not.toContain(expect.stringMatching(/alert|javascript/));
    },
  },
  {
    id: 'robots-disallowed',
    install: () => ({ body: GOOD }),
    expect: { outcome: 'blocked', code: 'blocked_robots', retryable: false, attempts: 0, sleeps: [], versions: 1, changes: 1, error: /robots\.txt disallows/ },
    recovery: 'blocked', // robots.txt still says no: the page stays unfetched
  },
];

describe(`fault matrix (${backend})`, () => {
  let handle: DatabaseHandle;
  let server: PageServer;
  let http: HttpClient;
  const sleeps: number[] = [];
  const clock = new ManualClock('2024-01-10T06:00:00Z');
  const log = silentLogger();

  beforeAll(async () => {
    handle = await openTestDatabase();
    server = await startPageServer({
      // Disallowed for us from the start; the client reads it once for the whole matrix.
      '/robots.txt': { body: 'User-agent: factwatch\nDisallow: /robots-disallowed/fault\n', headers: { 'content-type': 'text/plain' } },
    });
    http = createHttpClient(
      { allowNetworks: ['127.0.0.0/8'], retries: RETRIES, retryBaseMs: 250, headersTimeoutMs: 1000, bodyTimeoutMs: 1000, maxBytes: MAX_BYTES, maxRedirects: MAX_REDIRECTS },
      { clock, log, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    );
  });
  afterAll(async () => {
    await http?.close();
    await server?.close();
    await handle?.close();
  });

  async function check(id: string, url: string): Promise<CheckResult> {
    const sources = resolveSources({ sources: [{ id, url, notify: [] }], fetch: { allowNetworks: ['127.0.0.0/8'] } });
    await syncSources(handle.db, sources, clock.now());
    clock.advance(3_600_000);
    const [result] = await runCheckPass({ db: handle.db, http, clock, log }, sources, { all: true });
    return result!;
  }

  for (const row of ROWS) {
    it(`${row.id}: ${row.expect.outcome}${row.expect.code && row.expect.outcome !== row.expect.code ? ` (${row.expect.code})` : ''}`, async () => {
      const { id } = row;
      // The fault lives on its own path so that robots.txt can single it out; the source keeps its URL.
      const path = `/${id}/`;
      const url = row.url ? await row.url() : server.url(path);
      if (row.baseline !== false) {
        server.setRoute(path, { body: GOOD });
        expect((await check(id, url)).outcome).toBe('new');
      }
      if (id === 'robots-disallowed') {
        // robots.txt disallows `/robots-disallowed/fault`: point the source there.
        return assertRow(row, await faultCheck(row, server.url(`${path}fault`), `${path}fault`));
      }
      const route = row.install(server, path);
      if (route) server.setRoute(path, route);
      await assertRow(row, await faultCheck(row, url, path));
    });
  }

  it('accepts a shrunken page as a real revision once it is the same three checks in a row', async () => {
    const id = 'shrunk-for-real';
    const url = server.url(`/${id}/`);
    server.setRoute(`/${id}/`, { body: GOOD });
    expect((await check(id, url)).outcome).toBe('new');
    server.setRoute(`/${id}/`, { body: GOOD.replace(/(<h2[\s\S]*?<\/p>)[\s\S]*(<\/div>\s*<footer)/i, '$1$2') });
    expect((await check(id, url)).error?.code).toBe('suspect_page');
    expect((await check(id, url)).error?.code).toBe('suspect_page');
    expect(await listVersions(handle.db, id)).toHaveLength(1);
    const third = await check(id, url);
    expect(third.outcome).toBe('changed');
    expect((await getChange(handle.db, third.stored!.changeId))!.change!.sections.removed.length).toBeGreaterThan(0);
    expect(await listVersions(handle.db, id)).toHaveLength(2);
  });

  async function faultCheck(row: Row, url: string, path: string) {
    if (row.id === 'robots-disallowed') server.setRoute(path, { body: GOOD });
    const before = server.requests.length;
    sleeps.length = 0;
    const result = await check(row.id, url);
    const attempts = server.requests.slice(before).filter((r) => r.path.startsWith(`/${row.id}/`)).length;
    return { result, attempts, path, url };
  }

  async function assertRow(row: Row, run: { result: CheckResult; attempts: number; path: string; url: string }): Promise<void> {
    const { result, attempts } = run;
    const { id, expect: want } = row;
    expect(result.outcome).toBe(want.outcome);
    expect(result.error?.code ?? null).toBe(want.code);
    if (want.retryable !== undefined) expect(result.error?.retryable).toBe(want.retryable);
    if (want.attempts !== undefined) expect(attempts).toBe(want.attempts);
    if (want.sleeps !== undefined) expect(sleeps).toEqual(want.sleeps);

    // What was stored: the check row with its reason, and no version or change that should not exist.
    const [last] = await listChecks(handle.db, id, 1);
    expect(last!.outcome).toBe(want.outcome);
    if (want.error) expect(last!.error).toMatch(want.error);
    if (want.code === null) expect(last!.error).toBeNull();
    expect(await listVersions(handle.db, id)).toHaveLength(want.versions);
    expect(await listChanges(handle.db, { sourceId: id })).toHaveLength(want.changes);
    const source = await getSource(handle.db, id);
    expect(source!.failureStreak).toBe(want.code === null ? 0 : 1);
    await row.also?.({ id, result, server, handle });

    // Still healthy: once the server behaves, the same source checks cleanly, and a failed check
    // left nothing behind that would make it look changed.
    if (row.url) return; // nothing listens there; the other rows prove the client still works
    server.setRoute(run.path, { body: GOOD });
    const recovered = await check(id, run.url);
    const recovery = row.recovery ?? 'unchanged';
    expect(recovered.outcome).toBe(recovery);
    if (recovery !== 'blocked') expect((await getSource(handle.db, id))!.failureStreak).toBe(0);
  }
});
