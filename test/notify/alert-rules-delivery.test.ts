import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import type { RawConfig } from '../../src/config/schema.ts';
import { createHttpClient, type HttpClient } from '../../src/fetch/index.ts';
import type { Change } from '../../src/model/index.ts';
import { alertRulesOf, closeChannels, createChannels, deliverDue, IDEMPOTENCY_HEADER, type DeliveryPolicy } from '../../src/notify/index.ts';
import { runClaimedPass } from '../../src/schedule/run-claimed-pass.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { listDeliveries } from '../../src/store/queries/deliveries.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { loadReportMeta } from '../../src/report/load-report-meta.ts';
import { notificationLine } from '../../src/report/notification-lines.ts';
import { renderText } from '../../src/report/render-text.ts';
import { createWebApp } from '../../src/web/create-app.ts';
import { parseHTML } from 'linkedom';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';

const LOOPBACK = ['127.0.0.0/8'];
const policy: DeliveryPolicy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 10_000, leaseMs: 30_000, timeoutMs: 5_000 };

/** A page with two figures (and optionally a section): bilateral trade and humanitarian aid, in € million. */
function page(trade: string, aid: string, extraSection: string | null = null): string {
  const extra = extraSection ? `<h2>${extraSection}</h2><p>France and the country signed a cultural agreement.</p>` : '';
  return `<!doctype html><html lang="en"><head><title>France and Somewhere</title></head><body><main><h1>France and Somewhere</h1>
    <h2>Economic relations</h2><p>Bilateral trade reached €${trade} million in 2016.</p><p>Humanitarian aid reached €${aid} million in 2016.</p>${extra}</main></body></html>`;
}

interface Received {
  path: string;
  key: string | undefined;
  payload: { id: number; source: string; change: Change | null; rule?: { origin: string; events: string[]; figures: Array<{ series: string; label: string; move: string }>; note: string } };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Alert rules end to end (issue 17, item 2): real checks of pages served on 127.0.0.1, the
 * outbox, and a webhook receiver on 127.0.0.1 that records what it got. A manual clock steps an
 * hour per check; delivery runs after each check, as `watch` and `check` do.
 */
describe(`alert rules, delivered (${backend})`, () => {
  let handle: DatabaseHandle;
  let pages: PageServer;
  let receiver: PageServer;
  let http: HttpClient;
  const opened: Array<ReturnType<typeof createChannels>> = [];
  const clock = new ManualClock('2024-06-01T09:00:00Z');
  const log = silentLogger();
  const received: Received[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase();
    pages = await startPageServer();
    receiver = await startPageServer();
    for (const path of ['/big', '/flap', '/net', '/net2', '/quiet', '/sections', '/figures']) {
      receiver.setRoute(path, async (req, res) => {
        const body = await readBody(req);
        received.push({ path, key: req.headers[IDEMPOTENCY_HEADER.toLowerCase()] as string | undefined, payload: JSON.parse(body) as Received['payload'] });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    }
    http = createHttpClient({ allowNetworks: LOOPBACK, retries: 0 }, { clock, log, sleep: async () => {} });
  });
  afterAll(async () => {
    for (const chans of opened) await closeChannels(chans);
    await http?.close();
    await pages?.close();
    await receiver?.close();
    await handle?.close();
  });

  const hook = (path: string, when?: RawConfig['channels'] extends Record<string, infer C> | undefined ? (C extends { when?: infer W } ? W : never) : never) => ({
    type: 'webhook' as const,
    url: receiver.url(path),
    allowNetworks: LOOPBACK,
    ...(when ? { when } : {}),
  });

  /** One config's sources and channels; `step` = check everything due, then deliver what is due. */
  async function setup(written: RawConfig) {
    const config: RawConfig = { ...written, fetch: { allowNetworks: LOOPBACK, retries: 0 } };
    const sources = resolveSources(config);
    await syncSources(handle.db, sources, clock.now());
    const chans = createChannels(config.channels ?? {}, { baseDir: '.', timeoutMs: policy.timeoutMs });
    opened.push(chans);
    const deliver = () => deliverDue({ db: handle.db, clock, log, channels: chans, policy, random: () => 0.5, rules: alertRulesOf(config) });
    const check = () => runClaimedPass({ db: handle.db, http, clock, log }, sources, { owner: 'w', leaseMs: 60_000, batchSize: 50, concurrency: 4 });
    return {
      deliver,
      /** A check with no delivery after it (`check --no-deliver`), and the clock's hour. */
      async checkOnly() {
        await check();
        clock.advance(3_600_000);
      },
      async step() {
        await check();
        const summary = await deliver();
        clock.advance(3_600_000);
        return summary;
      },
    };
  }
  const rowsOf = async (source: string) => (await listDeliveries(handle.db)).filter((d) => d.source === source).reverse();

  it('a 2% and a 15% move under "minChangePct 10": exactly one alert, naming the 15% figure only', async () => {
    const { step, deliver } = await setup({
      sources: [{ id: 'big', url: pages.url('/big'), schedule: '0 * * * *', notify: ['big'] }],
      channels: { big: hook('/big', { figures: { minChangePct: 10 } }) },
    });
    pages.setRoute('/big', { body: page('8', '100') });
    expect(await step()).toMatchObject({ delivered: 0, skipped: 1 }); // a first capture is not a figure move
    pages.setRoute('/big', { body: page('9.2', '102') }); // +15 %, +2 %
    await step();
    await Promise.all([deliver(), deliver()]); // a second sender finds nothing left to send
    const got = received.filter((r) => r.path === '/big');
    expect(got).toHaveLength(1);
    const { payload } = got[0]!;
    expect(payload.change?.figures.changed.map((fc) => fc.to.raw)).toEqual(['€9.2 million']);
    expect(JSON.stringify(payload)).not.toMatch(/€102 million/);
    expect(payload.rule).toMatchObject({ origin: 'channel', events: ['figure_changed'] });
    expect(payload.rule?.figures.map((f) => `${f.label} ${f.move}`)).toEqual(['Bilateral trade +15%']);
    expect(payload.rule?.note).toBe('figure changed, ≥ 10% (Bilateral trade +15%)');

    const rows = await rowsOf('big');
    expect(rows.map((d) => [d.state, d.attempts])).toEqual([['skipped', 1], ['delivered', 1]]);
    expect(rows[0]!.ruleNote).toMatch(/^no event the rule names \(this change: first capture\)$/);
    expect(rows[1]!.ruleNote).toBe('figure changed, ≥ 10% (Bilateral trade +15%)');
    expect(got[0]!.key).toBe(String(rows[1]!.refId));

    // The change report and the change page say which rule fired, per channel.
    const loaded = (await loadReportMeta(handle.db, rows[1]!.refId))!;
    const notifications = (await listDeliveries(handle.db, { changeId: rows[1]!.refId })).map(notificationLine);
    expect(notifications).toEqual(['Notified big: figure changed, ≥ 10% (Bilateral trade +15%)']);
    const text = renderText(loaded.row.change, { ...loaded.meta, notifications });
    expect(text).toMatch(/\nNotifications\n {2}Notified big: figure changed, ≥ 10% \(Bilateral trade \+15%\)\n$/);
    // The report itself is the whole change: the 2 % move is there, only the alert left it out.
    expect(text).toMatch(/€102 million/);
    const app = createWebApp({ db: handle.db, clock, log, token: null });
    const pageHtml = await (await app.request(`/changes/${rows[1]!.refId}`)).text();
    const items = [...parseHTML(pageHtml).document.querySelectorAll('#notifications li')].map((li) => li.textContent);
    expect(items).toEqual(['Notified big: figure changed, ≥ 10% (Bilateral trade +15%)']);
    const firstPage = await (await app.request(`/changes/${rows[0]!.refId}`)).text();
    expect([...parseHTML(firstPage).document.querySelectorAll('#notifications li')].map((li) => li.textContent)).toEqual([
      'Not sent to big: no event the rule names (this change: first capture)',
    ]);
  }, 60_000);

  it('a flapping page under "confirm: 2" sends nothing, not even when it settles back where it began; content that then holds two checks sends exactly one', async () => {
    const { step, deliver } = await setup({
      sources: [{ id: 'flap', url: pages.url('/flap'), schedule: '0 * * * *', notify: ['flap'] }],
      channels: { flap: hook('/flap', { confirm: 2 }) },
    });
    const a = page('8', '100');
    const b = page('5', '100');
    const c = page('12', '100');
    for (let i = 0; i < 5; i++) {
      pages.setRoute('/flap', { body: i % 2 === 0 ? a : b });
      await step();
    }
    expect(received.filter((r) => r.path === '/flap')).toHaveLength(0);
    let rows = await rowsOf('flap');
    expect(rows.map((d) => d.state)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'pending']);
    for (const d of rows.slice(0, 4)) expect(d.ruleNote).toBe('superseded before 2 checks agreed (1 of 2 checks agree)');
    expect(rows[4]!.ruleNote).toBe('held until 2 checks agree (1 of 2 checks agree)');
    // Holding burns no attempt, and a held change is not looked at again before its source is checked.
    expect(rows[4]!.attempts).toBe(0);
    expect(await deliver()).toMatchObject({ held: 0, delivered: 0, skipped: 0 });

    // a holds now, but a is where the page began (version 1, the first capture): net, nothing changed.
    await step();
    await step();
    expect(received.filter((r) => r.path === '/flap')).toHaveLength(0);
    rows = await rowsOf('flap');
    expect(rows.map((d) => d.state)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect(rows[4]!.ruleNote).toBe('confirmed, but back to the content of version 1 after 3 held changes: no net change');

    // c, then c again: exactly one alert, from a (version 5, confirmed) to c.
    pages.setRoute('/flap', { body: c });
    await step();
    await step();
    await step(); // and a third check: nothing new to send
    const got = received.filter((r) => r.path === '/flap');
    expect(got).toHaveLength(1);
    rows = await rowsOf('flap');
    expect(got[0]!.key).toBe(String(rows[5]!.refId));
    expect(got[0]!.payload.rule?.note).toBe('figure changed, text changed; confirmed by 2 consecutive checks');
    expect(got[0]!.payload.change?.figures.changed.map((fc) => `${fc.from.raw} → ${fc.to.raw}`)).toEqual(['€8 million → €12 million']);
    expect(rows.map((d) => [d.state, d.attempts])).toEqual([['skipped', 1], ['skipped', 1], ['skipped', 1], ['skipped', 1], ['skipped', 1], ['delivered', 1]]);

    // C → B → C: B does not hold, and C confirmed is what the channel was last told: skipped.
    pages.setRoute('/flap', { body: b });
    await step();
    pages.setRoute('/flap', { body: c });
    await step();
    await step();
    expect(received.filter((r) => r.path === '/flap')).toHaveLength(1);
    rows = await rowsOf('flap');
    expect(rows.map((d) => d.state)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'delivered', 'skipped', 'skipped']);
    expect(rows[7]!.ruleNote).toMatch(/^confirmed, but back to the content this channel was last notified of/);
  }, 120_000);

  it('a run of held changes (A → B held, B → C held, C confirmed) sends one alert of the net change A → C, and the held one is skipped naming it', async () => {
    const { step } = await setup({
      sources: [{ id: 'net', url: pages.url('/net'), schedule: '0 * * * *', notify: ['net'] }],
      channels: { net: hook('/net', { figures: { minChangePct: 10 }, confirm: 2 }) },
    });
    pages.setRoute('/net', { body: page('8', '100') });
    await step();
    await step(); // A confirmed (a first capture: no figure moved, so no alert)
    pages.setRoute('/net', { body: page('8.8', '100') }); // B: +10 %, held
    await step();
    pages.setRoute('/net', { body: page('9', '103') }); // C: B superseded; B → C alone is +2.3 % and +3 %, which the rule would not send
    await step();
    expect(received.filter((r) => r.path === '/net')).toHaveLength(0);
    await step(); // C again: confirmed
    await step(); // nothing more
    const got = received.filter((r) => r.path === '/net');
    expect(got).toHaveLength(1);
    const rows = await rowsOf('net');
    expect(rows.map((d) => d.state)).toEqual(['skipped', 'skipped', 'delivered']);
    const [first, b, cRow] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    const { payload } = got[0]!;
    const net = payload as unknown as { fromVersion: number; toVersion: number; net: { fromVersion: number; changeIds: number[] }; summary: string };
    // The one alert is C's (its idempotency key), describing A → C: version 1 to version 3, +12.5 %.
    expect(got[0]!.key).toBe(String(cRow.refId));
    expect([net.fromVersion, net.toVersion]).toEqual([1, 3]);
    expect(net.net).toEqual({ fromVersion: 1, changeIds: [b.refId, cRow.refId] });
    expect(payload.change?.figures.changed.map((fc) => `${fc.from.raw} → ${fc.to.raw}`)).toEqual(['€8 million → €9 million']);
    expect(payload.rule?.figures.map((f) => `${f.label} ${f.move}`)).toEqual(['Bilateral trade +12.5%']);
    expect(payload.rule?.note).toBe(`figure changed, ≥ 10% (Bilateral trade +12.5%); confirmed by 2 consecutive checks; net change since version 1 over 2 changes (#${b.refId}, #${cRow.refId})`);
    expect(cRow.ruleNote).toBe(payload.rule?.note);
    expect(first.ruleNote).toBe('no event the rule names (this change: first capture); confirmed by 2 consecutive checks');
    expect(b.ruleNote).toBe(`superseded before it was confirmed; in the alert of change #${cRow.refId} (net change since version 1)`);
    // The stored change C is still B → C: the report shows what the page did, the alert what the reader missed.
    const stored = (await loadReportMeta(handle.db, cRow.refId))!;
    expect([stored.row.fromVersion?.seq, stored.row.toVersion.seq]).toEqual([2, 3]);
    const notifications = (await listDeliveries(handle.db, { changeIds: [b.refId, cRow.refId] })).map(notificationLine);
    expect(notifications).toEqual([`Notified net: ${payload.rule?.note}`, `Not sent to net: ${b.ruleNote}`]);
  }, 120_000);

  it('the net change too when the held changes were never judged (checks without delivery, then one delivery)', async () => {
    const { step, checkOnly, deliver } = await setup({
      sources: [{ id: 'net2', url: pages.url('/net2'), schedule: '0 * * * *', notify: ['net2'] }],
      channels: { net2: hook('/net2', { confirm: 2 }) },
    });
    pages.setRoute('/net2', { body: page('8', '100') });
    await step();
    expect(await step()).toMatchObject({ delivered: 1 }); // A, confirmed
    pages.setRoute('/net2', { body: page('9', '100') });
    await checkOnly(); // B
    pages.setRoute('/net2', { body: page('9', '120') });
    await checkOnly(); // C
    await checkOnly(); // C again: confirmed
    // One sender finds B (pending, superseded) and C (confirmed) together: one alert, A → C.
    expect(await deliver()).toMatchObject({ delivered: 1, skipped: 1, held: 0 });
    const got = received.filter((r) => r.path === '/net2');
    expect(got).toHaveLength(2);
    const rows = await rowsOf('net2');
    expect(got[1]!.key).toBe(String(rows[2]!.refId));
    expect(got[1]!.payload.change?.figures.changed.map((fc) => `${fc.from.raw} → ${fc.to.raw}`)).toEqual(['€8 million → €9 million', '€100 million → €120 million']);
    expect(rows.map((d) => [d.state, d.ruleNote])).toEqual([
      ['delivered', 'first capture; confirmed by 2 consecutive checks'],
      ['skipped', `superseded before it was confirmed; in the alert of change #${rows[2]!.refId} (net change since version 1)`],
      ['delivered', `figure changed, text changed; confirmed by 2 consecutive checks; net change since version 1 over 2 changes (#${rows[1]!.refId}, #${rows[2]!.refId})`],
    ]);
  }, 120_000);

  it('an events filter ("section_added" only) on the channel, replaced by a source rule for one source', async () => {
    const { step } = await setup({
      sources: [
        { id: 'sec', url: pages.url('/sec'), schedule: '0 * * * *', notify: ['sections'] },
        { id: 'fig', url: pages.url('/fig'), schedule: '0 * * * *', notify: [{ channel: 'sections', when: { events: ['figure_changed'] } }, 'figures'] },
      ],
      channels: { sections: hook('/sections', { events: ['section_added'] }), figures: hook('/figures') },
    });
    pages.setRoute('/sec', { body: page('8', '100') });
    pages.setRoute('/fig', { body: page('8', '100') });
    await step();
    pages.setRoute('/sec', { body: page('9', '100') }); // a figure changed: not for "sections"
    pages.setRoute('/fig', { body: page('9', '100', 'Culture') }); // a figure and a section: the source rule wants the figure
    await step();
    pages.setRoute('/sec', { body: page('9', '100', 'Culture') }); // a section added
    await step();

    const sections = received.filter((r) => r.path === '/sections');
    expect(sections.map((r) => `${r.payload.source} ${r.payload.rule?.origin} ${r.payload.rule?.events.join(',')}`).sort()).toEqual([
      'fig source figure_changed',
      'sec channel section_added',
    ]);
    // The channel without a rule gets every change of its source, first capture included, without a `rule`.
    const figures = received.filter((r) => r.path === '/figures');
    expect(figures).toHaveLength(2);
    expect(figures.every((r) => r.payload.rule === undefined)).toBe(true);

    expect((await rowsOf('sec')).map((d) => d.state)).toEqual(['skipped', 'skipped', 'delivered']);
    const fig = await rowsOf('fig');
    expect(fig.filter((d) => d.channel === 'sections').map((d) => [d.state, d.ruleNote])).toEqual([
      ['skipped', 'source rule: no event the rule names (this change: first capture)'],
      ['delivered', 'source rule: figure changed'],
    ]);
    expect(fig.filter((d) => d.channel === 'figures').map((d) => [d.state, d.ruleNote])).toEqual([
      ['delivered', null],
      ['delivered', null],
    ]);
  }, 60_000);

  it('a held change is not left pending for ever: skipped once its source is no longer checked, or 30 days after the change', async () => {
    const config: RawConfig = {
      sources: [
        { id: 'quiet', url: pages.url('/quiet'), schedule: '0 * * * *', notify: ['quiet'] },
        { id: 'stuck', url: pages.url('/stuck'), schedule: '0 * * * *', notify: ['quiet'] },
      ],
      channels: { quiet: hook('/quiet', { confirm: 2 }) },
    };
    const { step, deliver } = await setup(config);
    pages.setRoute('/quiet', { body: page('8', '100') });
    pages.setRoute('/stuck', { body: page('8', '100') });
    await step();
    expect(await step()).toMatchObject({ delivered: 2 }); // both first captures confirmed
    pages.setRoute('/quiet', { body: page('9', '100') });
    pages.setRoute('/stuck', { body: page('9', '100') });
    expect(await step()).toMatchObject({ delivered: 0, held: 2 });

    // `sources disable quiet` (or a watch whose configuration no longer has it): the next sync disables it, and nothing checks it again.
    await syncSources(handle.db, resolveSources({ ...config, sources: [{ ...config.sources[0]!, enabled: false }, config.sources[1]!] }), clock.now());
    // stuck keeps failing: a failed check confirms nothing, so its change is held again.
    pages.setRoute('/stuck', { status: 500, body: 'down' });
    expect(await step()).toMatchObject({ delivered: 0, skipped: 1, held: 1 });
    const quiet = await rowsOf('quiet');
    expect(quiet.map((d) => [d.state, d.ruleNote])).toEqual([
      ['delivered', 'first capture; confirmed by 2 consecutive checks'],
      ['skipped', 'source no longer checked (disabled or removed from the configuration) before 2 checks agreed (1 of 2 checks agree)'],
    ]);
    // The report and the change page of that change say so.
    expect((await listDeliveries(handle.db, { changeId: quiet[1]!.refId })).map(notificationLine)).toEqual([
      'Not sent to quiet: source no longer checked (disabled or removed from the configuration) before 2 checks agreed (1 of 2 checks agree)',
    ]);

    // Nothing checks stuck any more either (the clock jumps; no check runs): held until 30 days after its change, then skipped.
    const stuck = await rowsOf('stuck');
    const detectedAt = (await loadReportMeta(handle.db, stuck[1]!.refId))!.row.detectedAt;
    clock.set(new Date(detectedAt.getTime() + 30 * 86_400_000 - 1_000));
    expect(await deliver()).toMatchObject({ delivered: 0, skipped: 0, held: 0 });
    expect((await rowsOf('stuck'))[1]).toMatchObject({ state: 'pending', ruleNote: 'held until 2 checks agree (1 of 2 checks agree)' });
    clock.advance(1_000);
    expect(await deliver()).toMatchObject({ delivered: 0, skipped: 1, held: 0 });
    expect((await rowsOf('stuck')).map((d) => [d.state, d.ruleNote])).toEqual([
      ['delivered', 'first capture; confirmed by 2 consecutive checks'],
      ['skipped', 'not confirmed within 30 days of the change (1 of 2 checks agree)'],
    ]);
    expect(received.filter((r) => r.path === '/quiet')).toHaveLength(2);
  }, 120_000);
});
