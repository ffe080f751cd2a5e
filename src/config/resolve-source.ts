import { contentRules, pageReading, type ContentRules, type PageReading } from '../model/index.ts';
import { channelOf } from './alert-rule-schema.ts';
import type { FetchConfig, RawConfig, SourceConfig } from './schema.ts';

/** A source with every default applied: what the pipeline and the scheduler work with. */
export interface ResolvedSource {
  id: string;
  url: string;
  aliases: string[];
  profile: string | null;
  /** How to read the pages where the configuration says it (language, currency of a bare dollar). */
  reading: PageReading;
  /** What on its pages is content (`select`, `exclude`, `ignoreText`); empty: the profile decides alone. */
  rules: ContentRules;
  schedule: string;
  timezone: string;
  enabled: boolean;
  /** The channels this source's changes and events are queued for (their rules: src/notify/alert-rules.ts). */
  notify: string[];
  /** The source's tags (slugs), in the order written; `[]` when it has none. */
  tags: string[];
  fetch: FetchConfig;
}

/** Daily at 06:00: fact pages change a few times a year, so a gentle default is right. */
export const DEFAULT_SCHEDULE = '0 6 * * *';
export const DEFAULT_TIMEZONE = 'UTC';

/**
 * Applies defaults and merges the global `fetch` settings under the source's own, so that a
 * source can, for instance, allow one extra network without changing any other source.
 */
export function resolveSource(config: RawConfig, source: SourceConfig): ResolvedSource {
  const global = config.fetch ?? {};
  const own = source.fetch ?? {};
  return {
    id: source.id,
    url: source.url,
    aliases: source.aliases ?? [],
    profile: source.profile ?? null,
    reading: pageReading(source.language, source.currency),
    rules: contentRules(source.select, source.exclude, source.ignoreText),
    schedule: source.schedule ?? DEFAULT_SCHEDULE,
    timezone: source.timezone ?? DEFAULT_TIMEZONE,
    enabled: source.enabled ?? true,
    notify: (source.notify ?? []).map(channelOf),
    tags: source.tags ?? [],
    fetch: {
      ...global,
      ...own,
      perHost: { ...global.perHost, ...own.perHost },
      allowNetworks: [...(global.allowNetworks ?? []), ...(own.allowNetworks ?? [])],
    },
  };
}

export function resolveSources(config: RawConfig): ResolvedSource[] {
  return config.sources.map((s) => resolveSource(config, s));
}
