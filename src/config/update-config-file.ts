/**
 * Read-modify-write of the configuration file for `factwatch sources add|remove|enable|disable`,
 * such that the file is never half-written, never invalid, and never loses an edit:
 *
 * - **One editor at a time.** A lock file next to the configuration (`<file>.lock`, created with
 *   O_EXCL) is held from the read to the rename, so two `sources add` started together both land:
 *   the second reads what the first wrote. A lock left by a process that died (its pid is gone on
 *   this machine, or it is older than any edit takes) is removed; a live one is waited for, for a
 *   bounded time, then the command fails naming its holder.
 * - **Validated before written.** The new text goes through the loader's own `parseConfigText`
 *   (every problem named, exit 2): what `check` would refuse is never written.
 * - **Atomic.** The text is written to a temporary file in the same directory, flushed to disk,
 *   given the original's mode and renamed over it, so a reader (a `watch` starting, a crash, a
 *   full disk) sees the old file or the new one, never a part. A symbolic link is followed: the
 *   file it points to is replaced, the link stays.
 */
import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { backoff } from '../app/backoff.ts';
import { systemClock, type Clock } from '../app/clock.ts';
import { FactwatchError } from '../app/errors.ts';
import { retry } from '../app/retry.ts';
import { parseConfigText } from './load-config.ts';

export interface ConfigUpdate<T> {
  /** The new text, or null to leave the file as it is (nothing to change). */
  text: string | null;
  result: T;
}

export interface UpdatedConfig<T> {
  result: T;
  /** The file that was (or would have been) written: the target of a symbolic link. */
  path: string;
  /** There was no file: this update created it. */
  created: boolean;
  written: boolean;
}

export interface UpdateOptions {
  env: NodeJS.ProcessEnv;
  clock?: Clock;
  /** How long to wait for another editor's lock before giving up (default 10 s). */
  lockTimeoutMs?: number;
}

/** An edit takes milliseconds: a lock this old is left over, whatever its pid says. */
const STALE_LOCK_MS = 60_000;
const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

/**
 * Runs `change` on the file's current text (null when there is no file) under the lock, and
 * writes what it returns once the loader accepts it. `change` may throw (a usage error): then
 * nothing is written.
 */
export async function updateConfigFile<T>(file: string, change: (current: string | null) => ConfigUpdate<T>, opts: UpdateOptions): Promise<UpdatedConfig<T>> {
  const path = await realpath(file).catch(() => resolve(file));
  const release = await acquireLock(`${path}.lock`, opts.clock ?? systemClock, opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  try {
    const current = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw new FactwatchError('config_unwritable', `${path}: cannot read the configuration file (${err.code ?? err.message})`, { cause: err });
    });
    const update = change(current);
    if (update.text === null || update.text === current) return { result: update.result, path, created: false, written: false };
    parseConfigText(update.text, path, opts.env);
    await writeAtomically(path, update.text);
    return { result: update.result, path, created: current === null, written: true };
  } finally {
    await release();
  }
}

/** Writes `text` to a temporary file beside `path`, flushes it, keeps `path`'s mode, and renames it over `path`. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const mode = await stat(path).then((s) => s.mode & 0o7777, () => null);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The mode passed to open() is reduced by the umask; the original's is kept exactly.
    if (mode !== null) await chmod(temp, mode);
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw new FactwatchError('config_unwritable', `${path}: cannot write the configuration file (${(err as NodeJS.ErrnoException).code ?? String(err)}); it is unchanged`, { cause: err });
  }
  // The rename itself is durable once the directory is flushed (where the platform allows it).
  const dir = await open(dirname(path), 'r').catch(() => null);
  if (dir) await dir.sync().catch(() => undefined).finally(() => dir.close());
}

/** Takes `lockPath` (O_EXCL), waiting for a live holder up to `timeoutMs`; resolves to its release. */
async function acquireLock(lockPath: string, clock: Clock, timeoutMs: number): Promise<() => Promise<void>> {
  const mine = `${process.pid} ${randomBytes(8).toString('hex')}\n`;
  const deadline = clock.now().getTime() + timeoutMs;
  try {
    // Through the one retry loop: at once after removing a stale lock, with backoff while a live one is held.
    return await retry(() => takeLock(lockPath, mine, clock), {
      retries: Infinity,
      classify: (thrown) => thrown,
      delayFor: (error, attempt) => {
        if (!(error instanceof LockHeld) || clock.now().getTime() >= deadline) return null;
        return error.removedStale ? 0 : backoff({ attempt, baseMs: 10, maxMs: 250, jitter: 'equal' });
      },
      sleep: (ms) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()),
    });
  } catch (error) {
    if (!(error instanceof LockHeld)) throw error;
    const who = error.holder?.pid ? `process ${error.holder.pid}` : 'another process';
    throw new FactwatchError(
      'config_busy',
      `the configuration is being edited by ${who} (lock file ${lockPath}); try again, or remove the lock file if no factwatch is running`,
    );
  }
}

/** The lock is someone else's (or was, until it was found stale and removed): try again. */
class LockHeld extends Error {
  constructor(
    readonly holder: LockHolder | null,
    readonly removedStale: boolean,
  ) {
    super('the configuration lock is held');
  }
}

/** One attempt at the lock: its release, or `LockHeld` (a stale lock is removed first). */
async function takeLock(lockPath: string, mine: string, clock: Clock): Promise<() => Promise<void>> {
  try {
    const handle = await open(lockPath, 'wx', 0o600);
    await handle.writeFile(mine, 'utf8').finally(() => handle.close());
    return async () => {
      // Only our own lock: one judged stale and taken over by another editor is theirs now.
      if ((await readFile(lockPath, 'utf8').catch(() => null)) === mine) await unlink(lockPath).catch(() => undefined);
    };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new FactwatchError('config_unwritable', `${lockPath}: cannot create the lock file beside the configuration (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { cause: err });
    }
  }
  const holder = await readLock(lockPath);
  if (holder !== null && isStale(holder, clock)) {
    // Removed only if it is still the lock judged stale, not one another editor took meanwhile.
    if ((await readFile(lockPath, 'utf8').catch(() => null)) === holder.text) await unlink(lockPath).catch(() => undefined);
    throw new LockHeld(holder, true);
  }
  throw new LockHeld(holder, false);
}

interface LockHolder {
  text: string;
  pid: number | null;
  modifiedAt: number;
}

async function readLock(lockPath: string): Promise<LockHolder | null> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    const pid = Number(/^(\d+) /u.exec(text)?.[1]);
    return { text, pid: Number.isSafeInteger(pid) && pid > 0 ? pid : null, modifiedAt: info.mtimeMs };
  } catch {
    return null; // released meanwhile: try again at once
  }
}

/**
 * A lock whose process is gone (on this machine), or older than any edit takes. A lock still
 * being written (no pid yet) is young, and waited for.
 */
function isStale(holder: LockHolder, clock: Clock): boolean {
  if (clock.now().getTime() - holder.modifiedAt > STALE_LOCK_MS) return true;
  if (holder.pid === null) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
