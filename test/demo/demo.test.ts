import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/log.ts';
import { runDemo } from '../../src/demo/run-demo.ts';
import { runCli } from '../helpers/run-cli.ts';

/**
 * The demo is what a newcomer sees first (`npm start`): the real pipeline over the recorded
 * revisions. It always uses its own embedded database, whatever backend the suite runs on.
 */
// Always the embedded database (DATABASE_URL removed), whatever backend the suite runs on: the
// PostgreSQL run would repeat it exactly, so it runs in the embedded run only.
describe.runIf(!process.env.DATABASE_URL)('demo', () => {
  it('prints the three change reports, then the printed show command finds the 26 October 2017 revision', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fw-demo-'));
    let out = '';
    const { changes } = await runDemo({ dataDir: '.factwatch-demo', cwd, color: false, write: (t) => (out += t), log: silentLogger() });
    expect(changes).toBe(3);

    const reports = out.split(/\n=== /).slice(1);
    expect(reports).toHaveLength(4);
    const [first, quiet, october, may] = reports as [string, string, string, string];
    expect(first).toMatch(/check: new/);
    expect(first).toMatch(/first capture/i);
    expect(quiet).toMatch(/check: (not_modified|unchanged)/);
    expect(october).toMatch(/check: changed/);
    expect(october).toContain('Relations with the European Union');
    expect(october).toMatch(/5 July 2017/);
    expect(october).toMatch(/26 October 2017/);
    expect(october).not.toMatch(/removed/i);
    expect(may).toMatch(/check: changed/);
    expect(may).toContain('france-and-north-korea-65083');
    expect(may).toMatch(/9 March 2020|2020-03-09/);

    const show = /npx factwatch (--data-dir \S+) show france-north-korea --at 2018-01-01/.exec(out);
    expect(show, out).not.toBeNull();
    const r = await runCli(['--data-dir', show![1]!.split(' ')[1]!, 'show', 'france-north-korea', '--at', '2018-01-01', '--json'], {
      cwd,
      env: { DATABASE_URL: undefined },
    });
    expect(r.code, r.stderr).toBe(0);
    const v = JSON.parse(r.stdout) as { version: number; document: { updated: string; sections: Array<{ heading: string }> } };
    expect(v.version).toBe(2);
    expect(v.document.updated).toBe('2017-10-26');
    expect(v.document.sections.map((s) => s.heading)).toContain('Relations with the European Union');
  });
});
