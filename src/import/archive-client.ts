/**
 * A polite HTTP client for web archives (CDX queries and raw captures).
 *
 * It is not the page fetcher: archive answers are JSON as well as HTML, and the archive wants
 * different manners — ONE request at a time, a few per second at most, and patience when it
 * says "not now" (429/503 with Retry-After). It reuses the fetch stage's parts that must not
 * differ: the address guard at connect time (loopback/private refused unless `allowNetworks`
 * names them), the per-host limiter, the retry loop and policy (Retry-After, backoff with
 * jitter), capped bodies.
 */
import { Agent, request } from 'undici';
import type { Clock } from '../app/clock.ts';
import { FetchError } from '../app/errors.ts';
import type { Logger } from '../app/log.ts';
import { retry } from '../app/retry.ts';
import { checkUrlHost, createGuardedLookup, parseNetworks } from '../fetch/address-guard.ts';
import { classifyFetchError } from '../fetch/classify-error.ts';
import { HostLimiter } from '../fetch/host-limiter.ts';
import { readBody } from '../fetch/read-body.ts';
import { isRetryableStatus, parseRetryAfter, retryDelayFor } from '../fetch/retry-policy.ts';
import { MAX_REQUESTS_PER_SECOND } from './limits.ts';

export interface ArchiveClientSettings {
  userAgent: string;
  /** CIDRs let through the address guard (tests: `["127.0.0.0/8"]`). */
  allowNetworks: string[];
  /** At most this many request starts per second (capped at `MAX_REQUESTS_PER_SECOND`). */
  requestsPerSecond: number;
  /** Extra attempts after a retryable failure (429, 503, other 5xx, network, timeout). */
  retries: number;
  retryBaseMs: number;
  /** Longest Retry-After waited for in process; a longer one fails the request. */
  maxRetryAfterMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const defaultArchiveSettings: ArchiveClientSettings = {
  userAgent: 'factwatch/0.1 history import (+https://github.com/factwatch/factwatch)',
  allowNetworks: [],
  requestsPerSecond: 2,
  retries: 4,
  retryBaseMs: 2_000,
  maxRetryAfterMs: 5 * 60_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 60_000,
  maxBytes: 20 * 1024 * 1024,
  maxRedirects: 5,
};

export interface ArchiveResponse {
  /** Final URL after redirects. */
  url: string;
  status: number;
  contentType: string | null;
  /** `Memento-Datetime` of a capture, when the archive sent one. */
  mementoDatetime: string | null;
  body: Buffer;
}

export interface ArchiveClient {
  get(url: string): Promise<ArchiveResponse>;
  close(): Promise<void>;
}

export interface ArchiveClientDeps {
  clock: Clock;
  log: Logger;
  /** Injectable so tests need not wait out spacing and Retry-After. */
  sleep?: (ms: number) => Promise<void>;
  /** Monotonic milliseconds for request spacing (default `performance.now`). */
  now?: () => number;
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createArchiveClient(partial: Partial<ArchiveClientSettings>, deps: ArchiveClientDeps): ArchiveClient {
  const s: ArchiveClientSettings = { ...defaultArchiveSettings, ...stripUndefined(partial) };
  const networks = parseNetworks(s.allowNetworks);
  const sleep = deps.sleep ?? realSleep;
  const limiter = new HostLimiter({ sleep, ...(deps.now ? { now: deps.now } : {}) });
  const rps = Math.min(MAX_REQUESTS_PER_SECOND, Math.max(0.01, s.requestsPerSecond));
  const limits = { concurrency: 1, minDelayMs: Math.ceil(1000 / rps) };
  const agent = new Agent({
    headersTimeout: s.headersTimeoutMs,
    bodyTimeout: s.bodyTimeoutMs,
    connect: { timeout: s.headersTimeoutMs, lookup: createGuardedLookup(networks) },
  });

  async function once(start: string): Promise<ArchiveResponse> {
    let url = new URL(start);
    for (let hops = 0; ; hops += 1) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('blocked_url', url.href, `scheme ${url.protocol} is not allowed`);
      try {
        checkUrlHost(url, networks);
      } catch (err) {
        throw classifyFetchError(err, url.href);
      }
      const release = await limiter.acquire(url.host, limits);
      try {
        const res = await request(url, {
          method: 'GET',
          dispatcher: agent,
          headers: { 'user-agent': s.userAgent, 'accept-encoding': 'gzip, deflate' },
          headersTimeout: s.headersTimeoutMs,
          bodyTimeout: s.bodyTimeoutMs,
        });
        const header = (name: string): string | null => {
          const v = res.headers[name];
          return (Array.isArray(v) ? v[0] : v) ?? null;
        };
        const status = res.statusCode;
        if (status >= 300 && status < 400 && header('location')) {
          await res.body.dump();
          if (hops >= s.maxRedirects) throw new FetchError('too_many_redirects', start, `more than ${s.maxRedirects} redirects`, { status });
          url = new URL(header('location')!, url);
          continue;
        }
        if (status < 200 || status >= 300) {
          await res.body.dump().catch(() => undefined);
          if (status === 404 || status === 410) throw new FetchError('gone', url.href, `HTTP ${status}`, { status });
          const retryable = isRetryableStatus(status);
          const retryAfterMs = retryable ? parseRetryAfter(header('retry-after'), deps.clock.now().getTime()) : null;
          throw new FetchError('http_status', url.href, `HTTP ${status}`, { status, retryable, retryAfterMs });
        }
        const body = await readBody(res.body, {
          url: url.href,
          contentEncoding: header('content-encoding'),
          maxBytes: s.maxBytes,
          timeoutMs: s.bodyTimeoutMs,
        });
        return { url: url.href, status, contentType: header('content-type'), mementoDatetime: header('memento-datetime'), body };
      } catch (err) {
        throw classifyFetchError(err, url.href);
      } finally {
        release();
      }
    }
  }

  return {
    get: (url) =>
      retry(() => once(url), {
        retries: s.retries,
        classify: (err) => classifyFetchError(err, url),
        delayFor: (error, attempt) => retryDelayFor(error, attempt, { baseMs: s.retryBaseMs, maxRetryAfterMs: s.maxRetryAfterMs, random: deps.random }),
        sleep,
        onRetry: (error, attempt, delayMs) =>
          deps.log.warn({ url, status: error.status, code: error.code, attempt, delayMs }, 'archive request failed; backing off'),
      }),
    close: () => agent.close(),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
