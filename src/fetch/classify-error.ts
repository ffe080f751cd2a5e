import { FetchError } from '../app/errors.ts';
import { BlockedAddressError } from './address-guard.ts';

/**
 * Turns whatever undici, net or zlib threw into a `FetchError` with a stable code, so callers
 * decide on `code` and `retryable` and never on message text.
 */

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);
/** Errors that say the request itself was malformed: repeating it cannot help. */
const PERMANENT_CODE = /^(UND_ERR_INVALID_ARG|UND_ERR_NOT_SUPPORTED|ERR_INVALID_)/;

export function classifyFetchError(err: unknown, url: string): FetchError {
  if (err instanceof FetchError) return err;
  const blocked = findInChain(err, (e) => e instanceof BlockedAddressError) as BlockedAddressError | undefined;
  if (blocked) return new FetchError('blocked_address', url, blocked.message, { cause: err });

  const coded = findInChain(err, (e) => typeof (e as { code?: unknown }).code === 'string') as (Error & { code: string }) | undefined;
  const code = coded?.code ?? 'UNKNOWN';
  const detail = `${code}: ${coded?.message ?? (err instanceof Error ? err.message : String(err))}`;
  if (TIMEOUT_CODES.has(code)) return new FetchError('timeout', url, `timed out (${detail})`, { retryable: true, cause: err });
  return new FetchError('network', url, `network error (${detail})`, { retryable: !PERMANENT_CODE.test(code), cause: err });
}

/** Depth-first search through `cause` and `AggregateError.errors` (Happy Eyeballs aggregates). */
function findInChain(err: unknown, test: (e: Error) => boolean, depth = 0): Error | undefined {
  if (!(err instanceof Error) || depth > 8) return undefined;
  if (test(err)) return err;
  const nested: unknown[] = [];
  if ('cause' in err) nested.push(err.cause);
  if (err instanceof AggregateError) nested.push(...err.errors);
  for (const inner of nested) {
    const found = findInChain(inner, test, depth + 1);
    if (found) return found;
  }
  return undefined;
}
