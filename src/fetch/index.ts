/** The fetch stage: undici with an address guard, politeness, retries, size caps and charset decoding. */
export { defaultFetchSettings, resolveFetchSettings, MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS } from './fetch-settings.ts';
export type { FetchSettings, ResolvedFetchSettings } from './fetch-settings.ts';
export { createHttpClient } from './http-client.ts';
export type { FetchRequest, FetchResult, HttpClient, HttpClientDeps } from './http-client.ts';
export { BlockedAddressError, checkUrlHost, classifyAddress, createGuardedLookup, parseNetworks } from './address-guard.ts';
export type { Network } from './address-guard.ts';
export { HostLimiter } from './host-limiter.ts';
export type { HostLimits, Release } from './host-limiter.ts';
export { decodeBody, isHtmlContentType, parseContentType, sniffMetaCharset } from './decode-body.ts';
export type { ContentType, DecodedBody } from './decode-body.ts';
export { isRetryableStatus, parseRetryAfter } from './retry-policy.ts';
