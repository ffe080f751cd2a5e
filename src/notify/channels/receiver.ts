import { Agent } from 'undici';
import { createGuardedLookup, parseNetworks, type Resolve } from '../../fetch/address-guard.ts';
import type { Receiver } from '../post-json.ts';

/**
 * The receiver of an HTTP channel: its own Agent, whose connect-time lookup is the address guard
 * with the channel's own `allowNetworks` (not the sources' `fetch.allowNetworks`: letting pages
 * be fetched from an intranet says nothing about posting change data there).
 */
export function createReceiver(config: { url: string; allowNetworks?: string[] | undefined }, resolve: Resolve | undefined): Receiver & { dispatcher: Agent } {
  const networks = parseNetworks(config.allowNetworks ?? []);
  const dispatcher = new Agent({ connections: 4, connect: { lookup: createGuardedLookup(networks, resolve) } });
  return { url: config.url, dispatcher, networks };
}
