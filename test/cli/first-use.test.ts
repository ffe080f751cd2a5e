import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/log.ts';
import { runDemo } from '../../src/demo/run-demo.ts';
import { runCli } from '../helpers/run-cli.ts';

/**
 * Roughness a new user meets in the first minutes (issue 17, item 7), on the demo's history:
 * one clear line and the right exit code instead of a stack trace, a wrong answer or a silent 0.
 * The demo always uses its own embedded database, so this runs in the embedded run only.
 */
describe.runIf(!process.env.DATABASE_URL)('first use of the CLI', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'fw-first-use-'));
  const env = { DATABASE_URL: undefined };
  const cli = (...args: string[]) => runCli(['--data-dir', '.factwatch-demo', ...args], { cwd, env });
  const snapshot = (name: string) => new URL(`../../snapshots/html/france-north-korea_${name}.html`, import.meta.url).pathname;

  beforeAll(async () => {
    await runDemo({ dataDir: '.factwatch-demo', cwd, color: false, write: () => undefined, log: silentLogger() });
  }, 120_000);

  it('show --version N shows that version, not the program version', async () => {
    const r = await cli('show', 'france-north-korea', '--version', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^france-north-korea version 2, captured/m);
    const program = await runCli(['--version']);
    expect(program.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reads --at in words, French included, and refuses what it cannot read (exit 2)', async () => {
    const french = await cli('show', 'france-north-korea', '--at', '1 mars 2018', '--json');
    expect(french.code, french.stderr).toBe(0);
    // v1 c. 2015, v2 5 July 2017, v3 26 October 2017 (in force on 1 March 2018), v4 May 2020.
    expect((JSON.parse(french.stdout) as { version: number }).version).toBe(3);
    const yesterday = await cli('show', 'france-north-korea', '--at', 'yesterday', '--json');
    expect(yesterday.code, yesterday.stderr).toBe(0);
    expect((JSON.parse(yesterday.stdout) as { version: number }).version).toBe(4);
    const bad = await cli('show', 'france-north-korea', '--at', 'someday soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot read "someday soon" as a date/);
  });

  it('suggests the source id a typo meant, for history and figures', async () => {
    for (const args of [['history', 'france-north-kore'], ['figures', 'france-nort-korea']]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(/^factwatch: unknown source "[^"]+" — did you mean "france-north-korea"\?$/);
    }
    const far = await cli('history', 'germany');
    expect(far.stderr).toMatch(/unknown source "germany" \(is this the right --data-dir/);
  });

  it('refuses an unknown figure series with exit 2 and names the nearest one', async () => {
    const list = await cli('figures', 'france-north-korea', '--json');
    const series = (JSON.parse(list.stdout) as Array<{ series: string }>).map((f) => f.series);
    expect(series.length).toBeGreaterThan(3);
    const typo = series[0]!.slice(0, -1);
    const r = await cli('figures', 'france-north-korea', '--key', typo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no figure series "${typo}" in france-north-korea`);
    expect(r.stderr).toContain(`did you mean "${series[0]}"?`);
    const json = await cli('figures', 'france-north-korea', '--key', 'nope', '--json');
    expect(json.code).toBe(2);
  });

  it('says what is wrong with a page to extract: a missing file, a URL without its scheme', async () => {
    // A page that cannot be read is a failure of the command (exit 1, docs/design.md's CLI contract).
    const missing = await runCli(['extract', 'no-such-page.html'], { cwd });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('factwatch: no such file "no-such-page.html"');
    const host = await runCli(['extract', 'www.diplomatie.gouv.fr/en/'], { cwd });
    expect(host.code).toBe(1);
    expect(host.stderr.trim()).toBe('factwatch: no such file "www.diplomatie.gouv.fr/en/"; for a URL, give its scheme: https://www.diplomatie.gouv.fr/en/');
    expect(`${missing.stderr}${host.stderr}`).not.toMatch(/\n\s+at /);
  });

  it('diff of two files names them, with no version, capture time or page move', async () => {
    const [from, to] = [snapshot('2017-07-05'), snapshot('2017-10-26')];
    const text = await runCli(['diff', from, to], { cwd });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Compared: +${from}$`, 'm'));
    expect(text.stdout).toMatch(new RegExp(`^With: +${to}$`, 'm'));
    expect(text.stdout).not.toMatch(/Versions:|Captured:|1970|Page moved|v0/);
    const markdown = await runCli(['diff', from, to, '--format', 'markdown'], { cwd });
    // A share at the start of a table cell is no ordered list: no backslash before its digits.
    expect(markdown.stdout).toContain('| 3.3% (2016) |');
    expect(markdown.stdout).not.toMatch(/\\\d/);
  });
});
