import type { ChannelConfig } from '../config/schema.ts';
import type { Channel, ChannelDeps } from './channel.ts';
import { createAppriseChannel } from './channels/apprise.ts';
import { createDiscordChannel } from './channels/discord.ts';
import { createEmailChannel } from './channels/email.ts';
import { createFileChannel } from './channels/file.ts';
import { createMattermostChannel } from './channels/mattermost.ts';
import { createNtfyChannel } from './channels/ntfy.ts';
import { createSlackChannel } from './channels/slack.ts';
import { createTeamsChannel } from './channels/teams.ts';
import { createWebhookChannel } from './channels/webhook.ts';

export type { Channel, ChannelDeps } from './channel.ts';

/** Builds every configured channel by name. Secrets were resolved in memory by the config loader. */
export function createChannels(configs: Record<string, ChannelConfig>, deps: ChannelDeps): Map<string, Channel> {
  return new Map(Object.entries(configs).map(([name, c]) => [name, createChannel(name, c, deps)]));
}

/** Closes every channel of `createChannels`. */
export async function closeChannels(channels: Map<string, Channel>): Promise<void> {
  await Promise.allSettled([...channels.values()].map((c) => c.close()));
}

/** One channel of its type; each type lives in `channels/`, with its own escaping of page text. */
export function createChannel(name: string, config: ChannelConfig, deps: ChannelDeps): Channel {
  switch (config.type) {
    case 'webhook':
      return createWebhookChannel(name, config, deps);
    case 'slack':
      return createSlackChannel(name, config, deps);
    case 'file':
      return createFileChannel(name, config, deps);
    case 'email':
      return createEmailChannel(name, config, deps);
    case 'ntfy':
      return createNtfyChannel(name, config, deps);
    case 'discord':
      return createDiscordChannel(name, config, deps);
    case 'teams':
      return createTeamsChannel(name, config, deps);
    case 'mattermost':
      return createMattermostChannel(name, config, deps);
    case 'apprise':
      return createAppriseChannel(name, config, deps);
  }
}
