/**
 * The composition root: everything a command needs from the outside world — database, HTTP,
 * clock, log, the judge pool, notification channels, the archive client — built in ONE place
 * and passed down explicitly. No stage opens its own connection, starts its own threads or reads
 * the wall clock. The costly parts (HTTP client, judge threads, channels, the archive client,
 * the embedded engine) are built — and their modules loaded: undici, piscina, the channel
 * clients, PGlite — on first use, so a query command never
 * pays for them, and `close()` closes whatever was built. A command that reads pages without a
 * database (`extract`, `diff`, `sources test`) gets the same page client and judge from
 * `createPageContext`, the part of the context it needs.
 */
import { resolve } from 'node:path';
import { systemClock, type Clock } from '../app/clock.ts';
import { createLogger, type Logger } from '../app/log.ts';
import type { ChannelConfig } from '../config/schema.ts';
import type { FetchSettings, HttpClient } from '../fetch/index.ts';
import { createUrlReferences, withHiddenReferences, withUrlReferences } from '../fetch/url-references.ts';
import type { ArchiveClient, ArchiveClientSettings } from '../import/archive-client.ts';
import type { JudgePage, JudgePool } from '../judge/judge-pool.ts';
import type { Channel } from '../notify/index.ts';
import type { Db } from '../store/db.ts';

/**
 * What a command that reads pages without a database needs (`extract`, `diff`, `sources test`):
 * the page client, the clock, the log and the judge, built here as for every other command, so
 * such a command fetches and judges exactly as a check does.
 */
export interface PageContext {
  http: HttpClient;
  clock: Clock;
  log: Logger;
  /** Judges pages on worker threads with a deadline (judge-pool.ts); the threads start on the first page. */
  judge: JudgePage;
  close(): Promise<void>;
}

export interface PageContextOptions {
  clock?: Clock | undefined;
  log?: Logger | undefined;
  http?: HttpClient | undefined;
  fetch?: Partial<FetchSettings> | undefined;
  /** Judge threads (default: the machine's parallelism less one); a command judging a page or two wants one. */
  judgeThreads?: number | undefined;
}

export interface AppContext extends PageContext {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  /** The configured channels, built on the first call (later calls return the same ones). */
  channels(configs: Record<string, ChannelConfig>): Promise<Map<string, Channel>>;
  /** An archive client for imports, built on the first call. */
  archive(settings: Partial<ArchiveClientSettings>): Promise<ArchiveClient>;
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

/**
 * An HTTP client built on its first request: undici and the address guard cost ~110 ms to load,
 * which a query command (`history`, `changes`) never needs to pay.
 */
function lazyHttpClient(build: () => Promise<HttpClient>): HttpClient {
  let client: Promise<HttpClient> | null = null;
  return {
    fetchPage: async (req, settings) => (await (client ??= build())).fetchPage(req, settings),
    close: async () => {
      if (client) await (await client).close();
    },
  };
}

/**
 * The HTTP client every page fetch goes through — the address guard, politeness, robots.txt —
 * with `${VAR}` in a source URL resolved here, at the request, and nowhere else
 * (url-references.ts).
 */
function createPageClient(opts: { clock: Clock; log: Logger; fetch?: Partial<FetchSettings> | undefined }, env: NodeJS.ProcessEnv): HttpClient {
  const refs = createUrlReferences(env);
  return withUrlReferences(
    lazyHttpClient(async () => (await import('../fetch/http-client.ts')).createHttpClient(opts.fetch ?? {}, { clock: opts.clock, log: withHiddenReferences(opts.log, refs) })),
    refs,
  );
}

/** Where the embedded database lives unless told otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv, cwd: string): string {
  return resolve(cwd, env.FACTWATCH_DATA_DIR ?? '.factwatch');
}

/** The page client, clock, log and judge pool, each costly part built on first use; `close()` closes what was built. */
export function createPageContext(opts: PageContextOptions = {}, env: NodeJS.ProcessEnv = process.env): PageContext {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger();
  const http = opts.http ?? createPageClient({ clock, log, fetch: opts.fetch }, env);
  const threads = opts.judgeThreads;
  let pool: Promise<JudgePool> | null = null;
  return {
    http,
    clock,
    log,
    judge: async (task) => (await (pool ??= import('../judge/judge-pool.ts').then((m) => m.createJudgePool(threads === undefined ? {} : { threads })))).judge(task),
    async close() {
      const closing: Array<Promise<unknown>> = [http.close()];
      if (pool) closing.push(pool.then((p) => p.close()));
      await Promise.allSettled(closing);
    },
  };
}

export async function createContext(opts: ContextOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<AppContext> {
  const cwd = opts.cwd ?? process.cwd();
  const databaseUrl = opts.databaseUrl ?? env.DATABASE_URL ?? null;
  const dataDir = databaseUrl ? null : resolve(cwd, opts.dataDir ?? defaultDataDir(env, cwd));
  // Loaded here, not at the top: `createPageContext` alone (extract, diff) never loads the store.
  const { openDatabase } = await import('../store/open-database.ts');
  const store = await openDatabase({ databaseUrl, dataDir });
  const pages = createPageContext({ clock: opts.clock, log: opts.log, http: opts.http, fetch: opts.fetch }, env);
  const { clock, log } = pages;
  let channels: Promise<Map<string, Channel>> | null = null;
  let archive: Promise<ArchiveClient> | null = null;
  const notify = () => import('../notify/index.ts');
  return {
    db: store.db,
    dbKind: store.kind,
    http: pages.http,
    clock,
    log,
    judge: pages.judge,
    channels: (configs) =>
      (channels ??= notify().then((m) => m.createChannels(configs, { baseDir: cwd, timeoutMs: m.defaultDeliveryPolicy.timeoutMs }))),
    archive: (settings) =>
      (archive ??= import('../import/archive-client.ts').then((m) => m.createArchiveClient(settings, { clock, log }))),
    async close() {
      const closing: Array<Promise<unknown>> = [pages.close(), store.close()];
      if (channels) closing.push(Promise.all([channels, notify()]).then(([c, m]) => m.closeChannels(c)));
      if (archive) closing.push(archive.then((a) => a.close()));
      await Promise.allSettled(closing);
    },
  };
}
