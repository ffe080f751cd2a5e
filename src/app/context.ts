import { resolve } from 'node:path';
import { createHttpClient, type FetchSettings, type HttpClient } from '../fetch/index.ts';
import { createUrlReferences, withHiddenReferences, withUrlReferences } from '../fetch/url-references.ts';
import { openDatabase, type Db } from '../store/open-database.ts';
import { systemClock, type Clock } from './clock.ts';
import { createLogger, type Logger } from './log.ts';

/**
 * Everything a stage may need from the outside world, built in ONE place (the composition
 * root) and passed down explicitly: no stage opens its own connection or reads the wall clock.
 */
export interface AppContext {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  http: HttpClient;
  clock: Clock;
  log: Logger;
  close(): Promise<void>;
}

export interface ContextOptions {
  /** PostgreSQL URL; when absent, embedded PGlite in `dataDir`. */
  databaseUrl?: string | null;
  /** PGlite data directory (default `./.factwatch`, or FACTWATCH_DATA_DIR). */
  dataDir?: string | null;
  clock?: Clock;
  log?: Logger;
  http?: HttpClient;
  fetch?: Partial<FetchSettings>;
  cwd?: string;
}

/** Where the embedded database lives unless told otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv, cwd: string): string {
  return resolve(cwd, env.FACTWATCH_DATA_DIR ?? '.factwatch');
}

export async function createContext(opts: ContextOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<AppContext> {
  const cwd = opts.cwd ?? process.cwd();
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger();
  const databaseUrl = opts.databaseUrl ?? env.DATABASE_URL ?? null;
  const dataDir = databaseUrl ? null : resolve(cwd, opts.dataDir ?? defaultDataDir(env, cwd));
  const store = await openDatabase({ databaseUrl, dataDir });
  // `${VAR}` in a source URL is resolved here, at the request, and nowhere else (url-references.ts).
  const refs = createUrlReferences(env);
  const http = opts.http ?? withUrlReferences(createHttpClient(opts.fetch ?? {}, { clock, log: withHiddenReferences(log, refs) }), refs);
  return {
    db: store.db,
    dbKind: store.kind,
    http,
    clock,
    log,
    async close() {
      await Promise.allSettled([http.close(), store.close()]);
    },
  };
}
