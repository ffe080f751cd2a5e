import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../app/errors.ts';
import { hasEnvReference, substituteEnvReferences, type Substitution } from '../app/env-references.ts';
import { MAX_URL_LENGTH } from '../fetch/url-limit.ts';
import type { RawConfig } from './schema.ts';
import { validateConfig } from './validate-config.ts';
import { DEFAULT_CONFIG_FILE } from './default-config-file.ts';

export { DEFAULT_CONFIG_FILE };

export interface LoadedConfig {
  config: RawConfig;
  /** Absolute path the config was read from. */
  path: string;
}

/**
 * Finds, reads, substitutes `${ENV_VAR}` references in and validates the configuration.
 * Order: explicit path (`--config`), then `FACTWATCH_CONFIG`, then `./factwatch.config.json`.
 * Secrets stay as references in the file and are resolved only in memory, never stored.
 * Throws `ConfigError` naming every problem; it never writes anything.
 */
export async function loadConfig(opts: { path?: string | null; cwd: string; env: NodeJS.ProcessEnv }): Promise<LoadedConfig> {
  const file = configFilePath(opts);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`${file}: cannot read the configuration file (${(err as NodeJS.ErrnoException).code ?? String(err)})`], {
      cause: err,
    });
  }
  return { config: parseConfigText(text, file, opts.env), path: file };
}

/** The configuration file a command reads (and `sources add` writes): `--config`, then `FACTWATCH_CONFIG`, then `./factwatch.config.json`. */
export function configFilePath(opts: { path?: string | null; cwd: string; env: NodeJS.ProcessEnv }): string {
  return resolve(opts.cwd, opts.path ?? opts.env.FACTWATCH_CONFIG ?? DEFAULT_CONFIG_FILE);
}

/**
 * Parses and validates config text; exported for tests and for `--config -` style callers.
 *
 * References are resolved for validation, but a source's `url` and `aliases` keep their
 * `${VAR}` form in the result: that form is what is stored and shown, and only the fetcher
 * resolves it. No problem message ever quotes a substituted value (it could be the secret).
 */
export function parseConfigText(text: string, file: string, env: NodeJS.ProcessEnv): RawConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([`${file}: not valid JSON (${(err as Error).message})`], { cause: err });
  }
  const missing: string[] = [];
  const substitutions: Substitution[] = [];
  // Most configurations hold no reference at all: then there is nothing to walk (100,000 sources
  // cost a quarter of a second of path strings and copies for nothing).
  const substituted = text.includes('${') ? substituteEnv(data, env, missing, substitutions, '') : data;
  const result = validateConfig(substituted);
  const problems = [...missing, ...(result.ok ? [] : result.problems), ...referenceUrlProblems(data)];
  if (problems.length || !result.ok) throw new ConfigError([...new Set(problems.map((p) => hideValues(p, substitutions)))]);
  return keepUrlReferences(result.config, data);
}

/** Replaces `${NAME}` in every string value; an unset variable is a problem, not an empty string. */
function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, missing: string[], substitutions: Substitution[], path: string): unknown {
  if (typeof value === 'string') {
    return substituteEnvReferences(value, env, {
      missing: (name) => missing.push(`${path || '(top level)'}: environment variable ${name} is not set`),
      substitute: (s) => substitutions.push(s),
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, env, missing, substitutions, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env, missing, substitutions, path ? `${path}.${k}` : k)]),
    );
  }
  return value;
}

/**
 * Problems quote values ("not a valid cron expression: \"…\""): inside quotes, a substituted
 * value is shown as the reference it came from, so a config error never prints a secret.
 */
function hideValues(problem: string, substitutions: readonly Substitution[]): string {
  const known = substitutions.filter((s) => s.value !== '').sort((a, b) => b.value.length - a.value.length);
  if (known.length === 0) return problem;
  return problem.replace(/"[^"]*"/gu, (quoted) => known.reduce((q, s) => q.split(s.value).join(`\${${s.name}}`), quoted));
}

/** A source URL is stored as written, so the written form must fit too (see MAX_URL_LENGTH). */
function referenceUrlProblems(data: unknown): string[] {
  return rawSourceUrls(data).flatMap(({ at, url }) =>
    url.length > MAX_URL_LENGTH ? [`${at}: must be at most ${MAX_URL_LENGTH} characters long`] : [],
  );
}

/** Puts the written (unresolved) `url` and `aliases` back into the validated sources. */
function keepUrlReferences(config: RawConfig, data: unknown): RawConfig {
  const raw = rawSources(data);
  return {
    ...config,
    sources: config.sources.map((source, i) => {
      const written = raw[i];
      if (!written) return source;
      const url = typeof written.url === 'string' && hasEnvReference(written.url) ? written.url : source.url;
      const aliases = source.aliases?.map((a, j) => {
        const w = Array.isArray(written.aliases) ? written.aliases[j] : undefined;
        return typeof w === 'string' && hasEnvReference(w) ? w : a;
      });
      return { ...source, url, ...(aliases === undefined ? {} : { aliases }) };
    }),
  };
}

function rawSources(data: unknown): Array<Record<string, unknown> | undefined> {
  const sources = data && typeof data === 'object' ? (data as { sources?: unknown }).sources : undefined;
  return Array.isArray(sources) ? sources.map((s) => (s && typeof s === 'object' ? (s as Record<string, unknown>) : undefined)) : [];
}

function rawSourceUrls(data: unknown): Array<{ at: string; url: string }> {
  return rawSources(data).flatMap((s, i) => {
    if (!s) return [];
    const urls = typeof s.url === 'string' ? [{ at: `sources[${i}].url`, url: s.url }] : [];
    const aliases = Array.isArray(s.aliases) ? s.aliases : [];
    aliases.forEach((a, j) => typeof a === 'string' && urls.push({ at: `sources[${i}].aliases[${j}]`, url: a }));
    return urls;
  });
}
