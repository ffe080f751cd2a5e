import type { Command } from 'commander';
import { createContext, createPageContext, type AppContext, type PageContext, type PageContextOptions } from '../root/app-context.ts';
import { DEFAULT_CONFIG_FILE } from '../config/default-config-file.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResolvedSource } from '../config/index.ts';
import type { RawConfig } from '../config/schema.ts';
import { globalOptions } from './global-options.ts';

/**
 * Opens the application context for one command and always closes it, so a command cannot
 * leak a database connection (which would keep the process alive or lock PGlite's directory).
 */
export async function withContext<T>(cmd: Command, run: (ctx: AppContext) => Promise<T>): Promise<T> {
  const g = globalOptions(cmd);
  const ctx = await createContext({ dataDir: g.dataDir ?? null });
  try {
    return await run(ctx);
  } finally {
    await ctx.close();
  }
}

/**
 * The page client and judge for a command that reads pages without a database (`extract`,
 * `diff`, `sources test`), always closed: one judge thread (a page or two to judge), and the
 * fetch settings the command was given (`--allow-network`).
 */
export async function withPageContext<T>(opts: Pick<PageContextOptions, 'fetch'>, run: (ctx: PageContext) => Promise<T>): Promise<T> {
  const ctx = createPageContext({ ...opts, judgeThreads: 1 });
  try {
    return await run(ctx);
  } finally {
    await ctx.close();
  }
}

/**
 * The configuration for a command that can do without one (`serve`): the named file (`--config`,
 * FACTWATCH_CONFIG) must exist and be valid; the default ./factwatch.config.json is read only
 * when present. Throws ConfigError for an invalid file.
 */
export async function loadOptionalCommandConfig(cmd: Command): Promise<RawConfig | null> {
  const g = globalOptions(cmd);
  if (!g.config && !process.env.FACTWATCH_CONFIG && !existsSync(resolve(process.cwd(), DEFAULT_CONFIG_FILE))) return null;
  return (await loadCommandConfig(cmd)).config;
}

/** Loads and validates the configuration named by the global options (throws ConfigError). */
export async function loadCommandConfig(cmd: Command): Promise<{ config: RawConfig; sources: ResolvedSource[] }> {
  const g = globalOptions(cmd);
  // The configuration's validator (zod) and schedule parser load only for the commands that read one.
  const { loadConfig, resolveSources } = await import('../config/index.ts');
  const { config } = await loadConfig({ path: g.config ?? null, cwd: process.cwd(), env: process.env });
  return { config, sources: resolveSources(config) };
}
