import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const BIN = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));

/** `factwatch serve` as a user runs it: prints where it listens, answers, and stops cleanly on SIGTERM. */
describe('factwatch serve (CLI, embedded database)', () => {
  let dir: string;
  const env = () => ({ DATABASE_URL: undefined, FACTWATCH_DATA_DIR: join(dir, 'db'), FACTWATCH_TOKEN: undefined });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fw-serve-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves on 127.0.0.1 and exits 0 on SIGTERM', async () => {
    const e = Object.fromEntries(Object.entries({ ...process.env, ...env() }).filter(([, v]) => v !== undefined));
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { cwd: dir, env: e, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          stdout += d;
          const m = /serving the review UI on (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
          if (m) resolve(m[1]!);
        });
        child.on('close', () => reject(new Error(`serve exited early: ${stderr}`)));
      });
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok', database: 'ok' });
      const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<h1>Sources</h1>');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('refuses to listen beyond loopback without FACTWATCH_TOKEN, and a bad port (exit 2)', async () => {
    const open = await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], { cwd: dir, env: env() });
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('FACTWATCH_TOKEN');
    const port = await runCli(['serve', '--port', 'eighty'], { cwd: dir, env: env() });
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port');
  });
});
