/**
 * Who owns an embedded data directory: an exclusive, OS-level lock that the kernel releases when
 * the owner dies, so `kill -9` never leaves a stale lock behind.
 *
 * On Linux the lock is a listening socket in the *abstract* namespace (a name, not a file), named
 * after the directory's real path: binding it is atomic (a second bind fails with EADDRINUSE), and
 * it vanishes with the process. Elsewhere it is a socket file in the data directory, probed before
 * it is replaced. Whoever connects to the lock is told the owner's pid and command line, which is
 * what an error about the owner can say.
 */
import { createHash } from 'node:crypto';
import { realpath, unlink } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';

export interface OwnerInfo {
  pid: number;
  command: string;
  startedAt: string;
}

export interface OwnerLock {
  release(): Promise<void>;
}

/** The lock's address for a data directory. */
export async function lockAddress(dataDir: string): Promise<string> {
  const real = await realpath(dataDir);
  if (process.platform === 'linux') return `\0factwatch-owner-${createHash('sha256').update(real).digest('hex').slice(0, 40)}`;
  return join(real, 'owner.lock');
}

/** Takes the lock, or returns null when another process holds it. */
export async function tryLock(dataDir: string, info: OwnerInfo): Promise<OwnerLock | null> {
  const address = await lockAddress(dataDir);
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.end(`${JSON.stringify(info)}\n`);
  });
  const bound = await listen(server, address);
  if (!bound && !address.startsWith('\0') && (await readOwner(address)) === null) {
    // A socket file left by a dead owner (non-Linux only): nobody answers on it, so replace it.
    await unlink(address).catch(() => undefined);
    if (!(await listen(server, address))) return null;
  } else if (!bound) {
    return null;
  }
  server.unref();
  return {
    release: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Asks the lock at `address` (see `lockAddress`) who holds it; null when nobody answers (within a second). */
export function readOwner(address: string): Promise<OwnerInfo | null> {
  return new Promise((resolve) => {
    const socket = connect(address);
    let text = '';
    const done = (value: OwnerInfo | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(null), 1_000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 4096) done(null);
    });
    socket.on('end', () => done(parseOwner(text)));
    socket.on('error', () => done(null));
  });
}

function parseOwner(text: string): OwnerInfo | null {
  try {
    const v = JSON.parse(text) as Partial<OwnerInfo>;
    return typeof v.pid === 'number' ? { pid: v.pid, command: String(v.command ?? ''), startedAt: String(v.startedAt ?? '') } : null;
  } catch {
    return null;
  }
}

function listen(server: Server, address: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') resolve(false);
      else reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(true);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(address);
  });
}

/** This process, as an owner describes itself. */
export function thisProcess(): OwnerInfo {
  const args = process.argv.slice(2).join(' ').replace(/[\u0000-\u001f\u007f-\u009f]/gu, ' ');
  return { pid: process.pid, command: `factwatch ${args}`.slice(0, 200).trim(), startedAt: new Date().toISOString() };
}
