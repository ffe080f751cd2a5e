import type { FetchConfig } from '../config/schema.ts';
import { defaultFetchSettings, type FetchSettings } from '../fetch/index.ts';

/** Maps the config's `fetch` block onto the fetcher's settings, leaving unset keys to its defaults. */
export function toFetchSettings(f: FetchConfig): Partial<FetchSettings> {
  const out: Partial<FetchSettings> = {};
  if (f.userAgent) out.userAgent = f.userAgent;
  if (f.headersTimeoutMs) out.headersTimeoutMs = f.headersTimeoutMs;
  if (f.bodyTimeoutMs) out.bodyTimeoutMs = f.bodyTimeoutMs;
  if (f.maxBytes) out.maxBytes = f.maxBytes;
  if (f.maxRedirects !== undefined) out.maxRedirects = f.maxRedirects;
  if (f.retries !== undefined) out.retries = f.retries;
  if (f.robots !== undefined) out.robots = f.robots;
  if (f.allowNetworks) out.allowNetworks = f.allowNetworks;
  if (f.perHost && (f.perHost.concurrency !== undefined || f.perHost.minDelayMs !== undefined)) {
    out.perHost = { ...defaultFetchSettings.perHost!, ...stripUndefined(f.perHost) };
  }
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
