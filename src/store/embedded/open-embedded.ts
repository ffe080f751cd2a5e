/**
 * The embedded store as every factwatch process sees it: a postgres.js pool on the Unix socket of
 * the data directory's owner (serve-pglite.ts), whoever that is.
 *
 * The first process to open a directory takes its lock (owner-lock.ts), starts PGlite on it and
 * serves it; every later process — `serve` beside `watch`, a second `check`, `history` — connects
 * to that socket and sees the same, current data. When the owner exits (or is killed), the next
 * connection any process opens finds nobody listening, takes the lock and becomes the owner
 * itself: the socket factory below does that, so a handover needs nothing from the callers but
 * a new connection. A connection in flight at that moment fails like a PostgreSQL restart would.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { FactwatchError } from '../../app/errors.ts';
import { retry } from '../../app/retry.ts';
import { lockAddress, readOwner, thisProcess, tryLock, type OwnerLock } from './owner-lock.ts';
import { retryOnHandover } from './retry-on-handover.ts';
import { servePglite, type PgliteServer } from './serve-pglite.ts';

/**
 * PGlite's buffer cache. Its engine runs in WebAssembly, whose memory only grows: PostgreSQL's
 * default 128 MB of shared buffers, once a long pass has touched them, stay in the process for
 * good (issue 8: a 10,000-source pass peaked at 560 MB on PGlite against 282 MB on PostgreSQL).
 * Its files sit in the operating system's page cache (or, in memory, in its in-memory file
 * system) anyway, so a smaller cache costs a read call, not a disk read.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';
/** PGlite's start parameters with our buffer cache (`PGlite.defaultStartParams` plus `shared_buffers`). */
const startParams = (pglite: typeof PGlite): string[] => [...pglite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`];

/** How long a process waits for a data directory's owner to answer (an owner starting PGlite takes seconds). */
const CONNECT_DEADLINE_MS = 60_000;
/** How often a process that found no owner looks again (the owner may be starting, or exiting). */
const OWNER_POLL_MS = 50;
/** Neither an owner answered nor could this process become one: wait, then try again. */
class NobodyListening extends Error {}
/** Unix socket paths are limited to 107 bytes; a deeper data directory gets its socket in the temp folder. */
const MAX_SOCKET_PATH = 100;

export interface EmbeddedStore {
  /** A postgres.js pool on the owner's socket. */
  sql: postgres.Sql;
  /** Whether this process owns the directory now (it may become the owner later). */
  isOwner(): boolean;
  /** In memory only: a dump of the data directory (`startFrom` of another store). */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** On-disk data directory; null: a private in-memory database (tests, one process only). */
  dataDir: string | null;
  /** postgres.js pool size. */
  max: number;
  /**
   * In memory only: start from this dump of a data directory (`dump()` of another in-memory
   * store) instead of an empty cluster. Loading a dump takes well under a second where a new
   * cluster's initdb and our migrations take several: the test suite clones a migrated template.
   */
  startFrom?: Blob | null;
}

export async function openEmbedded(opts: EmbeddedOptions): Promise<EmbeddedStore> {
  return opts.dataDir ? openShared(opts.dataDir, opts.max) : openPrivate(opts.max, opts.startFrom ?? null);
}

/** An in-memory PGlite served on a private socket: the same query path as on disk, one process. */
async function openPrivate(max: number, startFrom: Blob | null): Promise<EmbeddedStore> {
  const dir = await mkdtemp(join(tmpdir(), 'factwatch-mem-'));
  const pg = await createPglite(null, startFrom);
  const server = await servePglite(pg, { path: join(dir, 'db.sock') });
  const sql = pool(() => connectTo(server.path), max);
  return {
    sql,
    isOwner: () => true,
    dump: () => pg.dumpDataDir('none'),
    async close() {
      await sql.end({ timeout: 5 });
      await server.close();
      await pg.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function openShared(dataDir: string, max: number): Promise<EmbeddedStore> {
  await mkdir(dataDir, { recursive: true });
  const path = await socketPathFor(dataDir);
  let owned: { lock: OwnerLock; pg: PGlite; server: PgliteServer } | null = null;
  let becoming: Promise<void> | null = null;
  let closed = false;

  /** Takes the directory over if nobody holds it; resolves either way. */
  const tryBecomeOwner = async (): Promise<void> => {
    if (owned || closed) return;
    const lock = await tryLock(dataDir, thisProcess());
    if (!lock) return;
    try {
      const pg = await createPglite(dataDir);
      const server = await servePglite(pg, { path });
      owned = { lock, pg, server };
    } catch (error) {
      await lock.release();
      throw error;
    }
  };

  /** Connects to the owner, or becomes it; throws `NobodyListening` while neither happens. */
  const connectOrTakeOver = async (): Promise<Socket> => {
    if (closed) throw new FactwatchError('database_closed', 'the embedded database was closed');
    try {
      return await connectTo(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ECONNREFUSED') throw error;
    }
    // Nobody is listening: the owner is gone or still starting. One attempt at a time per process.
    becoming ??= tryBecomeOwner().finally(() => (becoming = null));
    await becoming;
    if (owned) return connectTo(path); // our own server, listening since servePglite resolved
    throw new NobodyListening();
  };

  /** Through the one retry loop: every `OWNER_POLL_MS` until an owner answers or the deadline passes. */
  const connectToOwner = async (): Promise<Socket> => {
    const deadline = performance.now() + CONNECT_DEADLINE_MS;
    try {
      return await retry(connectOrTakeOver, {
        retries: Infinity,
        classify: (thrown) => thrown,
        delayFor: (error) => (error instanceof NobodyListening && performance.now() <= deadline ? OWNER_POLL_MS : null),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      });
    } catch (error) {
      if (error instanceof NobodyListening) throw await ownerNotAnswering(dataDir);
      throw error;
    }
  };

  const sql = pool(connectToOwner, max);
  // Open one connection now: a directory that cannot be opened fails here, not at the first query.
  try {
    await sql`select 1`;
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => undefined);
    throw error instanceof FactwatchError
      ? error
      : new FactwatchError('database_open_failed', `could not open the embedded database (${dataDir}): ${describe(error)}`, { cause: error });
  }
  return {
    sql,
    isOwner: () => owned !== null,
    async close() {
      closed = true;
      await sql.end({ timeout: 5 });
      await becoming?.catch(() => undefined);
      const o = owned as { lock: OwnerLock; pg: PGlite; server: PgliteServer } | null;
      owned = null;
      if (o) {
        await o.server.close();
        await o.pg.close();
        await o.lock.release();
      }
    },
  };
}

function pool(socket: () => Promise<Socket>, max: number): postgres.Sql {
  return retryOnHandover(postgres({
    socket,
    max,
    // PGlite is ONE session for every client: named statements would pile up in it, one set per
    // connection ever opened. Unnamed statements leave nothing behind.
    prepare: false,
    onnotice: () => undefined,
    // A connection idle this long is closed; the next query opens one (and may take over).
    idle_timeout: 30,
  } as postgres.Options<Record<string, postgres.PostgresType>>));
}

function connectTo(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Starts PGlite; its module is loaded here, not at start-up: a command that goes through the
 * directory's owner never runs the engine itself.
 */
async function createPglite(dataDir: string | null, startFrom: Blob | null = null): Promise<PGlite> {
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const params = startParams(PGlite);
    if (dataDir) return await PGlite.create({ dataDir, startParams: params });
    return await PGlite.create(startFrom ? { loadDataDir: startFrom, startParams: params } : { startParams: params });
  } catch (error) {
    throw new FactwatchError('database_open_failed', `could not open the embedded database (${dataDir ?? 'memory'}): ${describe(error)}`, {
      cause: error,
    });
  }
}

async function socketPathFor(dataDir: string): Promise<string> {
  const inside = join(dataDir, 'db.sock');
  if (Buffer.byteLength(inside) <= MAX_SOCKET_PATH) return inside;
  const dir = join(tmpdir(), `factwatch-${process.getuid?.() ?? 'user'}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return join(dir, `${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.sock`);
}

async function ownerNotAnswering(dataDir: string): Promise<FactwatchError> {
  const owner = await readOwner(await lockAddress(dataDir));
  const who = owner ? `process ${owner.pid} (${owner.command})` : 'another process';
  return new FactwatchError(
    'database_busy',
    `the embedded database in ${dataDir} is held by ${who}, which does not answer; stop it, or use DATABASE_URL (PostgreSQL) to share one database between machines`,
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
