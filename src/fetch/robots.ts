import robotsParserModule from 'robots-parser';
import { request, type Dispatcher } from 'undici';
import { FetchError } from '../app/errors.ts';
import { checkUrlHost, type Network } from './address-guard.ts';
import { classifyFetchError } from './classify-error.ts';
import type { ResolvedFetchSettings } from './fetch-settings.ts';
import { abandonBody, readBody } from './read-body.ts';

/**
 * robots.txt, as RFC 9309 asks of an automated client: a site operator who disallows a path
 * must not find factwatch fetching it every day. Rules are fetched once per origin and cached
 * for `ROBOTS_TTL_MS` (the RFC's "SHOULD NOT use a cached copy for more than 24 hours"); every
 * hop of a redirect chain is checked against the robots.txt of its own origin.
 *
 * Status handling follows RFC 9309 §2.3.1: 2xx → parse; 4xx (none, forbidden …) → everything
 * allowed; 5xx or no answer → "unreachable", which the RFC says means complete disallow. We
 * turn "unreachable" into a retryable failure of the check (the page is not fetched, the check
 * is tried again), and serve a stale cached copy instead when we have one, so a flaky robots.txt
 * does not stop a site we have read rules for.
 */

/** How long robots.txt rules are reused before being fetched again. */
export const ROBOTS_TTL_MS = 24 * 3600_000;
/** RFC 9309 asks parsers to read at least 500 KiB; more than that is not a robots file. */
export const ROBOTS_MAX_BYTES = 512 * 1024;
/** Redirect hops followed for robots.txt (RFC 9309: at least five). */
const ROBOTS_MAX_REDIRECTS = 5;

interface Rules {
  isAllowed(url: string, ua?: string): boolean | undefined;
}

/**
 * The package is CommonJS (`module.exports = fn`) and its bundled typings confuse TypeScript's
 * default-import resolution; at run time the default import is the parser function.
 */
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Rules;

interface CacheEntry {
  /** null: no robots.txt (4xx), everything allowed. */
  rules: Rules | null;
  fetchedAt: number;
}

export interface RobotsCheckContext {
  settings: ResolvedFetchSettings;
  dispatcher: Dispatcher;
  networks: readonly Network[];
  /** Takes the per-host politeness slot for a robots request; resolves to its release. */
  acquire: (host: string) => Promise<() => void>;
}

export class RobotsCache {
  readonly #entries = new Map<string, CacheEntry>();
  /** One fetch per origin at a time: concurrent checks of one site share it. */
  readonly #inflight = new Map<string, Promise<CacheEntry>>();
  readonly #nowMs: () => number;

  /** `nowMs`: wall-clock milliseconds from the injected Clock, so tests can age the cache. */
  constructor(nowMs: () => number) {
    this.#nowMs = nowMs;
  }

  /**
   * Throws `FetchError('blocked_robots')` when robots.txt disallows `url` for our user agent;
   * rethrows the robots fetch failure (retryable) when robots.txt is unreachable and not cached.
   */
  async assertAllowed(url: URL, ctx: RobotsCheckContext): Promise<void> {
    let entry: CacheEntry;
    try {
      entry = await this.#load(url, ctx);
    } catch (err) {
      // The origin itself is refused by the address guard: report it about the page, exactly as
      // a fetch without robots.txt would, not as a robots problem.
      if (err instanceof FetchError && err.code === 'blocked_address' && err.cause !== undefined) throw classifyFetchError(err.cause, url.href);
      throw err;
    }
    if (entry.rules === null) return;
    if (entry.rules.isAllowed(url.href, ctx.settings.userAgent) === false) {
      throw new FetchError(
        'blocked_robots',
        url.href,
        `${url.origin}/robots.txt disallows ${url.pathname}${url.search} for user agent "${productToken(ctx.settings.userAgent)}" (set fetch.robots: false for this source to override)`,
      );
    }
  }

  async #load(url: URL, ctx: RobotsCheckContext): Promise<CacheEntry> {
    const origin = url.origin;
    const cached = this.#entries.get(origin);
    if (cached && this.#nowMs() - cached.fetchedAt < ROBOTS_TTL_MS) return cached;
    let pending = this.#inflight.get(origin);
    if (!pending) {
      pending = fetchRobots(origin, ctx).then(
        (rules) => {
          const entry = { rules, fetchedAt: this.#nowMs() };
          this.#entries.set(origin, entry);
          return entry;
        },
        (err: unknown) => {
          if (cached) return cached; // stale-if-error: rules we read before beat no rules
          throw err;
        },
      );
      pending.finally(() => this.#inflight.delete(origin)).catch(() => undefined);
      this.#inflight.set(origin, pending);
    }
    return pending;
  }
}

/** Fetches and parses `<origin>/robots.txt`; null when the site has none (4xx). */
async function fetchRobots(origin: string, ctx: RobotsCheckContext): Promise<Rules | null> {
  const robotsUrl = `${origin}/robots.txt`;
  let url = new URL(robotsUrl);
  for (let hop = 0; ; hop += 1) {
    let res: Dispatcher.ResponseData;
    try {
      checkUrlHost(url, ctx.networks);
      const release = await ctx.acquire(url.host);
      try {
        res = await request(url, {
          method: 'GET',
          dispatcher: ctx.dispatcher,
          headers: { 'user-agent': ctx.settings.userAgent, accept: 'text/plain,*/*;q=0.1', 'accept-encoding': 'gzip, deflate, br' },
          headersTimeout: ctx.settings.headersTimeoutMs,
          bodyTimeout: ctx.settings.bodyTimeoutMs,
        });
      } finally {
        release();
      }
    } catch (err) {
      const failure = robotsFailure(err, url.href);
      // A robots.txt that redirects somewhere we may not go is unusable, i.e. absent (§2.3.1.2).
      if (hop > 0 && failure.code === 'blocked_address') return null;
      throw failure;
    }
    const status = res.statusCode;
    const location = header(res, 'location');
    if (status >= 300 && status < 400 && location && hop < ROBOTS_MAX_REDIRECTS) {
      abandonBody(res.body);
      try {
        url = new URL(location, url);
      } catch {
        return null; // an unusable redirect is "no robots.txt" (RFC 9309 §2.3.1.2)
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
      continue;
    }
    if (status >= 200 && status < 300) {
      let body: Buffer;
      try {
        body = await readBody(res.body, {
          url: url.href,
          contentEncoding: header(res, 'content-encoding'),
          maxBytes: ROBOTS_MAX_BYTES,
          timeoutMs: ctx.settings.bodyTimeoutMs,
        });
      } catch (err) {
        if (err instanceof FetchError && err.code === 'too_large') return null; // not a robots file
        throw robotsFailure(err, url.href);
      }
      return robotsParser(robotsUrl, body.toString('utf8'));
    }
    abandonBody(res.body);
    if (status >= 500) {
      throw new FetchError('robots_unreachable', url.href, `robots.txt answered HTTP ${status}; not fetching the page until it can be read (RFC 9309)`, {
        status,
        retryable: true,
      });
    }
    return null; // 3xx without Location or past the hop limit, and every 4xx: no rules
  }
}

/** A robots fetch that failed: same code and retry decision as a page fetch, naming robots.txt. */
function robotsFailure(err: unknown, url: string): FetchError {
  const e = classifyFetchError(err, url);
  return new FetchError(e.code, url, `robots.txt: ${e.detail}`, {
    status: e.status,
    retryable: e.retryable,
    cause: err,
  });
}

function header(res: Dispatcher.ResponseData, name: string): string | null {
  const v = res.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

/** The part of a User-Agent robots.txt groups are matched on: "factwatch/0.1 (+…)" → "factwatch". */
function productToken(userAgent: string): string {
  return userAgent.split('/')[0]!.trim();
}
