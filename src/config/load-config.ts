import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../app/errors.ts';
import type { RawConfig } from './schema.ts';
import { validateConfig } from './validate-config.ts';

export const DEFAULT_CONFIG_FILE = 'factwatch.config.json';

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
  const file = resolve(opts.cwd, opts.path ?? opts.env.FACTWATCH_CONFIG ?? DEFAULT_CONFIG_FILE);
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

/** Parses and validates config text; exported for tests and for `--config -` style callers. */
export function parseConfigText(text: string, file: string, env: NodeJS.ProcessEnv): RawConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([`${file}: not valid JSON (${(err as Error).message})`], { cause: err });
  }
  const missing: string[] = [];
  const substituted = substituteEnv(data, env, missing, '');
  const result = validateConfig(substituted);
  const problems = [...missing, ...(result.ok ? [] : result.problems)];
  if (problems.length || !result.ok) throw new ConfigError(problems);
  return result.config;
}

/** Replaces `${NAME}` in every string value; an unset variable is a problem, not an empty string. */
function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, missing: string[], path: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const v = env[name];
      if (v === undefined) {
        missing.push(`${path || '(top level)'}: environment variable ${name} is not set`);
        return '';
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, env, missing, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env, missing, path ? `${path}.${k}` : k)]),
    );
  }
  return value;
}
