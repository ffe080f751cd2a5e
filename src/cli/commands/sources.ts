import type { Command } from 'commander';
import { didYouMean } from '../../app/closest-match.ts';
import { hasEnvReference, substituteEnvReferences } from '../../app/env-references.ts';
import { ConfigError, UsageError } from '../../app/errors.ts';
import { deriveSourceId } from '../../config/derive-source-id.ts';
import { appendSource, newConfigText, removeSource, setSourceKey, type JsonValue } from '../../config/edit-config-text.ts';
import { configFilePath, parseConfigText } from '../../config/load-config.ts';
import type { RawConfig } from '../../config/schema.ts';
import { hasAnyTag } from '../../config/tags.ts';
import { updateConfigFile, type UpdatedConfig } from '../../config/update-config-file.ts';
import { addContentRuleFlags, contentRulesOfFlags, type ContentRuleFlags } from '../content-rule-flags.ts';
import { globalOptions } from '../global-options.ts';
import { formatTable, printJson, printLine } from '../output.ts';
import { collectRepeated, noteUnknownTags, TAG_HELP } from '../tag-option.ts';
import { looksLikeHostWithoutScheme } from '../typed-url.ts';
import { loadCommandConfig } from '../with-context.ts';

interface AddOptions extends ContentRuleFlags {
  id?: string;
  schedule?: string;
  timezone?: string;
  tag?: string[];
}

/**
 * `factwatch sources add|list|remove|enable|disable|test`: the configured sources, edited in the
 * configuration file in place (update-config-file.ts: locked, validated, atomic; formatting kept).
 */
export function registerSourcesCommands(program: Command): void {
  const sources = program
    .command('sources')
    .description('list, add, remove, enable, disable or test the sources of the configuration file (edited in place)');

  const add = sources
    .command('add')
    .description('add a source to the configuration file (created when there is none)')
    .argument('<url>', 'the http(s) URL of the page')
    .option('--id <id>', 'the source id, a slug (default: derived from the URL)')
    .option('--schedule <cron>', 'when to check it, a cron expression (default: 0 6 * * *)')
    .option('--timezone <zone>', 'IANA time zone of the schedule (default: UTC)')
    .option('--tag <tag>', 'a tag (slug) for filtering; repeatable', collectRepeated);
  addContentRuleFlags(add);
  add
    .addHelpText(
      'after',
      '\nThe file keeps its formatting and key order; the new text is validated as `check` reads it before\nit is written, and written atomically. A duplicate id or URL is refused (exit 2) and the file is left\nas it was. Try the page once with `factwatch sources test <id>`.',
    )
    .action(async (url: string, opts: AddOptions, cmd: Command) => {
      checkTypedUrl(url);
      contentRulesOfFlags(opts);
      const updated = await editConfig(cmd, (current, config) => {
        const taken = new Set(config.sources.map((s) => s.id));
        const id = opts.id ?? deriveSourceId(url, taken);
        const existing = config.sources.find((s) => s.id === id);
        if (existing) throw new UsageError(`there is already a source "${id}" (${existing.url}); choose another --id`);
        const same = config.sources.find((s) => [s.url, ...(s.aliases ?? [])].some((u) => sameUrl(u, url)));
        if (same) throw new UsageError(`${url} is already watched, as source "${same.id}"`);
        const entry: Record<string, JsonValue> = { id, url };
        if (opts.tag) entry.tags = opts.tag;
        if (opts.schedule !== undefined) entry.schedule = opts.schedule;
        if (opts.timezone !== undefined) entry.timezone = opts.timezone;
        if (opts.select.length) entry.select = opts.select;
        if (opts.exclude.length) entry.exclude = opts.exclude;
        if (opts.ignoreText.length) entry.ignoreText = opts.ignoreText;
        return { text: current === null ? newConfigText([entry]) : appendSource(current, entry), result: id };
      }, { create: true });
      if (updated.created) printLine(`created ${updated.path} (there was no configuration file)`);
      printLine(`added source "${updated.result}": ${url} (in ${updated.path})`);
      printLine(`try it once: factwatch sources test ${updated.result}   check it now: factwatch check ${updated.result}`);
    });

  sources
    .command('list')
    .description('list the configured sources')
    .option('--tag <tag>', TAG_HELP, collectRepeated)
    .option('--json', 'print as JSON: [{ id, url, enabled, tags, schedule }]')
    .action(async (opts: { tag?: string[]; json?: boolean }, cmd: Command) => {
      const { sources: all } = await loadCommandConfig(cmd);
      const tags = opts.tag ?? [];
      noteUnknownTags(tags, all.flatMap((s) => s.tags));
      const rows = all.filter((s) => hasAnyTag(s.tags, tags));
      if (opts.json) return printJson(rows.map((s) => ({ id: s.id, url: s.url, enabled: s.enabled, tags: s.tags, schedule: s.schedule })));
      if (all.length === 0) return printLine('No sources yet. Add one: factwatch sources add https://…');
      if (rows.length === 0) return printLine('No source matches.');
      printLine(formatTable([['id', 'enabled', 'schedule', 'tags', 'url'], ...rows.map((s) => [s.id, s.enabled ? 'yes' : 'no', s.schedule, s.tags.join(', '), s.url])]));
    });

  sources
    .command('remove')
    .description('remove a source from the configuration file (its stored history is kept)')
    .argument('<id>', 'source id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const updated = await editConfig(cmd, (current, config) => ({ text: removeSource(current!, sourceIndex(config, id)), result: id }));
      printLine(`removed source "${id}" from ${updated.path}`);
      printLine('Its stored history (versions, figures, changes) is kept in the database, not deleted; it is no longer checked. Adding it back with the same id continues that history.');
    });

  for (const enable of [false, true]) {
    const verb = enable ? 'enable' : 'disable';
    sources
      .command(verb)
      .description(enable ? 'check a disabled source again' : 'stop checking a source, keeping it and its history')
      .argument('<id>', 'source id')
      .action(async (id: string, _opts: unknown, cmd: Command) => {
        const updated = await editConfig(cmd, (current, config) => {
          const index = sourceIndex(config, id);
          if ((config.sources[index]!.enabled ?? true) === enable) return { text: null, result: id };
          // Enabled is the default: enabling removes the key rather than writing `"enabled": true`.
          return { text: setSourceKey(current!, index, 'enabled', enable ? undefined : false), result: id };
        });
        printLine(updated.written ? `${verb}d source "${id}" (in ${updated.path})` : `source "${id}" is already ${verb}d; ${updated.path} is unchanged`);
      });
  }

  sources
    .command('test')
    .description('fetch and extract a source once, as check would, and show what it found (nothing is stored)')
    .argument('<id>', 'source id')
    .option('--json', 'print the extracted document (as extract --json does)')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const { sources: all } = await loadCommandConfig(cmd);
      const source = all.find((s) => s.id === id);
      if (!source) throw new UsageError(`no source "${id}" in the configuration${didYouMean(id, all.map((s) => s.id))}`);
      // The fetcher and the judge load only for this subcommand.
      const { testSource } = await import('../test-source.ts');
      await testSource(source, { json: opts.json === true });
    });
}

/**
 * Runs `change` on the configuration file under its lock. `change` gets the current text and its
 * validated configuration; with `create`, a missing file is an empty configuration (`current`
 * null), else a configuration error.
 */
function editConfig<T>(cmd: Command, change: (current: string | null, config: RawConfig) => { text: string | null; result: T }, opts: { create?: boolean } = {}): Promise<UpdatedConfig<T>> {
  const file = configFilePath({ path: globalOptions(cmd).config ?? null, cwd: process.cwd(), env: process.env });
  return updateConfigFile(
    file,
    (current) => {
      if (current === null && !opts.create) throw new ConfigError([`${file}: there is no configuration file (add a source to create it: factwatch sources add URL)`]);
      return change(current, current === null ? { sources: [] } : parseConfigText(current, file, process.env));
    },
    { env: process.env },
  );
}

/** The position of source `id` in the file, or a usage error naming the nearest id. */
function sourceIndex(config: RawConfig, id: string): number {
  const index = config.sources.findIndex((s) => s.id === id);
  if (index === -1) throw new UsageError(`no source "${id}" in the configuration${didYouMean(id, config.sources.map((s) => s.id))}`);
  return index;
}

/** Refuses what cannot be a source URL before the file is touched: only http(s), and a host typed without its scheme gets one suggested. */
function checkTypedUrl(url: string): void {
  const scheme = /^([a-z][a-z0-9+.-]+):/iu.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    throw new UsageError(looksLikeHostWithoutScheme(url) ? `"${url}" has no scheme; did you mean https://${url} ?` : `"${url}" is not an http(s) URL`);
  }
  if (scheme !== 'http' && scheme !== 'https') throw new UsageError(`"${url}": only http(s) URLs can be watched, not "${scheme}:"`);
  if (hasEnvReference(url)) return; // the validator resolves and checks it
  try {
    new URL(url);
  } catch {
    throw new UsageError(`"${url}" is not a valid URL`);
  }
}

/**
 * Two URLs name the same page when they are equal once their `${VAR}` references are resolved
 * and both are parsed (case of the host, a default port, an empty path).
 */
function sameUrl(a: string, b: string): boolean {
  const [x, y] = [a, b].map((u) => substituteEnvReferences(u, process.env));
  try {
    return new URL(x!).href === new URL(y!).href;
  } catch {
    return x === y;
  }
}
