import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/app/errors.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import type { ChannelConfig } from '../../src/config/schema.ts';
import { createChannel, DeliveryError, type Channel, type ChannelDeps, type Notification } from '../../src/notify/index.ts';
import { discordPayload } from '../../src/notify/channels/discord.ts';
import { messageHtml } from '../../src/notify/channels/email.ts';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { decodeWords, makeCertificate, readMail, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const USER = 'bot';
const PASS = 's3cret-Pa55';
const LOOPBACK = ['127.0.0.0/8'];

function notification(over: Partial<Notification['message']> = {}): Notification {
  return {
    key: '7',
    deliveryId: 3,
    kind: 'change',
    source: 'src',
    payload: { event: 'change', id: 7 },
    message: { source: 'src', headline: '1 figure changed', lines: ['• Aid: €1 million → €2 million'], page: { url: 'https://example.org/page', title: 'Page' }, review: { label: 'change #7', url: 'https://fw.example.org/changes/7' }, ...over },
  };
}

/** What a failed send threw, as a DeliveryError (the test fails if it sent). */
async function failure(channel: Channel, n: Notification = notification()): Promise<DeliveryError> {
  const err = await channel.send(n).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
}

/**
 * How each new channel fails: every failure is a DeliveryError whose `retryable` says whether
 * waiting could help, whose message names no secret, and which comes within the deadline.
 */
describe('channel failures and limits', () => {
  const opened: Channel[] = [];
  let dir: string;
  const cert = makeCertificate('mail.test');
  const sinks: SmtpSink[] = [];
  let receiver: PageServer;
  const resolve = async (host: string) => (host === 'mail.test' ? [{ address: '127.0.0.1', family: 4 }] : []);
  const channel = (config: ChannelConfig, deps: Partial<ChannelDeps> = {}) => {
    const c = createChannel('c', config, { baseDir: dir, timeoutMs: 5_000, resolve, smtpCa: cert.cert, ...deps });
    opened.push(c);
    return c;
  };
  const sink = async (options: Parameters<typeof startSmtpSink>[1] = {}) => {
    const s = await startSmtpSink({ user: USER, pass: PASS }, { key: cert.key, cert: cert.cert, ...options });
    sinks.push(s);
    return s;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fw-channel-faults-'));
    receiver = await startPageServer();
    const script = async (name: string, body: string) => {
      await writeFile(join(dir, name), `#!${process.execPath}\n${body}\n`);
      await chmod(join(dir, name), 0o755);
    };
    await script('apprise-fails', `process.stdin.resume(); process.stdin.on('end', () => { process.stderr.write('\\u001b[31mERROR\\u001b[0m could not reach ' + process.env.APPRISE_URLS + '\\n\\u0007'); process.exit(3); });`);
    await script('apprise-hangs', `setInterval(() => {}, 1000);`);
    await script('apprise-floods', `process.stdout.write('x'.repeat(10 * 1024 * 1024)); process.exit(1);`);
  });
  afterAll(async () => {
    for (const c of opened) await c.close();
    for (const s of sinks) await s.close();
    await receiver?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('apprise: a missing command is a clear, final failure', async () => {
    const err = await failure(channel({ type: 'apprise', urls: ['json://x'] }, { env: { PATH: join(dir, 'empty') } }));
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/^apprise not found on PATH/u);
  });

  it('apprise: a non-zero exit is retried, quoting its stderr without control characters or the URLs', async () => {
    const url = 'tgram://123456:SECRETTOKEN/999';
    const err = await failure(channel({ type: 'apprise', urls: [url], command: join(dir, 'apprise-fails') }));
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/exited with 3: ERROR could not reach …/u);
    expect(err.message).not.toContain('SECRETTOKEN');
    expect(err.message).not.toMatch(/[\u0000-\u001f]/u);
  });

  it('apprise: a run past the deadline is killed and retried; a flood of output is read only up to its cap', async () => {
    const started = Date.now();
    const hung = await failure(channel({ type: 'apprise', urls: ['json://x'], command: join(dir, 'apprise-hangs') }, { timeoutMs: 800 }));
    expect(hung.retryable).toBe(true);
    expect(hung.message).toMatch(/timed out after 800 ms/u);
    expect(Date.now() - started).toBeLessThan(4_000);
    const flooded = await failure(channel({ type: 'apprise', urls: ['json://x'], command: join(dir, 'apprise-floods') }));
    expect(flooded.retryable).toBe(true);
    expect(flooded.message.length).toBeLessThan(400);
  });

  it('email: wrong credentials are final, and the password is never in the message', async () => {
    const s = await sink();
    const err = await failure(channel({ type: 'email', to: ['a@example.org'], smtp: `smtp://${USER}:wrong-${PASS}@mail.test:${s.port}`, allowNetworks: LOOPBACK }));
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/^smtp:\/\/mail\.test:\d+: .*535/u);
    expect(err.message).not.toContain(PASS);
    expect(s.mails).toHaveLength(0);
  });

  it('email: a server without STARTTLS gets no password under smtp://, unless the URL says requireTLS=false', async () => {
    const s = await sink({ disabledCommands: ['STARTTLS'], allowInsecureAuth: true });
    const err = await failure(channel({ type: 'email', to: ['a@example.org'], smtp: `smtp://${USER}:${PASS}@mail.test:${s.port}`, allowNetworks: LOOPBACK }));
    expect(err.retryable).toBe(false);
    expect(s.logins).toEqual([]);
    await channel({ type: 'email', to: ['a@example.org'], smtp: `smtp://${USER}:${PASS}@mail.test:${s.port}?requireTLS=false`, allowNetworks: LOOPBACK }).send(notification());
    expect(s.mails.map((m) => m.secure)).toEqual([false]);
  });

  it('email: smtps:// speaks TLS from the first byte, and a certificate for another name is refused', async () => {
    const s = await sink({ secure: true });
    await channel({ type: 'email', to: ['a@example.org'], smtp: `smtps://${USER}:${PASS}@mail.test:${s.port}`, allowNetworks: LOOPBACK }).send(notification());
    expect(s.mails.map((m) => m.secure)).toEqual([true]);
    // The same server reached by another name: its certificate does not name it.
    const other = async (host: string) => (host === 'other.test' ? [{ address: '127.0.0.1', family: 4 }] : []);
    const err = await failure(channel({ type: 'email', to: ['a@example.org'], smtp: `smtps://${USER}:${PASS}@other.test:${s.port}`, allowNetworks: LOOPBACK }, { resolve: other }));
    expect(err.retryable).toBe(false);
    expect(s.mails).toHaveLength(1);
  });

  it('email: the mail server passes the address guard — loopback is refused unless the channel lists it', async () => {
    const s = await sink();
    for (const smtp of [`smtp://${USER}:${PASS}@mail.test:${s.port}`, `smtp://${USER}:${PASS}@127.0.0.1:${s.port}`]) {
      const err = await failure(channel({ type: 'email', to: ['a@example.org'], smtp }));
      expect(err.retryable).toBe(false);
      expect(err.message).toMatch(/not allowed .*allowNetworks/u);
      expect(err.message).not.toContain(PASS);
    }
    expect(s.logins).toEqual([]);
  });

  it('email: page text cannot add a header, and the HTML part is escaped text', async () => {
    const s = await sink();
    const hostile = notification({ headline: 'changed\r\nBcc: victim@evil.example\r\n\r\nforged body', lines: ['<script>alert(1)</script>'] });
    await channel({ type: 'email', to: ['a@example.org'], smtp: `smtp://${USER}:${PASS}@mail.test:${s.port}`, allowNetworks: LOOPBACK, html: true }).send(hostile);
    expect(s.mails).toHaveLength(1);
    const mail = readMail(s.mails[0]!.raw);
    expect(mail.names).not.toContain('bcc');
    expect(s.mails[0]!.to).toEqual(['a@example.org']);
    expect(decodeWords(mail.headers.get('subject')!)).toBe('factwatch: src — changed Bcc: victim@evil.example forged body');
    const html = messageHtml(hostile.message);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<a href="https://fw.example.org/changes/7">change #7</a>');
  });

  it('discord: a long change fits in 2000 characters, saying how many lines were left out, with the link kept', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `• Figure ${i}: €${i} million → €${i + 1} million`);
    const { content } = discordPayload(notification({ lines }).message);
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(content).toMatch(/…and \d+ more lines/u);
    expect(content).toContain('(<https://fw.example.org/changes/7>)');
  });

  it('ntfy / discord / teams / mattermost: a refusal is final, 429 and 5xx are retried', async () => {
    let status = 400;
    receiver.setRoute('/hook', (req, res) => {
      req.resume();
      res.writeHead(status).end('no');
    });
    for (const type of ['ntfy', 'discord', 'teams', 'mattermost'] as const) {
      const c = channel({ type, url: receiver.url('/hook'), allowNetworks: LOOPBACK });
      for (const [s, retryable] of [[400, false], [429, true], [503, true]] as const) {
        status = s;
        const err = await failure(c);
        expect([type, err.retryable, err.message]).toEqual([type, retryable, expect.stringContaining(`HTTP ${s}`)]);
      }
    }
  });

  it('config: every problem of the new channels is named, and no substituted secret is quoted', () => {
    const text = JSON.stringify({
      sources: [],
      channels: {
        mail: { type: 'email', to: ['not-an-address'], smtp: '${SMTP_URL}' },
        push: { type: 'ntfy', url: 'https://ntfy.sh/t', token: '${NTFY_TOKEN}' },
        ap: { type: 'apprise', urls: [] },
        chat: { type: 'discord', url: 'ftp://x', allowNetworks: ['nope'] },
      },
    });
    const env = { SMTP_URL: `http://${USER}:${PASS}@mail.test`, NTFY_TOKEN: 'tok en\r\nX: y' };
    let problems: string[] = [];
    try {
      parseConfigText(text, 'f.json', env);
    } catch (err) {
      problems = (err as ConfigError).problems;
    }
    expect(problems.join('\n')).toMatch(/channels\.mail\.to\[0\]: /u);
    expect(problems.join('\n')).toMatch(/channels\.mail\.smtp: must be an smtp:\/\/ or smtps:\/\/ URL/u);
    expect(problems.join('\n')).toMatch(/channels\.push\.token: must be printable ASCII/u);
    expect(problems.join('\n')).toMatch(/channels\.ap\.urls: /u);
    expect(problems.join('\n')).toMatch(/channels\.chat\.url: must be an absolute http\(s\) URL/u);
    expect(problems.join('\n')).toMatch(/channels\.chat\.allowNetworks\[0\]: "nope" is not a CIDR/u);
    expect(problems.join('\n')).not.toContain(PASS);
    expect(problems.join('\n')).not.toContain('tok en');
  });
});
