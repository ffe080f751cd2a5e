import type { Channel, ChannelConfigOf, ChannelDeps } from '../channel.ts';
import { chatMarkdownText } from './chat-markdown.ts';
import { createHttpChannel } from './receiver.ts';
import type { NotificationMessage } from '../notification.ts';

/** Discord's limit on a message's `content`, in characters. */
export const DISCORD_CONTENT_LIMIT = 2000;

/**
 * A Discord webhook (`https://discord.com/api/webhooks/ID/TOKEN`): `{ content }` in Discord's
 * Markdown, which has no HTML (so no `&amp;`), within its 2000 characters. `allowed_mentions`
 * with an empty `parse` makes Discord itself refuse every ping the text could still carry.
 */
export function createDiscordChannel(name: string, config: ChannelConfigOf<'discord'>, deps: ChannelDeps): Channel {
  return createHttpChannel(name, config, deps, (n) => ({ body: JSON.stringify(discordPayload(n.message)) }));
}

export function discordPayload(m: NotificationMessage): { content: string; allowed_mentions: { parse: never[] } } {
  // `<url>` keeps Discord from unfurling the page into an embed under every alert.
  const content = chatMarkdownText(m, { limit: DISCORD_CONTENT_LIMIT, entities: false, wrapUrl: (u) => `<${u}>` });
  return { content, allowed_mentions: { parse: [] } };
}
