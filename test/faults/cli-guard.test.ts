import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { runCli } from '../helpers/run-cli.ts';

/**
 * `factwatch extract` refuses what it must never fetch (issue 5, "Done when"): cloud metadata,
 * local files named by a file:// URL, and loopback names — with a non-zero exit, a reason, and
 * no request made.
 */
describe('extract refuses forbidden targets', () => {
  let server: PageServer;
  beforeAll(async () => {
    server = await startPageServer({ '/page': { body: '<main><h1>Secret</h1><p>Internal page.</p></main>' } });
  });
  afterAll(async () => server?.close());

  it('refuses the cloud metadata address, naming it and why', async () => {
    const r = await runCli(['extract', 'http://169.254.169.254/latest/meta-data/']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('169.254.169.254');
    expect(r.stderr).toMatch(/not allowed \(linkLocal\)/);
    expect(r.stdout).toBe('');
  });

  it('refuses a file:// URL instead of reading it as a path', async () => {
    const r = await runCli(['extract', 'file:///etc/passwd']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/scheme "file:" is not allowed/);
    expect(r.stdout).toBe('');
  });

  it('refuses a name that resolves to loopback without sending anything to it', async () => {
    const before = server.requests.length;
    const r = await runCli(['extract', `http://localhost:${new URL(server.origin).port}/page`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/localhost resolves to 127\.0\.0\.1, which is not allowed \(loopback\)/);
    expect(server.requests.length).toBe(before);
  });

  it('fetches the same page once its network is allowed (the refusal above is the guard, not a broken command)', async () => {
    const r = await runCli(['extract', server.url('/page'), '--allow-network', '127.0.0.0/8', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).sections[0].text).toContain('Internal page.');
  });
});
