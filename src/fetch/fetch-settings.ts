/**
 * Settings of the fetch stage. One set per client; a source may override any of them for its own
 * requests (docs/design.md, "CLI contract", configuration), so every request works from
 * `resolveFetchSettings(client, request)` rather than from the client's settings alone.
 */
export interface FetchSettings {
  /** Sent on every request, so site operators can see who we are and how to reach us. */
  userAgent: string;
  /** Time allowed for connecting and for the response headers to arrive. */
  headersTimeoutMs: number;
  /** Time allowed for the whole body to arrive once the headers are in. */
  bodyTimeoutMs: number;
  /** Body cap in bytes, applied while streaming and to the decompressed size. */
  maxBytes: number;
  /** Redirect hops followed before giving up with `too_many_redirects`. */
  maxRedirects: number;
  /** Extra attempts after a retryable failure (network, timeout, 5xx, 429, 408). */
  retries: number;
  /** First backoff delay; doubles per attempt, with jitter, capped at `MAX_BACKOFF_MS`. */
  retryBaseMs: number;
  /** CIDRs the address guard lets through anyway, e.g. `["127.0.0.0/8"]` for a local server. */
  allowNetworks: string[];
  /** Politeness per host: concurrent requests and minimum spacing of request starts. */
  perHost?: { concurrency: number; minDelayMs: number };
  /**
   * Honour robots.txt (RFC 9309): a disallowed page is not fetched and the check is `blocked`.
   * On by default; an operator watching a page with the site's consent can switch it off per source.
   */
  robots: boolean;
}

/** Longest backoff between two attempts, whatever the attempt number. */
export const MAX_BACKOFF_MS = 30_000;
/** Longest Retry-After we wait for in-process; longer ones are handed back to the scheduler. */
export const MAX_RETRY_AFTER_MS = 60_000;

export const defaultFetchSettings: FetchSettings = {
  userAgent: 'factwatch/0.1 (+https://github.com/factwatch/factwatch)',
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 30_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  retries: 2,
  retryBaseMs: 500,
  allowNetworks: [],
  perHost: { concurrency: 2, minDelayMs: 0 },
  robots: true,
};

/** `FetchSettings` with every field present, as the client works with it. */
export type ResolvedFetchSettings = Required<FetchSettings>;

/**
 * Layers partial settings over the defaults, later layers winning field by field (`perHost`
 * too, so a source can change the delay without restating the concurrency). `undefined` values
 * are ignored, so a config object with absent keys does not erase defaults.
 */
export function resolveFetchSettings(...layers: Array<Partial<FetchSettings> | undefined>): ResolvedFetchSettings {
  const out: ResolvedFetchSettings = {
    ...defaultFetchSettings,
    perHost: { ...defaultFetchSettings.perHost! },
    allowNetworks: [...defaultFetchSettings.allowNetworks],
  };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer) as Array<[keyof FetchSettings, unknown]>) {
      if (value === undefined) continue;
      if (key === 'perHost') {
        const perHost = value as Partial<NonNullable<FetchSettings['perHost']>>;
        out.perHost = {
          concurrency: perHost.concurrency ?? out.perHost.concurrency,
          minDelayMs: perHost.minDelayMs ?? out.perHost.minDelayMs,
        };
      } else {
        (out as unknown as Record<string, unknown>)[key] = value;
      }
    }
  }
  return out;
}
