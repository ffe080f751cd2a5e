/**
 * The one pass engine: every pass — `check` by hand, a `watch` worker's claimed batch, the demo,
 * the bench — checks its sources through here, with bounded concurrency, into a sink.
 */
import { forEachBounded } from '../app/for-each-bounded.ts';
import type { ResolvedSource } from '../config/resolve-source.ts';
import type { CheckSink } from './check-sink.ts';
import { checkSource, type CheckDeps, type CheckResult } from './check-source.ts';
import type { SourceState } from './source-state.ts';

/** One source to check, with what the pass already read about it. */
export interface PassWork {
  source: ResolvedSource;
  state: SourceState;
}

export interface PassOptions {
  work: Iterable<PassWork>;
  /** Checks at once (per-host politeness is the fetcher's job on top). */
  concurrency: number;
  sink: CheckSink;
  /** Stop starting checks; those in flight finish. */
  signal?: AbortSignal;
  /** Called with each result as it comes (in completion order). */
  onResult?(result: CheckResult, work: PassWork): void;
  /**
   * A check threw — only a failing database does (pages' failures are results). Without this
   * handler the pass starts nothing more, waits for the checks in flight and throws; with it the
   * pass goes on and the handler decides what the source's claim becomes.
   */
  onError?(error: unknown, work: PassWork): void;
  /** Runs a check; `checkSource` unless a test replaces it. */
  check?: (deps: CheckDeps, source: ResolvedSource, state: SourceState, sink: CheckSink) => Promise<CheckResult>;
}

export async function runPass(deps: CheckDeps, opts: PassOptions): Promise<void> {
  const check = opts.check ?? checkSource;
  await forEachBounded(
    opts.work,
    opts.concurrency,
    async (w) => {
      let result: CheckResult;
      try {
        result = await check(deps, w.source, w.state, opts.sink);
      } catch (error) {
        if (!opts.onError) throw error;
        opts.onError(error, w);
        return;
      }
      opts.onResult?.(result, w);
    },
    opts.signal,
  );
}
