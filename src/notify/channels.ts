import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Dispatcher } from 'undici';
import type { ChannelConfig } from '../config/schema.ts';
import { DeliveryError } from './delivery-error.ts';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, type Notification } from './notification.ts';
import { postBody } from './post-json.ts';
import { signBody } from './sign-body.ts';

/** Somewhere a notification can be sent. Throws `DeliveryError` (its `retryable` decides). */
export interface Channel {
  readonly name: string;
  readonly type: ChannelConfig['type'];
  send(n: Notification): Promise<void>;
}

export interface ChannelDeps {
  dispatcher: Dispatcher;
  /** Relative file-channel paths are resolved from here (the working directory). */
  baseDir: string;
  timeoutMs: number;
}

/** Builds every configured channel by name. Secrets were resolved in memory by the config loader. */
export function createChannels(configs: Record<string, ChannelConfig>, deps: ChannelDeps): Map<string, Channel> {
  return new Map(Object.entries(configs).map(([name, c]) => [name, createChannel(name, c, deps)]));
}

export function createChannel(name: string, config: ChannelConfig, deps: ChannelDeps): Channel {
  switch (config.type) {
    case 'webhook':
      return {
        name,
        type: 'webhook',
        async send(n) {
          const body = JSON.stringify(n.payload);
          const headers: Record<string, string> = {
            [IDEMPOTENCY_HEADER]: n.key,
            'X-Factwatch-Event': n.kind,
            'X-Factwatch-Delivery': String(n.deliveryId),
          };
          if (config.secret) headers[SIGNATURE_HEADER] = signBody(config.secret, body);
          await postBody(deps.dispatcher, config.url, body, headers, deps.timeoutMs);
        },
      };
    case 'slack':
      // Slack incoming webhooks (and Mattermost, Rocket.Chat …) take `{ text }` with mrkdwn.
      return {
        name,
        type: 'slack',
        send: (n) => postBody(deps.dispatcher, config.url, JSON.stringify({ text: n.text }), {}, deps.timeoutMs),
      };
    case 'file': {
      const path = resolve(deps.baseDir, config.path);
      return {
        name,
        type: 'file',
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
