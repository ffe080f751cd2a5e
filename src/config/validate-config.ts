import ipaddr from 'ipaddr.js';
import { didYouMean } from '../app/closest-match.ts';
import { contentRuleProblems } from '../extract/content-rules/rule-problems.ts';
import { ruleProblems } from './alert-rule-schema.ts';
import { scheduleProblem } from '../schedule/read-schedule.ts';
import { DEFAULT_TIMEZONE } from './resolve-source.ts';
import { isProfileName, PROFILE_NAMES } from '../model/index.ts';
import { configSchema, type RawConfig } from './schema.ts';

export type ValidationResult = { ok: true; config: RawConfig } | { ok: false; problems: string[] };

/**
 * Validates a parsed config object and returns EVERY problem at once (path: message), because
 * a user fixing a config file one error per run is a user lost. Nothing here has side effects.
 */
export function validateConfig(input: unknown): ValidationResult {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    // Semantic checks still run on what could be read, so one pass names everything.
    problems.push(...semanticProblems(looseConfig(input)));
    return { ok: false, problems: dedupe(problems) };
  }
  const problems = semanticProblems(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, config: parsed.data };
}

function semanticProblems(config: Partial<RawConfig>): string[] {
  const problems: string[] = [];
  // 100,000 sources share a handful of schedules and zones: judge each distinct one once.
  const isValidTimeZone = memoize(isKnownTimeZone);
  const problemOfSchedule = memoize(scheduleProblem);
  const channels = new Set(Object.keys(config.channels ?? {}));
  const seen = new Map<string, number>();
  (config.sources ?? []).forEach((s, i) => {
    if (!s || typeof s !== 'object') return;
    const at = `sources[${i}]`;
    if (typeof s.id === 'string') {
      const prev = seen.get(s.id);
      if (prev !== undefined) problems.push(`${at}.id: duplicate source id "${s.id}" (also sources[${prev}])`);
      else seen.set(s.id, i);
    }
    if (typeof s.schedule === 'string') {
      // Judged as the scheduler will evaluate it, in the source's zone (UTC when that zone is
      // itself wrong: one problem, reported below, not two).
      const zone = typeof s.timezone === 'string' && isValidTimeZone(s.timezone) ? s.timezone : DEFAULT_TIMEZONE;
      const problem = problemOfSchedule(s.schedule, zone);
      if (problem) problems.push(`${at}.schedule: "${s.schedule}" is not a valid cron expression: ${problem}`);
    }
    if (typeof s.timezone === 'string' && !isValidTimeZone(s.timezone)) {
      problems.push(`${at}.timezone: "${s.timezone}" is not a known IANA time zone`);
    }
    if (typeof s.profile === 'string' && !isProfileName(s.profile)) {
      problems.push(`${at}.profile: unknown profile "${s.profile}" (known: ${PROFILE_NAMES.join(', ')})`);
    }
    const named = new Map<string, number>();
    for (const [j, entry] of (Array.isArray(s.notify) ? s.notify : []).entries()) {
      const name = typeof entry === 'string' ? entry : entry && typeof entry === 'object' ? (entry as { channel?: unknown }).channel : undefined;
      if (typeof name !== 'string') continue;
      const where = typeof entry === 'string' ? `${at}.notify[${j}]` : `${at}.notify[${j}].channel`;
      if (typeof entry !== 'string') problems.push(...ruleProblems((entry as { when?: unknown }).when, `${at}.notify[${j}].when`));
      if (!channels.has(name)) problems.push(`${where}: no channel named "${name}" in "channels"${didYouMean(name, channels)}`);
      // One rule per source and channel: two entries would leave which one applies to chance.
      const prev = named.get(name);
      if (prev !== undefined) problems.push(`${where}: channel "${name}" is already named in ${at}.notify[${prev}]`);
      else named.set(name, j);
    }
    problems.push(...networkProblems(s.fetch?.allowNetworks, `${at}.fetch.allowNetworks`));
    problems.push(...contentRuleProblems(s, (key, j) => `${at}.${key}[${j}]`));
  });
  problems.push(...networkProblems(config.fetch?.allowNetworks, 'fetch.allowNetworks'));
  for (const [name, channel] of Object.entries(config.channels ?? {})) {
    if (channel && typeof channel === 'object' && 'allowNetworks' in channel) {
      problems.push(...networkProblems(channel.allowNetworks, `channels.${name}.allowNetworks`));
    }
    if (channel && typeof channel === 'object') problems.push(...ruleProblems((channel as { when?: unknown }).when, `channels.${name}.when`));
  }
  return problems;
}

function networkProblems(list: unknown, at: string): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((cidr, i) =>
    typeof cidr === 'string' && !isCidr(cidr) ? [`${at}[${i}]: "${cidr}" is not a CIDR range like 127.0.0.0/8`] : [],
  );
}

function isCidr(s: string): boolean {
  try {
    ipaddr.parseCIDR(s);
    return true;
  } catch {
    return false;
  }
}

function memoize<A extends string[], T>(judge: (...args: A) => T): (...args: A) => T {
  const seen = new Map<string, T>();
  return (...args) => {
    const key = args.join('\u0000');
    if (!seen.has(key)) seen.set(key, judge(...args));
    return seen.get(key)!;
  };
}

function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Reads whatever parts of an invalid config are usable for the semantic checks. */
function looseConfig(input: unknown): Partial<RawConfig> {
  if (!input || typeof input !== 'object') return {};
  const o = input as Record<string, unknown>;
  return {
    sources: Array.isArray(o.sources) ? (o.sources as RawConfig['sources']) : [],
    channels: o.channels && typeof o.channels === 'object' ? (o.channels as RawConfig['channels']) : {},
    fetch: o.fetch && typeof o.fetch === 'object' ? (o.fetch as RawConfig['fetch']) : undefined,
  };
}

function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  );
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}
