import type { AlertRule } from '../config/alert-rule-schema.ts';
import type { RawConfig } from '../config/schema.ts';

/** The rule that decides one source's deliveries on one channel, and where it was written. */
export interface AppliedRule {
  /** `channel`: the channel's `when`; `source`: the source's `{ channel, when }` entry, which replaces it. */
  origin: 'channel' | 'source';
  when: AlertRule;
}

/** The rule for a (source, channel) pair, or null: that channel gets every change of that source. */
export type AlertRules = (sourceId: string, channel: string) => AppliedRule | null;

/**
 * The rules of a configuration, looked up per delivery. Read at delivery time from the
 * configuration the sender runs with, so a rule edited after a change was queued applies to it
 * (and a skipped delivery re-queued with `deliveries retry` is judged by the rule as it is now).
 */
export function alertRulesOf(config: Pick<RawConfig, 'sources' | 'channels'>): AlertRules {
  const bySource = new Map<string, Map<string, AlertRule>>();
  for (const s of config.sources) {
    for (const entry of s.notify ?? []) {
      if (typeof entry === 'string') continue;
      let own = bySource.get(s.id);
      if (!own) bySource.set(s.id, (own = new Map()));
      own.set(entry.channel, entry.when);
    }
  }
  const channels = config.channels ?? {};
  return (sourceId, channel) => {
    const own = bySource.get(sourceId)?.get(channel);
    if (own) return { origin: 'source', when: own };
    const when = Object.hasOwn(channels, channel) ? channels[channel]?.when : undefined;
    return when ? { origin: 'channel', when } : null;
  };
}
