/**
 * Observation for a live check: one fetch of the source's URL becomes a `Capture`, or a failure
 * with the outcome it stands for. Conditional headers are sent only when a version is held to
 * fall back on.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../app/clock.ts';
import { FactwatchError, FetchError } from '../app/errors.ts';
import type { ResolvedSource } from '../config/resolve-source.ts';
import type { HttpClient } from '../fetch/index.ts';
import type { Capture } from '../judge/capture.ts';
import type { CheckOutcome } from '../model/index.ts';
import { toFetchSettings } from './fetch-settings.ts';

export type Observation =
  | { kind: 'capture'; capture: Capture; durationMs: number }
  | { kind: 'failed'; outcome: Extract<CheckOutcome, 'gone' | 'blocked' | 'fetch_error'>; error: FactwatchError; status: number | null };

export async function observePage(
  deps: { http: HttpClient; clock: Clock },
  source: ResolvedSource,
  validators: { etag: string | null; lastModified: string | null } | null,
): Promise<Observation> {
  const capturedAt = deps.clock.now();
  let fetched;
  try {
    fetched = await deps.http.fetchPage({ url: source.url, etag: validators?.etag ?? null, lastModified: validators?.lastModified ?? null }, toFetchSettings(source.fetch));
  } catch (err) {
    const error = asFactwatchError(err);
    const outcome = error.code === 'gone' ? 'gone' : error instanceof FetchError && error.blocked ? 'blocked' : 'fetch_error';
    return { kind: 'failed', outcome, error, status: error instanceof FetchError ? error.status : null };
  }
  const validatorsNow = { etag: fetched.etag, lastModified: fetched.lastModified };
  const base = { sourceId: source.id, url: fetched.url, capturedAt, validators: validatorsNow, origin: 'live' as const };
  if (fetched.kind === 'not_modified') {
    const capture: Capture = { ...base, status: 304, body: Buffer.alloc(0), rawHash: '', text: '', contentType: null };
    return { kind: 'capture', capture, durationMs: fetched.durationMs };
  }
  const page = fetched;
  const capture: Capture = {
    ...base,
    status: page.status,
    body: page.body,
    rawHash: createHash('sha256').update(page.body).digest('hex'),
    // Decoded on first read: a capture with the same bytes as its version never is.
    get text() {
      return page.text;
    },
    contentType: page.contentType,
  };
  return { kind: 'capture', capture, durationMs: fetched.durationMs };
}

function asFactwatchError(err: unknown): FactwatchError {
  if (err instanceof FactwatchError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new FactwatchError('internal', message, { cause: err, retryable: false });
}
