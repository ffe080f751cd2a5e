import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { readMail, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

/**
 * `check` sends what is due after its pass (issue 17: only `watch` did, so a cron user got no
 * notifications and nothing said so); `--no-deliver` leaves it queued for the next run. Always
 * the embedded database: the PostgreSQL run would repeat it exactly.
 */
describe.runIf(!process.env.DATABASE_URL)('factwatch check delivers', () => {
  let server: PageServer;
  let dir: string;
  const env = { DATABASE_URL: undefined, FACTWATCH_LOG_LEVEL: 'error' };
  const page = (million: number) => `<!doctype html><html lang="en"><head><title>a</title></head><body><main><h1>Page a</h1><p>Trade was €${million} million in 2016.</p></main></body></html>`;
  const sent = async () => (await readFile(join(dir, 'changes.jsonl'), 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');
  const check = (...args: string[]) => runCli(['check', '--all', ...args], { cwd: dir, env });

  beforeAll(async () => {
    server = await startPageServer();
    server.setRoute('/a', { body: page(3) });
    dir = await mkdtemp(join(tmpdir(), 'fw-check-delivers-'));
    await writeFile(
      join(dir, 'factwatch.config.json'),
      JSON.stringify({
        sources: [{ id: 'a', url: server.url('/a'), notify: ['file'] }],
        channels: { file: { type: 'file', path: 'changes.jsonl' } },
        fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 },
      }),
    );
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sends the notifications of its pass, keeps them queued with --no-deliver, and sends them on the next run', async () => {
    const first = await check();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^a: new$/m);
    expect(first.stdout).toMatch(/^notifications: 1 sent, 0 to retry, 0 failed for good/m);
    expect(await sent()).toHaveLength(1);

    server.setRoute('/a', { body: page(4) });
    const quiet = await check('--no-deliver');
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).toMatch(/^a: changed$/m);
    expect(quiet.stdout).not.toMatch(/notifications:/);
    expect(await sent()).toHaveLength(1);
    const pending = JSON.parse((await runCli(['deliveries', '--json', '--state', 'pending'], { cwd: dir, env })).stdout) as unknown[];
    expect(pending).toHaveLength(1);

    // Nothing changed since, and the queued notification goes out; stdout stays one JSON document.
    const json = await check('--json');
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as Array<{ outcome: string }>).map((r) => r.outcome)).toEqual(['unchanged']);
    expect(json.stderr).toMatch(/notifications: 1 sent/);
    expect(await sent()).toHaveLength(2);

    const nothing = await check();
    expect(nothing.stdout).not.toMatch(/notifications:/);
    expect(await sent()).toHaveLength(2);
  }, 120_000);

  it('says in --help what it sends', async () => {
    const help = await runCli(['check', '--help']);
    expect(help.stdout).toMatch(/--no-deliver/);
    expect(help.stdout).toMatch(/sends what is due on the configured channels/);
  });
});

/**
 * The same from the command line with the channels that need the most of it: e-mail whose SMTP
 * URL (with its password) comes from `${SMTP_URL}` in the environment, and Apprise found on the
 * PATH the command runs with. One mail and one Apprise run per change; the secrets never printed.
 */
describe.runIf(!process.env.DATABASE_URL)('factwatch check delivers by e-mail and Apprise', () => {
  let server: PageServer;
  let smtp: SmtpSink;
  let dir: string;
  const SMTP_PASS = 'cli-s3cret-pw';
  const page = (million: number) => `<!doctype html><html lang="en"><head><title>b</title></head><body><main><h1>Page b</h1><p>Trade was €${million} million in 2016.</p></main></body></html>`;

  beforeAll(async () => {
    server = await startPageServer();
    server.setRoute('/b', { body: page(3) });
    // No STARTTLS on this relay, so the URL says requireTLS=false (the CLI has no test CA to trust).
    smtp = await startSmtpSink({ user: 'cli', pass: SMTP_PASS }, { disabledCommands: ['STARTTLS'], allowInsecureAuth: true });
    dir = await mkdtemp(join(tmpdir(), 'fw-check-mail-'));
    await mkdir(join(dir, 'bin'));
    await writeFile(join(dir, 'bin', 'apprise'), `#!${process.execPath}\nconst fs = require('node:fs');\nfs.appendFileSync(${JSON.stringify(join(dir, 'apprise.jsonl'))}, JSON.stringify({ argv: process.argv.slice(2), stdin: fs.readFileSync(0, 'utf8'), urls: process.env.APPRISE_URLS }) + '\\n');\n`);
    await chmod(join(dir, 'bin', 'apprise'), 0o755);
    await writeFile(
      join(dir, 'factwatch.config.json'),
      JSON.stringify({
        sources: [{ id: 'b', url: server.url('/b'), notify: ['mail', 'ap'] }],
        channels: {
          mail: { type: 'email', to: ['desk@example.org'], smtp: '${SMTP_URL}', allowNetworks: ['127.0.0.0/8'] },
          ap: { type: 'apprise', urls: ['${APPRISE_URL}'] },
        },
        fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 },
        serve: { publicUrl: 'https://fw.example.org' },
      }),
    );
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sends one mail and one Apprise message per change, linking the change page', async () => {
    const env = {
      DATABASE_URL: undefined,
      FACTWATCH_LOG_LEVEL: 'error',
      SMTP_URL: `smtp://cli:${SMTP_PASS}@127.0.0.1:${smtp.port}?requireTLS=false`,
      APPRISE_URL: 'json://apprise-cli-secret.example/x',
      PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`,
    };
    const first = await runCli(['check', '--all'], { cwd: dir, env });
    expect(first.code, first.stderr).toBe(0);
    server.setRoute('/b', { body: page(4) });
    const second = await runCli(['check', '--all'], { cwd: dir, env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^notifications: 2 sent, 0 to retry, 0 failed for good/m);
    expect(`${first.stdout}${first.stderr}${second.stdout}${second.stderr}`).not.toContain(SMTP_PASS);
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.logins).toEqual([`cli:${SMTP_PASS}`, `cli:${SMTP_PASS}`]);
    const changed = readMail(smtp.mails[1]!.raw);
    expect(changed.body).toMatch(/€3 million → €4 million/u);
    expect(changed.body).toMatch(/Review: change #\d+ <https:\/\/fw\.example\.org\/changes\/\d+>/u);
    const runs = (await readFile(join(dir, 'apprise.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { argv: string[]; stdin: string; urls: string });
    expect(runs).toHaveLength(2);
    expect(runs.every((r) => r.urls === 'json://apprise-cli-secret.example/x' && !r.argv.join(' ').includes('apprise-cli-secret'))).toBe(true);
    expect(runs[1]!.stdin).toMatch(/https:\/\/fw\.example\.org\/changes\/\d+/u);
  }, 120_000);
});
