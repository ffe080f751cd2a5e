import { spawn } from 'node:child_process';
import { chmod, lstat, mkdtemp, readdir, readFile, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRows } from '../../src/store/execute-rows.ts';
import { createCliEnv, type CliEnv } from '../concurrency/cli-env.ts';
import { runCli } from '../helpers/run-cli.ts';

/**
 * `factwatch sources add|list|remove|enable|disable|test` as a user runs them (issue 17, item 5),
 * on a configuration written by hand: the file keeps its formatting (add + remove gives the same
 * bytes back), an invalid edit leaves it untouched (exit 2), two edits at once both land, and
 * `sources test` stores nothing. With `check` and `changes` filtering by tag, on this run's backend.
 */
describe('factwatch sources', () => {
  let cli: CliEnv;
  let file: string;
  const env = () => ({ ...cli.env, FW_PAGES: cli.server.origin });
  const run = (...args: string[]) => runCli(args, { cwd: cli.dir, env: env(), timeoutMs: 60_000 });
  const text = () => readFile(file, 'utf8');
  /** A configuration as a person formats it: three-space indentation, a one-line block, a `${VAR}` reference. */
  const ORIGINAL = [
    '{',
    '   "sources": [',
    '      {',
    '         "id": "home",',
    '         "url": "${FW_PAGES}/sc/0",',
    '         "tags": ["europe"]',
    '      }',
    '   ],',
    '   "fetch": { "allowNetworks": ["127.0.0.0/8"], "retries": 0 }',
    '}',
    '',
  ].join('\n');

  beforeAll(async () => {
    cli = await createCliEnv('sc', 4);
    file = join(cli.dir, 'factwatch.config.json');
  });
  afterAll(async () => {
    await cli?.close();
  });

  /** Files other than the configuration and the data directory: a lock or temporary file left behind. */
  const leftovers = async () => (await readdir(cli.dir)).filter((f) => f !== 'factwatch.config.json' && f !== '.factwatch');

  it('add, check and remove round-trip the file byte for byte, keeping its mode; check and changes filter by tag', async () => {
    await writeFile(file, ORIGINAL);
    await chmod(file, 0o640);

    const added = await run('sources', 'add', cli.server.url('/sc/1'), '--id', 'away', '--tag', 'asia', '--schedule', '0 7 * * *');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/added source "away"/);
    expect(added.stdout).not.toMatch(/created/);
    const withAway = await text();
    // Everything up to the end of the last source is the original's; the new source copies its layout.
    const cut = ORIGINAL.indexOf('\n   ],');
    expect(withAway.slice(0, cut)).toBe(ORIGINAL.slice(0, cut));
    expect(withAway.slice(withAway.indexOf('\n   ],'))).toBe(ORIGINAL.slice(cut));
    expect(withAway).toContain(`      },\n      {\n         "id": "away",\n         "url": "${cli.server.url('/sc/1')}",\n         "tags": ["asia"],\n         "schedule": "0 7 * * *"\n      }\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await leftovers()).toEqual([]);

    const checked = await run('check', '--all', '--json');
    expect(checked.code, checked.stderr).toBe(0);
    expect((JSON.parse(checked.stdout) as Array<{ source: string; outcome: string }>).map((r) => [r.source, r.outcome])).toEqual([['home', 'new'], ['away', 'new']]);

    // --tag: only the tagged sources run; a tag no source has runs none, says so on stderr, exit 0.
    cli.serve(1, 1);
    const tagged = await run('check', '--all', '--tag', 'asia', '--json');
    expect(tagged.code, tagged.stderr).toBe(0);
    expect((JSON.parse(tagged.stdout) as Array<{ source: string; outcome: string }>).map((r) => [r.source, r.outcome])).toEqual([['away', 'changed']]);
    const typo = await run('check', '--all', '--tag', 'asa', '--json');
    expect(typo.code, typo.stderr).toBe(0);
    expect(JSON.parse(typo.stdout)).toEqual([]);
    expect(typo.stderr).toMatch(/no source has the tag "asa" — did you mean "asia"\?/);

    const sourcesOf = (out: string) => [...new Set((JSON.parse(out) as Array<{ source: string }>).map((c) => c.source))].sort();
    expect(sourcesOf((await run('changes', '--json')).stdout)).toEqual(['away', 'home']);
    expect(sourcesOf((await run('changes', '--tag', 'asia', '--json')).stdout)).toEqual(['away']);
    expect(sourcesOf((await run('changes', '--tag', 'asia', '--tag', 'europe', '--json')).stdout)).toEqual(['away', 'home']);
    const none = await run('changes', '--tag', 'eurpe', '--json');
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual([]);
    expect(none.stderr).toMatch(/did you mean "europe"\?/);

    const removed = await run('sources', 'remove', 'away');
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/history .* is kept in the database, not deleted/);
    expect(await text()).toBe(ORIGINAL);
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    // The history stays.
    const history = await run('history', 'away', '--json');
    expect(history.code, history.stderr).toBe(0);
    expect(JSON.parse(history.stdout)).toHaveLength(2);
  }, 240_000);

  it('refuses an invalid add with exit 2 and leaves the file byte for byte as it was', async () => {
    await writeFile(file, ORIGINAL);
    const refused: Array<[string[], RegExp]> = [
      [['--schedule', 'every day'], /sources\[1\]\.schedule: "every day" is not a valid cron expression/],
      [['--id', 'Not_A_Slug'], /sources\[1\]\.id: must be a slug/],
      [['--tag', 'Far East'], /sources\[1\]\.tags\[0\]: must be a slug/],
      [['--id', 'home'], /there is already a source "home"/],
      [['--timezone', 'Mars/Olympus'], /sources\[1\]\.timezone/],
    ];
    for (const [flags, message] of refused) {
      const r = await run('sources', 'add', 'https://example.org/other', ...flags);
      expect(r.code, `${flags.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(await text()).toBe(ORIGINAL);
    }
    // The same page under a reference, or with another spelling of its host: already watched.
    const same = await run('sources', 'add', cli.server.url('/sc/0').replace('http://', 'HTTP://'));
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/is already watched, as source "home"/);
    const scheme = await run('sources', 'add', 'ftp://example.org/file');
    expect(scheme.code).toBe(2);
    expect(scheme.stderr).toMatch(/only http\(s\) URLs/);
    const bare = await run('sources', 'add', 'www.example.org/page');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/did you mean https:\/\/www\.example\.org\/page/);
    for (const verb of ['remove', 'disable', 'enable', 'test']) {
      const r = await run('sources', verb, 'hme');
      expect(r.code, verb).toBe(2);
      expect(r.stderr).toMatch(/no source "hme" in the configuration — did you mean "home"\?/);
    }
    expect(await text()).toBe(ORIGINAL);
    expect(await leftovers()).toEqual([]);
  }, 120_000);

  it('lists the sources as JSON, and disable + enable gives the file back', async () => {
    await writeFile(file, ORIGINAL);
    expect((await run('sources', 'add', cli.server.url('/sc/2'), '--tag', 'asia', '--tag', 'trade')).code).toBe(0);
    const list = await run('sources', 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      { id: 'home', url: '${FW_PAGES}/sc/0', enabled: true, tags: ['europe'], schedule: '0 6 * * *' },
      { id: '2', url: cli.server.url('/sc/2'), enabled: true, tags: ['asia', 'trade'], schedule: '0 6 * * *' },
    ]);
    expect(JSON.parse((await run('sources', 'list', '--json', '--tag', 'trade')).stdout).map((s: { id: string }) => s.id)).toEqual(['2']);

    const before = await text();
    const off = await run('sources', 'disable', 'home');
    expect(off.code, off.stderr).toBe(0);
    expect(JSON.parse((await run('sources', 'list', '--json')).stdout)[0].enabled).toBe(false);
    const again = await run('sources', 'disable', 'home');
    expect(again.stdout).toMatch(/already disabled/);
    const checked = await run('check', '--all', '--json');
    expect((JSON.parse(checked.stdout) as Array<{ source: string }>).map((r) => r.source)).toEqual(['2']);
    expect((await run('sources', 'enable', 'home')).code).toBe(0);
    expect(await text()).toBe(before);
  }, 120_000);

  it('keeps both of two adds run at the same time', async () => {
    const base = '{\n  "sources": [],\n  "fetch": { "allowNetworks": ["127.0.0.0/8"] }\n}\n';
    for (let round = 0; round < 2; round++) {
      await writeFile(file, base);
      const urls = [0, 1, 2].map((i) => `https://example.org/round-${round}/page-${i}`);
      const results = await Promise.all(urls.map((u) => run('sources', 'add', u)));
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      const config = JSON.parse(await text()) as { sources: Array<{ url: string }> };
      expect(config.sources.map((s) => s.url).sort()).toEqual(urls);
      expect(await leftovers()).toEqual([]);
    }
  }, 120_000);

  it('removes a lock left by a dead process, and waits for one a live process holds', async () => {
    await writeFile(file, ORIGINAL);
    const lock = `${file}.lock`;
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    await writeFile(lock, `${dead.pid} left-over\n`);
    const r = await run('sources', 'add', 'https://example.org/after-crash');
    expect(r.code, r.stderr).toBe(0);
    expect(await leftovers()).toEqual([]);

    await writeFile(lock, `${process.pid} held-by-the-test\n`);
    let exited = false;
    const waiting = run('sources', 'add', 'https://example.org/after-wait').then((res) => ((exited = true), res));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(exited).toBe(false);
    expect(await readFile(lock, 'utf8')).toBe(`${process.pid} held-by-the-test\n`);
    await unlink(lock);
    const res = await waiting;
    expect(res.code, res.stderr).toBe(0);
    expect((JSON.parse(await text()) as { sources: Array<{ id: string }> }).sources.map((s) => s.id)).toEqual(['home', 'after-crash', 'after-wait']);
  }, 120_000);

  it('test fetches and extracts once, as check would, and stores nothing', async () => {
    await writeFile(file, ORIGINAL);
    expect((await run('sources', 'add', cli.server.url('/sc/3'), '--id', 'fresh')).code).toBe(0);
    const counts = async () => {
      const h = await cli.open();
      try {
        return await executeRows(
          h.db,
          sql`select (select count(*)::int from sources) as sources, (select count(*)::int from versions) as versions, (select count(*)::int from checks) as checks,
            (select count(*)::int from changes) as changes, (select count(*)::int from figures) as figures, (select count(*)::int from deliveries) as deliveries,
            (select max(last_checked_at) from sources)::text as last_checked`,
        );
      } finally {
        await h.close();
      }
    };
    const before = await counts();
    const human = await run('sources', 'test', 'fresh');
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^Page 3 {2}\[/m);
    expect(human.stdout).toMatch(/^Figures: [1-9]\d*$/m);
    expect(human.stdout).toMatch(/€3\.5 million/);
    expect(human.stdout).toMatch(/Nothing was stored/);
    const json = await run('sources', 'test', 'fresh', '--json');
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as { title: string; url: string; figures: Array<{ kind: string; value: number }> };
    expect(doc.title).toBe('Page 3');
    expect(doc.url).toBe(cli.server.url('/sc/3'));
    expect(doc.figures.map((f) => [f.kind, f.value])).toContainEqual(['money', 3_500_000]);
    expect(await counts()).toEqual(before);
    expect(cli.server.requests.filter((q) => q.path === '/sc/3')).toHaveLength(2);
  }, 120_000);

  it('creates the file when there is none, and edits the file a symbolic link points to', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fw-sources-new-'));
    try {
      const created = await runCli(['sources', 'add', 'https://example.org/fr/country-files/japan/'], { cwd: dir, env: env() });
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toMatch(/^created .*factwatch\.config\.json \(there was no configuration file\)$/m);
      expect(created.stdout).toMatch(/added source "japan"/);
      const list = await runCli(['sources', 'list', '--json'], { cwd: dir, env: env() });
      expect(JSON.parse(list.stdout)).toEqual([{ id: 'japan', url: 'https://example.org/fr/country-files/japan/', enabled: true, tags: [], schedule: '0 6 * * *' }]);
      // A second page of the same name gets the host in front of it.
      await runCli(['sources', 'add', 'https://other.example.org/japan'], { cwd: dir, env: env() });
      const real = join(dir, 'real.json');
      await writeFile(real, await readFile(join(dir, 'factwatch.config.json'), 'utf8'));
      await symlink(real, join(dir, 'linked.json'));
      const viaLink = await runCli(['--config', 'linked.json', 'sources', 'remove', 'japan'], { cwd: dir, env: env() });
      expect(viaLink.code, viaLink.stderr).toBe(0);
      expect((await lstat(join(dir, 'linked.json'))).isSymbolicLink()).toBe(true);
      expect(JSON.parse(await readFile(real, 'utf8')).sources.map((s: { id: string }) => s.id)).toEqual(['other-example-org-japan']);
      const missing = await runCli(['--config', 'absent.json', 'sources', 'remove', 'japan'], { cwd: dir, env: env() });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/there is no configuration file/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
