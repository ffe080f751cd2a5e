import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closedPortUrl } from './fault-server.ts';

/**
 * A PostgreSQL server of our own, for tests that stop and start it (the shared server on 5432
 * is never touched): `initdb` in a temporary directory under /tmp, its own port, run as the
 * `postgres` OS user with the binaries of /usr/lib/postgresql/<version>/bin. As root (CI) the
 * commands go through `runuser -u postgres`; as the postgres user they run directly.
 */

const run = promisify(execFile);

/** The bin directory of the newest installed server, or null when there is none. */
export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** Whether this machine can run a throwaway server: binaries present and we are root or postgres. */
export function canRunThrowawayPostgres(): boolean {
  const uid = process.getuid?.();
  return findPostgresBin() !== null && (uid === 0 || process.env.USER === 'postgres' || process.env.LOGNAME === 'postgres');
}

export interface ThrowawayPostgres {
  url: string;
  /** Fast shutdown: sessions are terminated, open transactions roll back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (if running) and deletes its directory. */
  destroy(): Promise<void>;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql/*/bin');
  const asPostgres = async (cmd: string, args: string[]): Promise<void> => {
    const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    await run(file as string, argv as string[], { timeout: 60_000 });
  };
  const dir = mkdtempSync('/tmp/factwatch-pg-');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = Number(new URL(await closedPortUrl()).port);
  await asPostgres('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  let running = false;
  const start = async () => {
    await asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = async () => {
    await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
    running = false;
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async destroy() {
      try {
        if (running) await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
