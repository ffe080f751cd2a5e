/**
 * Judges pages on worker threads (piscina), never on the thread that runs a pass: the judge's
 * parse, extraction and diff run there as one unit (judge-capture.ts).
 *
 * Two reasons. A pass's main thread fetches, diffs, stores and renews leases: a parse there — and
 * a hostile page can make one slow — stops all of that with it (issue 13: a slow inline parse
 * starved the lease-renewal timer, and another worker checked the same slot). And a parse on a
 * worker can be stopped: each has a deadline, past which the page is `extraction_failed` with
 * reason `too_slow`, the thread is terminated (piscina replaces it) and the rest of the pass goes on.
 *
 * Threads start on the first page that needs parsing, not before: an unchanged pass never pays
 * for them.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { JudgedCapture, JudgeContext, PreviousVersion } from './judge-input.ts';
import type { Verdict } from './verdict.ts';

/** One unit of the judge's work, plain data (it crosses to a worker thread by structured clone). */
export interface JudgeTask {
  capture: JudgedCapture;
  previous: PreviousVersion | null;
  ctx: JudgeContext;
}

/** Judges a page however it is run: the signature a check depends on. */
export type JudgePage = (task: JudgeTask) => Promise<Verdict>;

export interface JudgePool {
  judge: JudgePage;
  close(): Promise<void>;
}

export interface JudgePoolOptions {
  /**
   * Worker threads; default: one less than the machine's parallelism (at least one). The main
   * thread is busy too — it fetches, diffs and stores — so a thread per core left it competing
   * with its own workers: on 2 cores, two threads parsed no faster than one (noisy pass 134–171
   * against 147–156 checks/s, 100% changed 70–84 against 79–87) and cost ~100 MB more (issue 8).
   */
  threads?: number;
  /** How long one page may take to parse, in ms, once a thread has taken it. Default `DEFAULT_PARSE_DEADLINE_MS`. */
  deadlineMs?: number;
}

/**
 * A real page parses in tens of milliseconds; a page that takes seconds is hostile or broken.
 * The deadline runs from the moment a booted thread takes the page: not while the page waits in
 * the queue, nor while a new thread starts (loading the extractor takes a second or more).
 * `FACTWATCH_PARSE_DEADLINE_MS` overrides it.
 */
export const DEFAULT_PARSE_DEADLINE_MS = 5_000;

/** The deadline in force: the environment's override, else the default. */
export function parseDeadlineMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.FACTWATCH_PARSE_DEADLINE_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_PARSE_DEADLINE_MS;
}

/**
 * The worker's entry: compiled JS next to this file in the build; from the TypeScript sources,
 * a shim that registers tsx in the worker first.
 */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? './judge-worker-tsx.js' : './judge-worker.js', import.meta.url).href;

export function createJudgePool(opts: JudgePoolOptions = {}): JudgePool {
  const threads = Math.max(1, opts.threads ?? availableParallelism() - 1);
  const deadlineMs = opts.deadlineMs ?? parseDeadlineMs();
  let pool: Piscina | null = null;
  // Threads to boot before the next page gets a deadline: all at first, and again after a
  // deadline terminated one (piscina starts its replacement).
  let warming: Promise<unknown> | null = null;
  let cold = true;
  const warm = (p: Piscina) => {
    if (cold) {
      cold = false;
      warming = Promise.all(Array.from({ length: threads }, () => p.run(null))).finally(() => (warming = null));
    }
    return warming;
  };
  // Pages waiting for a thread: each gets its deadline only when a thread is free for it.
  let busy = 0;
  const waiting: Array<() => void> = [];
  const take = async () => {
    if (busy >= threads) await new Promise<void>((resolve) => waiting.push(resolve));
    busy++;
  };
  const give = () => {
    busy--;
    waiting.shift()?.();
  };
  return {
    async judge(task: JudgeTask): Promise<Verdict> {
      pool ??= new Piscina({ filename: WORKER, minThreads: threads, maxThreads: threads, idleTimeout: 30_000 });
      await warm(pool);
      await take();
      const signal = AbortSignal.timeout(deadlineMs);
      try {
        return (await pool.run(task, { signal })) as Verdict;
      } catch (error) {
        if (!signal.aborted) throw error;
        // Aborting a running task terminates its thread; piscina starts a fresh one, booted before the next deadline.
        cold = true;
        return { kind: 'failed', code: 'too_slow', message: `parsing took longer than ${deadlineMs} ms; stopped` };
      } finally {
        give();
      }
    },
    async close() {
      await pool?.destroy();
      pool = null;
    },
  };
}
