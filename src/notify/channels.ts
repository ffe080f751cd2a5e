import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Agent } from 'undici';
import type { ChannelConfig } from '../config/schema.ts';
import { createGuardedLookup, parseNetworks, type Resolve } from '../fetch/address-guard.ts';
import { DeliveryError } from './delivery-error.ts';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, type Notification } from './notification.ts';
import { postBody, type Receiver } from './post-json.ts';
import { signBody } from './sign-body.ts';

/** Somewhere a notification can be sent. Throws `DeliveryError` (its `retryable` decides). */
export interface Channel {
  readonly name: string;
  readonly type: ChannelConfig['type'];
  send(n: Notification): Promise<void>;
  /** Closes the channel's connections. */
  close(): Promise<void>;
}

export interface ChannelDeps {
  /** Relative file-channel paths are resolved from here (the working directory). */
  baseDir: string;
  timeoutMs: number;
  /** DNS for the address guard; injectable so tests can fake answers (default: the system's). */
  resolve?: Resolve;
}

/** Builds every configured channel by name. Secrets were resolved in memory by the config loader. */
export function createChannels(configs: Record<string, ChannelConfig>, deps: ChannelDeps): Map<string, Channel> {
  return new Map(Object.entries(configs).map(([name, c]) => [name, createChannel(name, c, deps)]));
}

/** Closes every channel of `createChannels`. */
export async function closeChannels(channels: Map<string, Channel>): Promise<void> {
  await Promise.allSettled([...channels.values()].map((c) => c.close()));
}

/**
 * The receiver of an HTTP channel: its own Agent, whose connect-time lookup is the address guard
 * with the channel's own `allowNetworks` (not the sources' `fetch.allowNetworks`: letting pages
 * be fetched from an intranet says nothing about posting change data there).
 */
function createReceiver(config: { url: string; allowNetworks?: string[] }, deps: ChannelDeps): Receiver & { dispatcher: Agent } {
  const networks = parseNetworks(config.allowNetworks ?? []);
  const dispatcher = new Agent({ connections: 4, connect: { lookup: createGuardedLookup(networks, deps.resolve) } });
  return { url: config.url, dispatcher, networks };
}

export function createChannel(name: string, config: ChannelConfig, deps: ChannelDeps): Channel {
  switch (config.type) {
    case 'webhook': {
      const receiver = createReceiver(config, deps);
      return {
        name,
        type: 'webhook',
        close: () => receiver.dispatcher.close(),
        async send(n) {
          const body = JSON.stringify(n.payload);
          const headers: Record<string, string> = {
            [IDEMPOTENCY_HEADER]: n.key,
            'X-Factwatch-Event': n.kind,
            'X-Factwatch-Delivery': String(n.deliveryId),
          };
          if (config.secret) headers[SIGNATURE_HEADER] = signBody(config.secret, body);
          await postBody(receiver, body, headers, deps.timeoutMs);
        },
      };
    }
    case 'slack': {
      // Slack incoming webhooks (and Mattermost, Rocket.Chat …) take `{ text }` with mrkdwn.
      const receiver = createReceiver(config, deps);
      return {
        name,
        type: 'slack',
        close: () => receiver.dispatcher.close(),
        send: (n) => postBody(receiver, JSON.stringify({ text: n.text }), {}, deps.timeoutMs),
      };
    }
    case 'file': {
      const path = resolve(deps.baseDir, config.path);
      return {
        name,
        type: 'file',
        close: async () => {},
        async send(n) {
          // One write of one line with O_APPEND: concurrent workers' lines do not interleave.
          const line = `${JSON.stringify({ key: n.key, ...n.payload })}\n`;
          try {
            await mkdir(dirname(path), { recursive: true });
            await appendFile(path, line, 'utf8');
          } catch (err) {
            throw new DeliveryError(`${path}: ${(err as Error).message}`, { retryable: true, cause: err });
          }
        },
      };
    }
  }
}
