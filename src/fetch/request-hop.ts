import { request, type Dispatcher } from 'undici';
import { FetchError } from '../app/errors.ts';
import { isHtmlContentType, parseContentType } from './decode-body.ts';
import type { ResolvedFetchSettings } from './fetch-settings.ts';
import { abandonBody, readBody } from './read-body.ts';
import { isRetryableStatus, parseRetryAfter } from './retry-policy.ts';

/**
 * One HTTP exchange, no redirects followed: the caller loops over hops so that every hop goes
 * through the address guard and is recorded. Bodies we do not keep (redirects, errors) are
 * discarded with a small limit so the connection can be reused; bodies we refuse (too large,
 * wrong type) are destroyed, which drops the connection.
 */
export type HopResult =
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'not_modified'; etag: string | null; lastModified: string | null }
  | {
      kind: 'ok';
      status: number;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      body: Buffer;
    };

export interface HopOptions {
  url: URL;
  dispatcher: Dispatcher;
  settings: ResolvedFetchSettings;
  etag: string | null | undefined;
  lastModified: string | null | undefined;
  /** Wall-clock now in ms (from the injected Clock), for Retry-After dates. */
  nowMs: () => number;
}

/** How much of an unwanted body (redirect, error page) we read to keep the connection alive. */
const DISCARD_LIMIT = 64 * 1024;

export async function requestHop(opts: HopOptions): Promise<HopResult> {
  const { url, settings } = opts;
  const href = url.href;
  const headers: Record<string, string> = {
    'user-agent': settings.userAgent,
    accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;

  const res = await request(url, {
    method: 'GET',
    dispatcher: opts.dispatcher,
    headers,
    headersTimeout: settings.headersTimeoutMs,
    bodyTimeout: settings.bodyTimeoutMs,
  });
  const header = (name: string): string | null => {
    const v = res.headers[name];
    return (Array.isArray(v) ? v[0] : v) ?? null;
  };
  const status = res.statusCode;

  if (status === 304) {
    await discard(res.body);
    return { kind: 'not_modified', etag: header('etag'), lastModified: header('last-modified') };
  }
  if (status >= 300 && status < 400) {
    await discard(res.body);
    const location = header('location');
    if (!location) throw new FetchError('http_status', href, `HTTP ${status} without a Location header`, { status });
    return { kind: 'redirect', status, location };
  }
  if (status === 404 || status === 410) {
    await discard(res.body);
    throw new FetchError('gone', href, `HTTP ${status}: the page is gone`, { status });
  }
  if (status < 200 || status >= 300) {
    await discard(res.body);
    const retryable = isRetryableStatus(status);
    const retryAfterMs = retryable ? parseRetryAfter(header('retry-after'), opts.nowMs()) : null;
    throw new FetchError('http_status', href, `HTTP ${status}`, { status, retryable, retryAfterMs });
  }

  const contentType = header('content-type');
  if (!isHtmlContentType(parseContentType(contentType))) {
    abandonBody(res.body);
    throw new FetchError('unsupported_content', href, `content type "${contentType}" is not HTML`, { status });
  }
  const contentEncoding = header('content-encoding');
  const declaredLength = Number(header('content-length') ?? NaN);
  const encoded = contentEncoding !== null && contentEncoding.trim().toLowerCase() !== 'identity';
  if (!encoded && declaredLength > settings.maxBytes) {
    abandonBody(res.body);
    throw new FetchError('too_large', href, `Content-Length ${declaredLength} exceeds ${settings.maxBytes} bytes`, { status });
  }
  const body = await readBody(res.body, { url: href, contentEncoding, maxBytes: settings.maxBytes, timeoutMs: settings.bodyTimeoutMs });
  return { kind: 'ok', status, contentType, etag: header('etag'), lastModified: header('last-modified'), body };
}

async function discard(body: Dispatcher.ResponseData['body']): Promise<void> {
  try {
    await body.dump({ limit: DISCARD_LIMIT });
  } catch {
    // The body of a response we are not keeping may fail to arrive: that changes nothing.
  }
}
