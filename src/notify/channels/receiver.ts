import { Agent } from 'undici';
import { createGuardedLookup, parseNetworks, type Resolve } from '../../fetch/address-guard.ts';
import type { Channel, ChannelConfigOf, ChannelDeps } from '../channel.ts';
import type { Notification } from '../notification.ts';
import { postBody, type Receiver } from '../post-json.ts';

/**
 * The receiver of an HTTP channel: its own Agent, whose connect-time lookup is the address guard
 * with the channel's own `allowNetworks` (not the sources' `fetch.allowNetworks`: letting pages
 * be fetched from an intranet says nothing about posting change data there).
 */
function createReceiver(config: { url: string; allowNetworks?: string[] | undefined }, resolve: Resolve | undefined): Receiver & { dispatcher: Agent } {
  const networks = parseNetworks(config.allowNetworks ?? []);
  const dispatcher = new Agent({ connections: 4, connect: { lookup: createGuardedLookup(networks, resolve) } });
  return { url: config.url, dispatcher, networks };
}

/** What an HTTP channel posts for one notification. */
export interface HttpRequestOf {
  body: string;
  headers?: Record<string, string>;
}

type HttpChannelType = 'webhook' | 'slack' | 'ntfy' | 'discord' | 'teams' | 'mattermost';

/**
 * An HTTP channel: its guarded receiver, closed with the channel, and one POST per notification
 * of what `request` makes of it — the one place the HTTP channels differ.
 */
export function createHttpChannel(
  name: string,
  config: ChannelConfigOf<HttpChannelType>,
  deps: ChannelDeps,
  request: (n: Notification) => HttpRequestOf,
): Channel {
  const receiver = createReceiver(config, deps.resolve);
  return {
    name,
    type: config.type,
    close: () => receiver.dispatcher.close(),
    async send(n) {
      const { body, headers } = request(n);
      await postBody(receiver, body, headers ?? {}, deps.timeoutMs);
    },
  };
}
