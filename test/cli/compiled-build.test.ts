import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { revisionFile } from '../helpers/snapshots.ts';
import { taskFor } from '../judge/judge-task.ts';

/**
 * `factwatch` runs the compiled build (dist/, made by `npm run build`, which `npm install`
 * runs) when it is current, and the TypeScript sources through tsx otherwise. Both must be the
 * same program: the same output, the same files found beside the code (migrations, snapshots),
 * and the parse pool's worker threads starting from compiled JS.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = `${ROOT}dist/src/cli/main.js`;

beforeAll(() => {
  // `npm ci` has built it, but a checkout may have been edited since: the build is incremental
  // (a few seconds when nothing changed), so the build under test is always the current one.
  // The CLI in other test files is safe meanwhile: it runs the sources while src/ is newer than
  // dist/.built, which is written after every file is emitted.
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  expect(existsSync(MAIN)).toBe(true);
}, 180_000);

function runCompiled(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the compiled build', () => {
  it('extracts the recorded revision exactly as the sources do', async () => {
    const compiled = runCompiled(['extract', revisionFile('2017-10-26'), '--json']);
    const source = await runCli(['extract', revisionFile('2017-10-26'), '--json'], { env: { FACTWATCH_FROM_SOURCE: '1' } });
    expect(compiled.code, compiled.stderr).toBe(0);
    expect(source.code, source.stderr).toBe(0);
    const doc = JSON.parse(compiled.stdout) as { sections: Array<{ heading: string | null }> };
    expect(doc.sections.map((s) => s.heading)).toContain('Relations with the European Union');
    expect(compiled.stdout).toBe(source.stdout);
  }, 60_000);

  it('finds its migrations and snapshots from dist/: the demo replays the recorded revisions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-compiled-demo-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
      delete env.DATABASE_URL;
      const r = spawnSync(process.execPath, [MAIN, 'demo', '--dir', join(dir, 'db')], { cwd: dir, encoding: 'utf8', env });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Relations with the European Union/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('judges on worker threads started from compiled JS', async () => {
    const { createJudgePool } = (await import(`${ROOT}dist/src/judge/judge-pool.js`)) as typeof import('../../src/judge/judge-pool.ts');
    const pool = createJudgePool({ threads: 1 });
    try {
      const html = readFileSync(revisionFile('2017-10-26'), 'utf8');
      const out = await pool.judge(taskFor(html, { url: 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/' }));
      expect(out.kind).toBe('new');
      if (out.kind === 'new') expect(out.document.figures.length).toBeGreaterThan(20);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
