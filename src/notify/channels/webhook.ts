import type { Channel, ChannelConfigOf, ChannelDeps } from '../channel.ts';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER } from '../notification.ts';
import { signBody } from '../sign-body.ts';
import { createHttpChannel } from './receiver.ts';

/** The JSON document of a notification, signed with the channel's secret when it has one. */
export function createWebhookChannel(name: string, config: ChannelConfigOf<'webhook'>, deps: ChannelDeps): Channel {
  return createHttpChannel(name, config, deps, (n) => {
    const body = JSON.stringify(n.payload);
    const headers: Record<string, string> = {
      [IDEMPOTENCY_HEADER]: n.key,
      'X-Factwatch-Event': n.kind,
      'X-Factwatch-Delivery': String(n.deliveryId),
    };
    if (config.secret) headers[SIGNATURE_HEADER] = signBody(config.secret, body);
    return { body, headers };
  });
}
