/**
 * A source URL may carry a secret by reference (`https://api.example/page?key=${API_KEY}`). The
 * reference is what the database stores and every view shows; the value exists only in the
 * request. This wraps an HttpClient so that it resolves references in the URL it is asked for
 * and puts them back in everything it returns (final URL, redirects) or throws (error messages),
 * and a logger so that its log lines show references too. `check-source` and the store never see
 * a resolved value, so none is written to `versions.url`, `source_urls` or `checks.error`.
 */
import type { Logger } from '../app/log.ts';
import { FactwatchError, FetchError } from '../app/errors.ts';
import { hasEnvReference, substituteEnvReferences, type Substitution } from '../app/env-references.ts';
import type { FetchRequest, FetchResult, HttpClient } from './http-client.ts';
import type { FetchSettings } from './fetch-settings.ts';

/**
 * Values shorter than this are not hidden inside other text: replacing "1" everywhere would
 * corrupt URLs (".../page1"), and a value that short protects nothing anyway. The exact resolved
 * URL is always mapped back whatever the values' lengths.
 */
const MIN_HIDDEN_LENGTH = 4;

export interface UrlReferences {
  /** The URL to request: every `${NAME}` replaced by its value (remembered for `hide`). */
  resolve(url: string): string;
  /** `text` with every resolved value seen so far (raw or percent-encoded) shown as its reference. */
  hide(text: string): string;
}

export function createUrlReferences(env: NodeJS.ProcessEnv): UrlReferences {
  /** Resolved URL → the written one, and value → `${NAME}` (longest first when hiding). */
  const urls = new Map<string, string>();
  const values = new Map<string, string>();
  return {
    resolve(url) {
      if (!hasEnvReference(url)) return url;
      const resolved = substituteEnvReferences(url, env, {
        substitute: ({ name, value }: Substitution) => {
          if (value.length < MIN_HIDDEN_LENGTH) return;
          values.set(value, `\${${name}}`);
          const encoded = encodeURIComponent(value);
          if (encoded !== value) values.set(encoded, `\${${name}}`);
        },
      });
      if (resolved !== url) urls.set(resolved, url);
      return resolved;
    },
    hide(text) {
      const exact = urls.get(text);
      if (exact !== undefined) return exact;
      if (values.size === 0) return text;
      let out = text;
      for (const [resolved, written] of [...urls].sort((a, b) => b[0].length - a[0].length)) out = out.split(resolved).join(written);
      for (const [value, ref] of [...values].sort((a, b) => b[0].length - a[0].length)) out = out.split(value).join(ref);
      return out;
    },
  };
}

/** The client, resolving references on the way out and hiding them on the way back. */
export function withUrlReferences(client: HttpClient, refs: UrlReferences): HttpClient {
  return {
    async fetchPage(req: FetchRequest, settings?: Partial<FetchSettings>): Promise<FetchResult> {
      const url = refs.resolve(req.url);
      if (url === req.url) return client.fetchPage(req, settings);
      let result: FetchResult;
      try {
        result = await client.fetchPage({ ...req, url }, settings);
      } catch (err) {
        throw hideInError(err, refs);
      }
      // Assigned in place: the result's `text` is a lazy accessor a spread would trigger.
      return Object.assign(result, {
        url: refs.hide(result.url),
        requestedUrl: req.url,
        redirects: result.redirects.map((r) => refs.hide(r)),
      });
    },
    close: () => client.close(),
  };
}

/**
 * The same error with references in its URL and message. The cause is dropped: undici's errors
 * quote the resolved URL, and nothing downstream needs more than the code and the message.
 */
function hideInError(err: unknown, refs: UrlReferences): unknown {
  if (err instanceof FetchError) {
    const url = refs.hide(err.url);
    return new FetchError(err.code, url, refs.hide(err.detail), { retryable: err.retryable, status: err.status, retryAfterMs: err.retryAfterMs });
  }
  if (err instanceof FactwatchError) return new FactwatchError(err.code, refs.hide(err.message), { retryable: err.retryable });
  return new FactwatchError('internal', refs.hide(err instanceof Error ? err.message : String(err)));
}

/** A child logger whose fields show references instead of resolved values (URLs in retry warnings). */
export function withHiddenReferences(log: Logger, refs: UrlReferences): Logger {
  return log.child({}, { formatters: { log: (fields) => hideFields(fields, refs) as Record<string, unknown> } });
}

function hideFields(value: unknown, refs: UrlReferences, depth = 0): unknown {
  if (typeof value === 'string') return refs.hide(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: refs.hide(value.message) };
  if (Array.isArray(value)) return value.map((v) => hideFields(v, refs, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hideFields(v, refs, depth + 1)]));
}
