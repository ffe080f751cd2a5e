import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FactwatchError } from '../../src/app/errors.ts';
import { updateConfigFile } from '../../src/config/update-config-file.ts';

/**
 * The configuration's lock, waited for through the one retry loop (src/app/retry.ts): a stale
 * lock is removed and the edit goes on at once; a live one is waited for until the timeout, then
 * the edit gives up with `config_busy`, naming the holder, and writes nothing.
 */
describe('the configuration lock', () => {
  let dir: string;
  let file: string;
  const original = '{ "sources": [] }\n';
  const edited = '{ "sources": [{ "id": "a", "url": "https://example.org/" }] }\n';
  const edit = () => ({ text: edited, result: 'edited' });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'factwatch-lock-'));
    file = join(dir, 'factwatch.config.json');
    await writeFile(file, original);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives up on a lock a live process holds after the timeout, with config_busy naming it, and writes nothing', async () => {
    await writeFile(`${file}.lock`, `${process.pid} held-by-the-test\n`);
    const started = performance.now();
    const error = await updateConfigFile(file, edit, { env: {}, lockTimeoutMs: 300 }).catch((e: unknown) => e);
    const waited = performance.now() - started;
    expect(error).toBeInstanceOf(FactwatchError);
    expect((error as FactwatchError).code).toBe('config_busy');
    expect((error as FactwatchError).message).toContain(`process ${process.pid}`);
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(5_000);
    expect(await readFile(file, 'utf8')).toBe(original);
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(`${process.pid} held-by-the-test\n`);
  });

  it('removes the lock of a process that is gone and edits at once', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    await writeFile(`${file}.lock`, `${dead.pid} left-over\n`);
    const started = performance.now();
    const updated = await updateConfigFile(file, edit, { env: {}, lockTimeoutMs: 60_000 });
    expect(updated.result).toBe('edited');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await readFile(file, 'utf8')).toBe(edited);
    await expect(readFile(`${file}.lock`, 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
