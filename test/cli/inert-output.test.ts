import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { runCli } from '../helpers/run-cli.ts';

/**
 * Escape sequences as a page writes them in HTML: numeric references the parser decodes to ESC
 * (27), BEL (7) and the 8-bit CSI (155). OSC 52 (clipboard), OSC 8 (hidden link), CSI (cursor,
 * erase), OSC 0 (window title).
 */
const CLIPBOARD = '&#27;]52;c;cm0gLXJmIH4=&#7;';
const HIDDEN_LINK = '&#27;]8;;https://evil.example/&#27;\\innocent&#27;]8;;&#27;\\';
const CURSOR = '&#27;[2A&#27;[2K&#155;1;1H';
const TITLE = '&#27;]0;owned&#7;';

function page(aid: number): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile ${TITLE}page</title></head><body><main>
<h1>Hostile ${TITLE}page</h1><p>Updated: ${aid} March 2019</p>
<h2>Aid ${CURSOR}programme</h2><p>The aid programme totalled €${aid} million in 2018 ${CLIPBOARD}, see ${HIDDEN_LINK}.</p>
${aid > 1 ? `<h2>New ${CLIPBOARD}section</h2><p>Bilateral trade reached €${aid * 3} million in 2018.</p>` : ''}
</main></body></html>`;
}

/** Any control character but newline and tab. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

/** Every CLI command that prints page-derived text prints it inert, in human and in JSON form. */
// Always the embedded database (DATABASE_URL removed), whatever backend the suite runs on: the
// PostgreSQL run would repeat it exactly, so it runs in the embedded run only.
describe.runIf(!process.env.DATABASE_URL)('CLI output of page text is inert', () => {
  let dir: string;
  let pages: PageServer;
  const env = () => ({ DATABASE_URL: undefined, FACTWATCH_DATA_DIR: join(dir, 'db') });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fw-inert-'));
    pages = await startPageServer();
    await writeFile(join(dir, 'hostile.html'), page(2));
    await writeFile(
      join(dir, 'factwatch.config.json'),
      JSON.stringify({ sources: [{ id: 'hostile', url: pages.url('/hostile/'), profile: 'generic' }], fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0, robots: false } }),
    );
  });
  afterAll(async () => {
    await pages?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('extract, check, show, history, changes, figures, report and diff print no control characters', async () => {
    const outputs: Array<[string, string]> = [];
    const run = async (args: string[]) => {
      const r = await runCli(args, { cwd: dir, env: env() });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      outputs.push([`${args.join(' ')} (stdout)`, r.stdout], [`${args.join(' ')} (stderr)`, r.stderr]);
      return r;
    };
    const extracted = await run(['extract', join(dir, 'hostile.html')]);
    expect(extracted.stdout).toContain('innocent'); // the text stays, only the sequences go
    await run(['extract', join(dir, 'hostile.html'), '--json']);
    pages.setRoute('/hostile/', { body: page(1) });
    await run(['check', '--all']);
    pages.setRoute('/hostile/', { body: page(2) });
    const checked = await run(['check', '--all']);
    expect(checked.stdout).toContain('Sections added');
    // The read-only commands at once, as a user's scripts may run them: the first to open the data
    // directory owns it, the others read through its socket (and take over when it exits).
    await Promise.all([
      run(['show', 'hostile', '--version', '2']),
      run(['show', 'hostile', '--at', '2100-01-01', '--json']),
      run(['history', 'hostile']),
      run(['changes']),
      run(['figures', 'hostile']),
      run(['figures', 'hostile', '--json']),
      ...['text', 'markdown', 'html', 'json'].map((format) => run(['report', '2', '--format', format])),
      run(['diff', join(dir, 'hostile.html'), join(dir, 'hostile.html')]),
    ]);
    for (const [what, out] of outputs) {
      expect(out, what).not.toMatch(CONTROL);
      // JSON keeps the data (ESC as \u001b, which a terminal does not act on); human output drops it.
      if (!/--json|json \(/u.test(what)) expect(out, what).not.toContain('cm0gLXJmIH4=');
    }
  }, 180_000); // fifteen CLI processes, four of them opening the embedded database in turn
});
