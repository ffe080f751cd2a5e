import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { packagePath } from '../app/package-path.ts';

type Register = (program: Command) => void;

/**
 * Every command module, with the top-level commands it registers. A module is imported only when
 * one of its commands runs (or for `--help`, which lists them all): each brings its own part of
 * the program — the extractor, undici, drizzle, the database driver — and loading all of them
 * took ~460 ms of every start-up, `--version` and a one-row `history` included (issue 16).
 */
const MODULES: ReadonlyArray<{ commands: readonly string[]; load: () => Promise<Register> }> = [
  { commands: ['extract'], load: async () => (await import('./commands/extract.ts')).registerExtractCommand },
  { commands: ['diff'], load: async () => (await import('./commands/diff.ts')).registerDiffCommand },
  { commands: ['check'], load: async () => (await import('./commands/check.ts')).registerCheckCommand },
  { commands: ['watch'], load: async () => (await import('./commands/watch.ts')).registerWatchCommand },
  { commands: ['status'], load: async () => (await import('./commands/status.ts')).registerStatusCommand },
  { commands: ['deliveries'], load: async () => (await import('./commands/deliveries.ts')).registerDeliveriesCommands },
  { commands: ['history', 'show'], load: async () => (await import('./commands/history.ts')).registerHistoryCommands },
  { commands: ['import'], load: async () => (await import('./commands/import.ts')).registerImportCommands },
  { commands: ['changes', 'report'], load: async () => (await import('./commands/changes.ts')).registerChangesCommands },
  { commands: ['figures'], load: async () => (await import('./commands/figures.ts')).registerFiguresCommand },
  { commands: ['facts'], load: async () => (await import('./commands/facts.ts')).registerFactsCommand },
  { commands: ['export'], load: async () => (await import('./commands/export.ts')).registerExportCommands },
  { commands: ['db'], load: async () => (await import('./commands/db.ts')).registerDbCommands },
  { commands: ['demo'], load: async () => (await import('./commands/demo.ts')).registerDemoCommand },
  { commands: ['sources'], load: async () => (await import('./commands/sources.ts')).registerSourcesCommands },
  { commands: ['serve'], load: async () => (await import('./commands/serve.ts')).registerServeCommand },
];

/** The package's version, as `--version` prints it (read from package.json only for `--version` and help). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

/** The program with its global options, before any command is registered. */
function globalProgram(): Command {
  return new Command('factwatch')
    .description('Watch official fact pages: versions, figures and change reports.')
    .option('-c, --config <path>', 'configuration file (default: $FACTWATCH_CONFIG or ./factwatch.config.json)')
    .option('-d, --data-dir <dir>', 'embedded database directory (default: $FACTWATCH_DATA_DIR or ./.factwatch); ignored when DATABASE_URL is set')
    .showHelpAfterError()
    .exitOverride();
}

/** The flags of `program`'s options that take a value: the word after one is not the command's name. */
function valueFlags(program: Command): Set<string> {
  return new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.short, o.long].filter((f): f is string => f !== undefined)));
}

/**
 * The command `argv` runs (its first word that is not a global option or an option's value), or
 * null when it names none (`--help`, `--version`, nothing at all).
 */
export function commandNameOf(argv: readonly string[], program: Command = globalProgram()): string | null {
  const takesValue = valueFlags(program);
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') return argv[i + 1] ?? null;
    if (takesValue.has(word)) {
      i++;
      continue;
    }
    if (word.startsWith('-')) continue;
    return word;
  }
  return null;
}

/**
 * Builds the command tree for `argv`; each command lives in its own file under `commands/`. With
 * `argv`, only the module of the command it names is loaded (all of them when it names none or
 * one we do not know, so that help and commander's "unknown command" answer stay complete).
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = globalProgram();
  const name = argv === undefined ? null : commandNameOf(argv, program);
  // `-V, --version` is the program's only when no command is named: commander reads program
  // options after the command too, so `show <source> --version 2` printed "0.1.0" (issue 17).
  if (name === null) program.version(packageVersion());
  const wanted = MODULES.filter((m) => name !== null && m.commands.includes(name));
  const isVersion = argv !== undefined && name === null && argv.some((w) => w === '-V' || w === '--version');
  const modules = wanted.length > 0 ? wanted : isVersion ? [] : MODULES;
  for (const register of await Promise.all(modules.map((m) => m.load()))) register(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}
