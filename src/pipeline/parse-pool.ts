/**
 * Parses pages on worker threads (piscina), so a pass with many pages to parse — a noisy or
 * changed pass — uses every core while the main thread keeps fetching and storing. Threads start
 * on the first page that needs parsing, not before: an unchanged pass never pays for them.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ParsePage, ParsePageInput, ParsePageOutput } from './parse-page.ts';

export interface ParsePool {
  parse: ParsePage;
  close(): Promise<void>;
}

export interface ParsePoolOptions {
  /**
   * Worker threads; default: one less than the machine's parallelism (at least one). The main
   * thread is busy too — it fetches, diffs and stores — so a thread per core left it competing
   * with its own workers: on 2 cores, two threads parsed no faster than one (noisy pass 134–171
   * against 147–156 checks/s, 100% changed 70–84 against 79–87) and cost ~100 MB more (issue 8).
   */
  threads?: number;
}

/**
 * The worker's entry: compiled JS next to this file in the build; from the TypeScript sources,
 * a shim that registers tsx in the worker first.
 */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? './parse-worker-tsx.js' : './parse-worker.js', import.meta.url).href;

export function createParsePool(opts: ParsePoolOptions = {}): ParsePool {
  const threads = Math.max(1, opts.threads ?? availableParallelism() - 1);
  let pool: Piscina | null = null;
  return {
    async parse(input: ParsePageInput): Promise<ParsePageOutput> {
      pool ??= new Piscina({
        filename: WORKER,
        minThreads: threads,
        maxThreads: threads,
        idleTimeout: 30_000,
      });
      return (await pool.run(input)) as ParsePageOutput;
    },
    async close() {
      await pool?.destroy();
      pool = null;
    },
  };
}

/**
 * Below this many sources a pass parses inline: starting worker threads (each loads the
 * extractor) costs more than a few parses, and small setups are most setups.
 */
export const PARSE_POOL_MIN_SOURCES = 100;

/** A pool for a configuration of `sourceCount` sources, or null when inline parsing is better. */
export function parsePoolFor(sourceCount: number): ParsePool | null {
  return sourceCount >= PARSE_POOL_MIN_SOURCES ? createParsePool() : null;
}
