import { Agent, type buildConnector } from 'undici';
import type { Clock } from '../app/clock.ts';
import { FetchError } from '../app/errors.ts';
import type { Logger } from '../app/log.ts';
import { retry } from '../app/retry.ts';
import { checkUrlHost, createGuardedLookup, parseNetworks, type Network } from './address-guard.ts';
import { classifyFetchError } from './classify-error.ts';
import { decodeBody, type DecodedBody } from './decode-body.ts';
import { MAX_RETRY_AFTER_MS, resolveFetchSettings, type FetchSettings, type ResolvedFetchSettings } from './fetch-settings.ts';
import { HostLimiter } from './host-limiter.ts';
import { requestHop } from './request-hop.ts';
import { RobotsCache } from './robots.ts';
import { retryDelayFor } from './retry-policy.ts';
import { MAX_URL_LENGTH } from './url-limit.ts';

export interface FetchRequest {
  url: string;
  /** Validators from the previous successful fetch: sent as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | {
      kind: 'ok';
      status: number;
      /** The final URL, after redirects. */
      url: string;
      requestedUrl: string;
      /** Every URL we were redirected TO, in order (the last one is `url`); empty without redirects. */
      redirects: string[];
      contentType: string | null;
      /** Canonical name of the encoding the text was decoded with ("utf-8", "windows-1252" …). */
      charset: string;
      etag: string | null;
      lastModified: string | null;
      /** Raw bytes after content decoding (gzip/deflate/br undone), before charset decoding. */
      body: Buffer;
      /** The body decoded with `charset`; decoded on first read (an accessor: do not spread the result to copy it). */
      text: string;
      /** Whole call, retries and waits included (monotonic). */
      durationMs: number;
    }
  | {
      kind: 'not_modified';
      status: 304;
      url: string;
      requestedUrl: string;
      redirects: string[];
      /** The validators to keep: the 304's own, else the ones sent. */
      etag: string | null;
      lastModified: string | null;
      durationMs: number;
    };

export interface HttpClient {
  /** Fetches one page; `settings` override the client's for this call (per-source settings). */
  fetchPage(req: FetchRequest, settings?: Partial<FetchSettings>): Promise<FetchResult>;
  /** Closes the connection pools; the client cannot be used afterwards. */
  close(): Promise<void>;
}

export interface HttpClientDeps {
  /** Wall time, used only to read Retry-After dates. */
  clock: Clock;
  log: Logger;
  /** Waits between retries and for per-host spacing; injectable so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source for backoff (default Math.random). */
  random?: () => number;
  /**
   * Opens the connections instead of the network: the demo's replay (src/demo/replay-transport.ts)
   * routes the real page's origin to its loopback server, so every URL the pipeline stores and
   * shows is the real one. Code only, never configuration: the address guard lives in the
   * network connector this replaces, so a transport must itself decide what it reaches (the
   * replay reaches one origin and refuses every other).
   */
  transport?: buildConnector.connector;
}

/** `Omit` that distributes over the union, so each variant keeps its own fields. */
type WithoutDuration<T> = T extends unknown ? Omit<T, 'durationMs'> : never;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Creates the client the pipeline fetches with. Invalid `allowNetworks` throw a `ConfigError`
 * here, at start-up, rather than on the first fetch.
 */
export function createHttpClient(settings: Partial<FetchSettings>, deps: HttpClientDeps): HttpClient {
  const base = resolveFetchSettings(settings);
  parseNetworks(base.allowNetworks);
  const sleep = deps.sleep ?? realSleep;
  const limiter = new HostLimiter({ sleep });
  const robots = new RobotsCache(() => deps.clock.now().getTime());
  /**
   * One Agent per distinct allow-list: the guard lives in the Agent's connect-time lookup, and a
   * pooled connection opened under a wider allow-list must not serve a request with a narrower one.
   */
  const agents = new Map<string, { agent: Agent; networks: Network[] }>();
  let closed = false;

  function agentFor(s: ResolvedFetchSettings): { agent: Agent; networks: Network[] } {
    const key = JSON.stringify([[...s.allowNetworks].sort(), s.headersTimeoutMs]);
    let entry = agents.get(key);
    if (!entry) {
      const networks = parseNetworks(s.allowNetworks);
      const agent = new Agent({
        headersTimeout: s.headersTimeoutMs,
        bodyTimeout: s.bodyTimeoutMs,
        connect: deps.transport ?? { timeout: s.headersTimeoutMs, lookup: createGuardedLookup(networks) },
      });
      entry = { agent, networks };
      agents.set(key, entry);
    }
    return entry;
  }

  /** Follows redirects by hand: each hop is checked by the guard and recorded. */
  async function fetchChain(req: FetchRequest, s: ResolvedFetchSettings, state: { url: string }): Promise<WithoutDuration<FetchResult>> {
    const { agent, networks } = agentFor(s);
    let url = parseHttpUrl(req.url, req.url);
    const redirects: string[] = [];
    for (;;) {
      state.url = url.href;
      try {
        checkUrlHost(url, networks);
      } catch (err) {
        throw classifyFetchError(err, url.href);
      }
      if (s.robots) {
        await robots.assertAllowed(url, { settings: s, dispatcher: agent, networks, acquire: (host) => limiter.acquire(host, s.perHost) });
      }
      const release = await limiter.acquire(url.host, s.perHost);
      let hop;
      try {
        hop = await requestHop({
          url,
          dispatcher: agent,
          settings: s,
          etag: req.etag,
          lastModified: req.lastModified,
          nowMs: () => deps.clock.now().getTime(),
        });
      } finally {
        release();
      }
      const common = { url: url.href, requestedUrl: req.url, redirects };
      if (hop.kind === 'redirect') {
        if (redirects.length >= s.maxRedirects) {
          throw new FetchError('too_many_redirects', req.url, `more than ${s.maxRedirects} redirects (last: ${url.href} → ${hop.location})`, {
            status: hop.status,
          });
        }
        url = parseHttpUrl(hop.location, url.href, url);
        redirects.push(url.href);
        deps.log.debug({ from: state.url, to: url.href, status: hop.status }, 'redirect');
        continue;
      }
      if (hop.kind === 'not_modified') {
        return { kind: 'not_modified', status: 304, ...common, etag: hop.etag ?? req.etag ?? null, lastModified: hop.lastModified ?? req.lastModified ?? null };
      }
      // Decoded lazily: a check whose bytes hash the same as the stored version's never needs
      // the text, and decoding 70 KB costs as much as hashing it.
      const { body, contentType } = hop;
      let decoded: DecodedBody | null = null;
      const decode = (): DecodedBody => {
        if (decoded) return decoded;
        decoded = decodeBody(body, contentType);
        if (decoded.unknownLabel) {
          deps.log.warn({ url: common.url, label: decoded.unknownLabel, used: decoded.charset }, 'unknown charset label; decoded with fallback');
        }
        return decoded;
      };
      const result = { kind: 'ok' as const, status: hop.status, ...common, contentType, etag: hop.etag, lastModified: hop.lastModified, body };
      return Object.defineProperties(result, {
        charset: { get: () => decode().charset, enumerable: true },
        text: { get: () => decode().text, enumerable: true },
      }) as typeof result & { charset: string; text: string };
    }
  }

  async function fetchPage(req: FetchRequest, override?: Partial<FetchSettings>): Promise<FetchResult> {
    if (closed) throw new Error('HttpClient is closed');
    const s = resolveFetchSettings(base, override);
    const started = performance.now();
    const state = { url: req.url };
    const result = await retry(() => fetchChain(req, s, state), {
      retries: s.retries,
      classify: (err) => classifyFetchError(err, state.url),
      // A Retry-After beyond MAX_RETRY_AFTER_MS is too long to hold a worker: the error goes to
      // the scheduler with its retryAfterMs.
      delayFor: (error, attempt) => retryDelayFor(error, attempt, { baseMs: s.retryBaseMs, maxRetryAfterMs: MAX_RETRY_AFTER_MS, random: deps.random }),
      sleep,
      onRetry: (error, attempt, delayMs) =>
        deps.log.warn({ url: state.url, code: error.code, status: error.status, attempt, delayMs }, 'fetch failed; retrying'),
    });
    // Assigned, not spread: a spread would read (and so decode) the lazy `text`.
    return Object.assign(result, { durationMs: performance.now() - started }) as FetchResult;
  }

  return {
    fetchPage,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...agents.values()].map(({ agent }) => agent.close()));
      agents.clear();
    },
  };
}


/** Parses a URL (relative to `base` for Location headers) and refuses anything but http(s). */
function parseHttpUrl(raw: string, context: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (err) {
    throw new FetchError('blocked_url', context, `not a valid URL: "${raw.slice(0, 200)}"`, { cause: err });
  }
  if (url.href.length > MAX_URL_LENGTH) {
    throw new FetchError('url_too_long', context, `a URL of ${url.href.length} characters (the limit is ${MAX_URL_LENGTH}): ${url.href.slice(0, 80)}…`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('blocked_url', context, `scheme "${url.protocol}" is not allowed (only http and https): ${url.href}`);
  }
  url.hash = '';
  return url;
}
