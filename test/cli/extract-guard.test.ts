import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

/**
 * `factwatch extract` applies the pipeline's nesting guard (issue 14): a page of tables nested
 * thousands deep is refused with one clear line and exit code 1, not a stack overflow reported
 * as "unexpected error" with its trace.
 */

const dir = mkdtempSync(join(tmpdir(), 'factwatch-extract-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function nestedTables(depth: number): string {
  return (
    `<!doctype html><html lang="en"><head><title>Deep</title></head><body><main><h1>Deep</h1>` +
    `${'<table><tr><td>'.repeat(depth)}Trade was €5 million in 2016.${'</td></tr></table>'.repeat(depth)}` +
    `</main></body></html>`
  );
}

describe('factwatch extract and deep nesting', () => {
  it('refuses nested tables with one line on stderr and exit code 1', async () => {
    const file = join(dir, 'nested-tables.html');
    writeFileSync(file, nestedTables(20_000));
    for (const args of [[], ['--json'], ['--profile', 'generic', '--json']]) {
      const r = await runCli(['extract', file, ...args]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/unexpected error|RangeError|call stack|\n\s+at /);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^factwatch: elements nested more than 1000 levels deep/);
    }
  });

  it('stops at the pipeline’s parse deadline with one line and exit code 1', async () => {
    const file = join(dir, 'long.html');
    writeFileSync(file, nestedTables(1).replace('Trade was', `${'In 2016 the rate stood high, and in 2017 it fell; '.repeat(40_000)} Trade was`));
    const r = await runCli(['extract', file, '--json'], { env: { FACTWATCH_PARSE_DEADLINE_MS: '30' } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^factwatch: parsing took longer than 30 ms; stopped\n$/);
  });

  it('still extracts a page nested a little, within the limit', async () => {
    const file = join(dir, 'shallow-tables.html');
    writeFileSync(file, nestedTables(50));
    const r = await runCli(['extract', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { figures: Array<{ kind: string; value: unknown }> };
    expect(doc.figures.map((f) => [f.kind, f.value])).toContainEqual(['money', 5_000_000]);
  });
});
