import { describe, expect, it } from 'vitest';
import { buildProgram, commandNameOf } from '../../src/cli/program.ts';
import { runCli } from '../helpers/run-cli.ts';

/**
 * The CLI loads only the module of the command it runs (program.ts, issue 16: loading every
 * command took ~460 ms of each start-up). What must not change for a user: every command is
 * still there, found behind global options, listed by `--help`, and an unknown one is refused.
 */

const ALL = ['extract', 'diff', 'check', 'watch', 'status', 'deliveries', 'history', 'show', 'import', 'changes', 'report', 'figures', 'facts', 'export', 'db', 'demo', 'sources', 'serve'];

describe('commandNameOf', () => {
  it('skips global options and their values', () => {
    expect(commandNameOf(['node', 'factwatch', 'history', 'x'])).toBe('history');
    expect(commandNameOf(['node', 'factwatch', '-c', 'history.json', 'show', 'x'])).toBe('show');
    expect(commandNameOf(['node', 'factwatch', '--config', 'a.json', '--data-dir', 'check', 'changes'])).toBe('changes');
    expect(commandNameOf(['node', 'factwatch', '-d', 'dir', '--', 'status'])).toBe('status');
    expect(commandNameOf(['node', 'factwatch', '--config=a.json', 'check', '--all'])).toBe('check');
  });

  it('names no command for help, version or nothing', () => {
    expect(commandNameOf(['node', 'factwatch'])).toBeNull();
    expect(commandNameOf(['node', 'factwatch', '--help'])).toBeNull();
    expect(commandNameOf(['node', 'factwatch', '-c', 'x.json', '--version'])).toBeNull();
  });
});

describe('buildProgram', () => {
  it('registers the command named, with the others of its module', async () => {
    const names = (argv: string[]) => buildProgram(['node', 'factwatch', ...argv]).then((p) => p.commands.map((c) => c.name()).sort());
    expect(await names(['show', 'x', '--version', '2'])).toEqual(['history', 'show']);
    expect(await names(['-d', 'extract', 'report', '3'])).toEqual(['changes', 'report']);
  });

  it('registers every command for help, for an unknown command and when built without argv', async () => {
    for (const argv of [['--help'], ['histroy'], []]) {
      const program = await buildProgram(['node', 'factwatch', ...argv]);
      expect(program.commands.map((c) => c.name()).sort()).toEqual([...ALL].sort());
    }
    expect((await buildProgram()).commands).toHaveLength(ALL.length);
  });
});

describe('factwatch as a process', () => {
  it('lists every command in --help, prints its version, and refuses an unknown command (exit 2)', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const name of ALL) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const unknown = await runCli(['histroy']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'histroy'/);
  });
});
