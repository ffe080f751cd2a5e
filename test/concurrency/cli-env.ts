/**
 * A working directory for real factwatch processes: a configuration of `n` pages served from
 * 127.0.0.1, and the environment that points the processes at this run's backend — a fresh
 * PostgreSQL database when DATABASE_URL is set, else an embedded data directory of its own.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { RawConfig } from '../../src/config/schema.ts';
import { executeRows } from '../../src/store/execute-rows.ts';
import { openDatabase, type DatabaseHandle } from '../../src/store/open-database.ts';
import { startPageServer, type PageServer, type RouteSpec } from '../helpers/page-server.ts';
import { openTestDatabase } from '../helpers/test-db.ts';

export interface CliEnv {
  dir: string;
  server: PageServer;
  env: NodeJS.ProcessEnv;
  backend: 'pglite' | 'postgres';
  /** Serves revision `rev` of page `i`. */
  serve(i: number, rev: number, spec?: RouteSpec): void;
  /**
   * The database, for assertions. On the embedded backend it is opened only when asked (and so
   * joins whatever owner is running, or becomes the owner): close it before the next process needs
   * to own the directory, or leave it open and it serves them.
   */
  open(): Promise<DatabaseHandle>;
  close(): Promise<void>;
}

export function page(i: number, rev: number): string {
  return `<!doctype html><html lang="en"><head><title>Page ${i}</title></head><body><main><h1>Page ${i}</h1>
<p>Aid reached €${i + rev}.5 million in 2016, and trade ${rev + 1} % of the total.</p><p>Revision ${rev}.</p></main></body></html>`;
}

/** `schedule`: every source's (default every 2 seconds). */
export async function createCliEnv(prefix: string, n: number, extra: Partial<RawConfig> = {}, opts: { schedule?: string } = {}): Promise<CliEnv> {
  const server = await startPageServer();
  const dir = await mkdtemp(join(tmpdir(), `fw-${prefix}`));
  const serve = (i: number, rev: number, spec: RouteSpec = {}) => server.setRoute(`/${prefix}/${i}`, { body: page(i, rev), ...spec });
  for (let i = 0; i < n; i++) serve(i, 0);
  const config: RawConfig = {
    sources: Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, url: server.url(`/${prefix}/${i}`), schedule: opts.schedule ?? '*/2 * * * * *', notify: ['file'] })),
    channels: { file: { type: 'file', path: 'changes.jsonl' } },
    fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0, perHost: { concurrency: 8 } },
    ...extra,
  };
  await writeFile(join(dir, 'factwatch.config.json'), JSON.stringify(config));

  let pg: DatabaseHandle | null = null;
  let url: string | undefined;
  if (process.env.DATABASE_URL) {
    pg = await openTestDatabase();
    const [db] = await executeRows<{ name: string }>(pg.db, sql`select current_database() as name`);
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${db!.name}`;
    url = u.toString();
  }
  const dataDir = join(dir, '.factwatch');
  const env: NodeJS.ProcessEnv = { DATABASE_URL: url, FACTWATCH_DATA_DIR: dataDir, FACTWATCH_LOG_LEVEL: 'error' };
  let embedded: DatabaseHandle | null = null;
  return {
    dir,
    server,
    env,
    backend: url ? 'postgres' : 'pglite',
    serve,
    async open() {
      // PostgreSQL: the test's own pool, kept (and the database dropped) until close().
      if (pg) return { ...pg, close: async () => undefined };
      embedded ??= await openDatabase({ dataDir });
      const handle = embedded;
      return {
        ...handle,
        close: async () => {
          embedded = null;
          await handle.close();
        },
      };
    },
    async close() {
      await embedded?.close();
      await pg?.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
