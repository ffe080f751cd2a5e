import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const BIN = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));

/** `factwatch serve` as a user runs it: prints where it listens, answers, and stops cleanly on SIGTERM. */
// Always the embedded database (DATABASE_URL removed), whatever backend the suite runs on: the
// PostgreSQL run would repeat it exactly, so it runs in the embedded run only.
describe.runIf(!process.env.DATABASE_URL)('factwatch serve (CLI, embedded database)', () => {
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

  it('serves on --host [::1] (brackets and all), or says in one line why it cannot', async () => {
    const e = Object.fromEntries(Object.entries({ ...process.env, ...env() }).filter(([, v]) => v !== undefined));
    const child = spawn(process.execPath, [BIN, 'serve', '--host', '[::1]', '--port', '0'], { cwd: dir, env: e, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await new Promise<string | null>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        const m = /serving the review UI on (http:\/\/\[::1\]:\d+)\//.exec(stdout);
        if (m) resolve(m[1]!);
      });
      child.on('close', () => resolve(null));
    });
    if (url === null) {
      // A machine without IPv6 loopback: a reason, not a stack trace.
      expect(await exited).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^factwatch: cannot listen on \[::1\]:0: /);
      return;
    }
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('says in one line what is wrong with DATABASE_URL, --public-url or a taken port', async () => {
    for (const url of ['not a url', 'mysql://user:pw@db.example/x', 'postgres://user:hunter2@[bad/x']) {
      const r = await runCli(['serve', '--port', '0'], { cwd: dir, env: { ...env(), DATABASE_URL: url } });
      expect(r.code, url).toBe(2);
      expect(r.stderr, url).toMatch(/^factwatch: DATABASE_URL is not a PostgreSQL URL[^\n]*\n$/);
      expect(r.stderr).not.toContain('hunter2');
    }
    const status = await runCli(['status'], { cwd: dir, env: { ...env(), DATABASE_URL: 'not a url' } });
    expect(status.code).toBe(2);
    expect(status.stderr).not.toContain('    at ');
    const pub = await runCli(['serve', '--port', '0', '--public-url', 'https://factwatch.example.org/sub?x=1'], { cwd: dir, env: env() });
    expect(pub.code).toBe(2);
    expect(pub.stderr).toContain('--public-url must be an http(s) origin');
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const busy = await runCli(['serve', '--port', port], { cwd: dir, env: env() });
      expect(busy.code).toBe(1);
      expect(busy.stderr).toBe(`factwatch: cannot listen on 127.0.0.1:${port}: the port is already in use\n`);
    } finally {
      taken.close();
    }
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
