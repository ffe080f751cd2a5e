import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { createHttpClient, type HttpClient } from '../../src/fetch/index.ts';
import { closeChannels, createChannels, deliverDue, type DeliveryPolicy } from '../../src/notify/index.ts';
import { runClaimedPass } from '../../src/schedule/run-claimed-pass.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { listChanges } from '../../src/store/queries/changes.ts';
import { listDeliveries } from '../../src/store/queries/deliveries.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { decodeWords, makeCertificate, readMail, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';

const policy: DeliveryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000, leaseMs: 30_000, timeoutMs: 8_000 };
const PUBLIC_URL = 'https://factwatch.example.org';
const SMTP_USER = 'alerts@example.org';
const SMTP_PASS = 'p@ss:w0rd-9f3k';
const NTFY_TOKEN = 'tk_9f3kq2x7';
const APPRISE_URL = 'json://apprise-secret-7q2x.example/hook';
/** Page text that would be markup, a mention, a link or a mail header if any channel let it act. */
const HOSTILE = '@everyone @channel **loud** [click](https://evil.example/a) <b>x</b> https://evil.example/phish';

function page(million: number, extra = ''): string {
  return `<!doctype html><html lang="en"><head><title>Aid &amp; trade</title></head><body><main><h1>Aid &amp; trade</h1><p>Aid reached €${million}.5 million in 2016.</p>${extra}</main></body></html>`;
}
const hostileSection = `<h2>${HOSTILE.replace(/</g, '&lt;')}</h2><p>New text of the section.</p>`;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface Posted {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Every new channel end to end, over the real outbox: a check pass stores a first capture and
 * then a change whose new section heading is hostile text; one delivery round sends both to an
 * SMTP sink (STARTTLS, auth from `${SMTP_URL}`), HTTP receivers for ntfy, Discord, Teams and
 * Mattermost, and a fake `apprise` on PATH — all on 127.0.0.1.
 */
describe(`new channels over the outbox (${backend})`, () => {
  let handle: DatabaseHandle;
  let pages: PageServer;
  let receiver: PageServer;
  let smtp: SmtpSink;
  let http: HttpClient;
  let dir: string;
  let chans: ReturnType<typeof createChannels>;
  const clock = new ManualClock('2024-06-01T09:00:00Z');
  const log = silentLogger();
  const posted: Posted[] = [];
  const cert = makeCertificate('mail.test');

  beforeAll(async () => {
    handle = await openTestDatabase();
    pages = await startPageServer();
    receiver = await startPageServer();
    for (const path of ['/ntfy/topic', '/discord', '/teams', '/mattermost']) {
      receiver.setRoute(path, async (req, res) => {
        posted.push({ path, headers: req.headers, body: await readBody(req) });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    }
    smtp = await startSmtpSink({ user: SMTP_USER, pass: SMTP_PASS }, { key: cert.key, cert: cert.cert });
    http = createHttpClient({ allowNetworks: ['127.0.0.0/8'], retries: 0 }, { clock, log, sleep: async () => {} });
    dir = await mkdtemp(join(tmpdir(), 'fw-channels-'));
    // A fake Apprise: records its argv, stdin and the URLs it was handed in its environment.
    await writeFile(
      join(dir, 'apprise'),
      `#!${process.execPath}\nconst fs = require('node:fs');\nconst stdin = fs.readFileSync(0, 'utf8');\nfs.appendFileSync(${JSON.stringify(join(dir, 'apprise.jsonl'))}, JSON.stringify({ argv: process.argv.slice(2), stdin, urls: process.env.APPRISE_URLS }) + '\\n');\n`,
    );
    await chmod(join(dir, 'apprise'), 0o755);
  });
  afterAll(async () => {
    if (chans) await closeChannels(chans);
    await http?.close();
    await pages?.close();
    await receiver?.close();
    await smtp?.close();
    await handle?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sends one readable, escaped message per change on every channel, linking the review page', async () => {
    const loopback = ['127.0.0.0/8'];
    const env = {
      SMTP_URL: `smtp://${encodeURIComponent(SMTP_USER)}:${encodeURIComponent(SMTP_PASS)}@mail.test:${smtp.port}`,
      NTFY_TOKEN,
      APPRISE_URL,
    };
    const config = parseConfigText(
      JSON.stringify({
        sources: [{ id: 'aid', url: pages.url('/aid'), schedule: '0 * * * *', notify: ['mail', 'push', 'disc', 'team', 'mm', 'ap'] }],
        channels: {
          mail: { type: 'email', to: ['desk@example.org'], from: 'factwatch@example.org', smtp: '${SMTP_URL}', allowNetworks: loopback },
          push: { type: 'ntfy', url: receiver.url('/ntfy/topic'), token: '${NTFY_TOKEN}', allowNetworks: loopback },
          disc: { type: 'discord', url: receiver.url('/discord'), allowNetworks: loopback },
          team: { type: 'teams', url: receiver.url('/teams'), allowNetworks: loopback },
          mm: { type: 'mattermost', url: receiver.url('/mattermost'), allowNetworks: loopback },
          ap: { type: 'apprise', urls: ['${APPRISE_URL}'] },
        },
        fetch: { allowNetworks: loopback, retries: 0 },
        serve: { publicUrl: PUBLIC_URL },
      }),
      'factwatch.config.json',
      env,
    );
    const sources = resolveSources(config);
    await syncSources(handle.db, sources, clock.now());
    // mail.test is the mail server's name (its certificate's too); it resolves to the sink.
    const resolve = async (host: string) => (host === 'mail.test' ? [{ address: '127.0.0.1', family: 4 }] : []);
    chans = createChannels(config.channels ?? {}, { baseDir: dir, timeoutMs: policy.timeoutMs, resolve, smtpCa: cert.cert, env: { PATH: `${dir}:/usr/bin:/bin` } });
    const check = () => runClaimedPass({ db: handle.db, http, clock, log }, sources, { owner: 'w', leaseMs: 60_000, batchSize: 50, concurrency: 4 });

    pages.setRoute('/aid', { body: page(8) });
    await check();
    clock.advance(3_600_000);
    pages.setRoute('/aid', { body: page(5, hostileSection) });
    expect((await check()).changes).toBe(1);
    const summary = await deliverDue({ db: handle.db, clock, log, channels: chans, policy, random: () => 0.5, publicUrl: PUBLIC_URL });
    const rows = (await listDeliveries(handle.db)).filter((d) => d.source === 'aid');
    expect(rows.filter((d) => d.state !== 'delivered').map((d) => `${d.channel}: ${d.lastError}`)).toEqual([]);
    expect(summary).toEqual({ delivered: 12, retrying: 0, dead: 0, skipped: 0, held: 0 });
    const ids = (await listChanges(handle.db, { sourceId: 'aid' })).map((c) => c.id).sort((a, b) => a - b);
    expect(ids).toHaveLength(2);
    const changeId = ids[1]!;
    const review = `${PUBLIC_URL}/changes/${changeId}`;

    // E-mail: one per change, over STARTTLS, logged in with the credentials of ${SMTP_URL}.
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.logins).toEqual([`${SMTP_USER}:${SMTP_PASS}`, `${SMTP_USER}:${SMTP_PASS}`]);
    expect(smtp.mails.every((m) => m.secure && m.user === SMTP_USER && m.to.join() === 'desk@example.org' && m.from === 'factwatch@example.org')).toBe(true);
    const mails = smtp.mails.map((m) => readMail(m.raw));
    const changedMail = mails.find((m) => m.body.includes(review))!;
    expect(changedMail).toBeDefined();
    expect(decodeWords(changedMail.headers.get('subject')!)).toMatch(/^factwatch: aid — /u);
    expect(changedMail.names.filter((n) => !['subject', 'from', 'to', 'message-id', 'date', 'mime-version', 'content-type', 'content-transfer-encoding', 'x-factwatch-key'].includes(n))).toEqual([]);
    expect(changedMail.body).toMatch(/€8\.5 million → €5\.5 million/u);
    expect(changedMail.body).toContain(HOSTILE);
    expect(changedMail.headers.get('x-factwatch-key')).toBe(String(changeId));

    // ntfy: the text as the body, the subject as Title, the review page as Click, the token as bearer.
    const ntfy = posted.filter((p) => p.path === '/ntfy/topic');
    expect(ntfy).toHaveLength(2);
    const ntfyChange = ntfy.find((p) => p.headers.click === review)!;
    expect(ntfyChange.headers.authorization).toBe(`Bearer ${NTFY_TOKEN}`);
    expect(decodeWords(ntfyChange.headers.title as string)).toMatch(/^factwatch: aid — /u);
    expect(ntfyChange.headers.tags).toBe('factwatch,change');
    expect(ntfyChange.headers['content-type']).toMatch(/^text\/plain/u);
    expect(ntfyChange.body).toContain(HOSTILE);
    expect(ntfyChange.body).toContain(review);

    // Discord: Markdown escaped, no mention parsed or pinged, links only ours.
    const discord = posted.filter((p) => p.path === '/discord').map((p) => JSON.parse(p.body) as { content: string; allowed_mentions: unknown });
    expect(discord).toHaveLength(2);
    const discordChange = discord.find((d) => d.content.includes(review))!;
    expect(discordChange.allowed_mentions).toEqual({ parse: [] });
    expect(discordChange.content.length).toBeLessThanOrEqual(2000);
    expect(discordChange.content).toMatch(/^\*\*aid\*\* — /u);
    expect(discordChange.content).toContain(`[change #${changeId}](<${review}>)`);
    expect(discordChange.content).not.toMatch(/(^|[^\u200b])@everyone/u);
    expect(discordChange.content).toContain('@\u200beveryone');
    expect(discordChange.content).toContain('\\*\\*loud\\*\\*');
    expect(discordChange.content).toContain('\\[click\\]');
    expect(discordChange.content).toContain('`https://evil.example/phish`');
    expect(discordChange.content).not.toContain('&amp;');

    // Mattermost: Markdown (bold is **…**), mentions defused, HTML entities allowed.
    const mm = posted.filter((p) => p.path === '/mattermost').map((p) => (JSON.parse(p.body) as { text: string }).text);
    const mmChange = mm.find((t) => t.includes(review))!;
    expect(mmChange).toMatch(/^\*\*aid\*\* — /u);
    expect(mmChange).toContain('@\u200bchannel');
    expect(mmChange).not.toMatch(/(^|[^\u200b])@channel/u);
    expect(mmChange).toContain('\\<b\\>x\\</b\\>');
    expect(mmChange).toContain(`[change #${changeId}](${review})`);

    // Teams: an Adaptive Card whose page text is in plain TextRuns, links as its own buttons.
    const teams = posted.filter((p) => p.path === '/teams').map((p) => JSON.parse(p.body) as { type: string; attachments: Array<{ contentType: string; content: { type: string; body: Array<{ type: string; inlines: Array<{ type: string; text: string }> }>; actions: Array<{ type: string; url: string }> } }> });
    const card = teams.map((t) => t.attachments[0]!).find((a) => a.content.actions.some((x) => x.url === review))!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.type).toBe('AdaptiveCard');
    expect(card.content.body.every((b) => b.type === 'RichTextBlock' && b.inlines.every((r) => r.type === 'TextRun'))).toBe(true);
    expect(card.content.body.flatMap((b) => b.inlines.map((r) => r.text)).some((t) => t.includes(HOSTILE))).toBe(true);
    expect(card.content.actions.map((a) => a.url)).toEqual([pages.url('/aid'), review]);

    // Apprise: no URL on the command line (it holds credentials), the title as one argument, the body on stdin.
    const runs = (await readFile(join(dir, 'apprise.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { argv: string[]; stdin: string; urls: string });
    expect(runs).toHaveLength(2);
    for (const r of runs) {
      expect(r.urls).toBe(APPRISE_URL);
      expect(r.argv.join(' ')).not.toContain('apprise-secret');
      expect(r.argv).toContain('--input-format=text');
      expect(r.argv.find((a) => a.startsWith('--title='))).toMatch(/^--title=factwatch: aid — /u);
    }
    expect(runs.find((r) => r.stdin.includes(review))!.stdin).toContain(HOSTILE);
  }, 60_000);
});
