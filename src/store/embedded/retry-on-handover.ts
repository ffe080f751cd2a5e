/**
 * Sends a query again when the embedded store changed owners under it.
 *
 * When the owning process exits, its server lets a round under way finish and then ends every
 * connection before it runs another round (serve-pglite.ts): a query that got no answer because
 * its connection closed was never run. Sending it again — on a new connection, which finds or
 * becomes the next owner — is therefore safe, and it turns a handover into a pause instead of an
 * error in `serve`, `watch` or a second `check`. A whole transaction is retried the same way
 * (its statements were rolled back with the connection). Only when an owner is *killed* can a
 * statement have run without its answer arriving; the writes that matter carry their
 * expectations (expected head, lease token) and do nothing the second time.
 */
import type postgres from 'postgres';
import { retry } from '../../app/retry.ts';

/** Driver errors that mean "the connection went away", not "the statement failed". */
const GONE = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'ECONNRESET', 'EPIPE']);
const ATTEMPTS = 3;

function connectionGone(error: unknown): boolean {
  return typeof error === 'object' && error !== null && GONE.has(String((error as { code?: unknown }).code));
}

/** Sent again at once, through the one retry loop: the new connection is the wait. */
function withRetry<T>(run: () => PromiseLike<T>): Promise<T> {
  return retry(async () => await run(), {
    retries: ATTEMPTS - 1,
    classify: (thrown) => thrown,
    delayFor: (error) => (connectionGone(error) ? 0 : null),
    sleep: async () => undefined,
  });
}

/** A query sent again on a lost connection, awaited whole or as `.values()` (the two ways callers await one). */
function retriedQuery(make: () => postgres.PendingQuery<postgres.Row[]>) {
  return {
    then: <A, B>(ok?: (v: unknown) => A, fail?: (e: unknown) => B) => withRetry(() => make()).then(ok, fail),
    values: () => withRetry(() => make().values()),
  };
}

/**
 * The pool, with every query retried on a lost connection: `unsafe` (every drizzle query), a
 * tagged template (the store's own probes, such as the opening `select 1`, which a handover
 * could fail at start-up) and `begin` (every drizzle transaction). drizzle awaits `unsafe(…)` or
 * `unsafe(…).values()`; both are kept.
 */
export function retryOnHandover(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    apply(target, thisArg, args: unknown[]) {
      // A tagged template is a query; `sql(value)` builds a fragment or an identifier, which is not sent.
      const tagged = Array.isArray(args[0]) && Object.hasOwn(args[0] as object, 'raw');
      if (!tagged) return Reflect.apply(target, thisArg, args) as unknown;
      return retriedQuery(() => Reflect.apply(target, thisArg, args) as postgres.PendingQuery<postgres.Row[]>);
    },
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) => {
          return retriedQuery(() => target.unsafe(query, params as postgres.ParameterOrJSON<never>[], options));
        };
      }
      if (prop === 'begin') {
        return (...args: unknown[]) => withRetry(() => (target.begin as (...a: unknown[]) => Promise<unknown>)(...args));
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
