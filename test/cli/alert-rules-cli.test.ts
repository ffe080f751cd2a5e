import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { runCli } from '../helpers/run-cli.ts';

/**
 * Alert rules as a cron user meets them: `check` decides by the rule and says how many were
 * skipped, `deliveries` shows why, `report` says what each channel was sent. Embedded database
 * only: the rule is decided the same way on PostgreSQL (test/notify/alert-rules-delivery.test.ts
 * runs there).
 */
describe.runIf(!process.env.DATABASE_URL)('factwatch alert rules (CLI)', () => {
  let server: PageServer;
  let dir: string;
  const env = { DATABASE_URL: undefined, FACTWATCH_LOG_LEVEL: 'error' };
  const page = (million: number, section = '') =>
    `<!doctype html><html lang="en"><head><title>a</title></head><body><main><h1>Page a</h1><p>Trade was €${million} million in 2016.</p>${section}</main></body></html>`;
  const sent = async () => (await readFile(join(dir, 'changes.jsonl'), 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');
  const cli = (...args: string[]) => runCli(args, { cwd: dir, env });

  beforeAll(async () => {
    server = await startPageServer();
    dir = await mkdtemp(join(tmpdir(), 'fw-alert-rules-'));
    await writeFile(
      join(dir, 'factwatch.config.json'),
      JSON.stringify({
        sources: [{ id: 'a', url: server.url('/a'), notify: ['file'] }],
        channels: { file: { type: 'file', path: 'changes.jsonl', when: { events: ['section_added'] } } },
        fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 },
      }),
    );
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('skips what the rule does not want, sends what it does, and says so in check, deliveries and report', async () => {
    server.setRoute('/a', { body: page(3) });
    const first = await cli('check', '--all');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^notifications: 0 sent, 0 to retry, 0 failed for good, 1 skipped by their alert rule \(factwatch deliveries\)$/m);

    server.setRoute('/a', { body: page(4, '<h2>Culture</h2><p>A cultural agreement was signed.</p>') });
    const second = await cli('check', '--all');
    expect(second.stdout).toMatch(/^notifications: 1 sent, 0 to retry, 0 failed for good \(factwatch deliveries\)$/m);
    const lines = await sent();
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { rule: { origin: string; events: string[]; note: string }; change: { sections: { added: string[] } } };
    expect(line.rule).toMatchObject({ origin: 'channel', events: ['section_added'], note: 'section added' });

    const listed = JSON.parse((await cli('deliveries', '--json')).stdout) as Array<{ changeId: number; state: string; ruleNote: string | null }>;
    expect(listed.map((d) => [d.state, d.ruleNote])).toEqual([
      ['delivered', 'section added'],
      ['skipped', 'no event the rule names (this change: first capture)'],
    ]);
    const skipped = JSON.parse((await cli('deliveries', '--json', '--state', 'skipped')).stdout) as unknown[];
    expect(skipped).toHaveLength(1);

    const changes = (await cli('changes')).stdout.split('\n');
    expect(changes[0]).toMatch(/^id\s+source\s+versions\s+detected\s+state\s+notified\s+summary$/);
    expect(changes.find((l) => l.startsWith(`${listed[0]!.changeId} `))).toMatch(/\bnew\s+file\s+/);
    expect(changes.find((l) => l.startsWith(`${listed[1]!.changeId} `))).toMatch(/\bnew\s+-\s+/);

    const report = await cli('report', String(listed[0]!.changeId));
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/\nNotifications\n {2}Notified file: section added\n/);
    const markdown = await cli('report', String(listed[1]!.changeId), '--format', 'markdown');
    expect(markdown.stdout).toMatch(/## Notifications\n\n- Not sent to file: no event the rule names \(this change: first capture\)\n/);
  }, 120_000);
});
