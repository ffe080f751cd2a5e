import type { Channel, ChannelConfigOf, ChannelDeps } from '../channel.ts';
import { chatMarkdownText } from './chat-markdown.ts';
import { createHttpChannel } from './receiver.ts';

/** Characters of a Mattermost post (its default maximum is 16,383). */
const MATTERMOST_TEXT_LIMIT = 16_000;

/**
 * A Mattermost incoming webhook. Its payload is Slack's `{ text }`, but the text is Markdown,
 * not mrkdwn: `*x*` is italic (bold is `**x**`), links are `[label](url)`, and a plain
 * `@channel` or `@name` in the text notifies people — which Slack's format never does (it
 * needs `<!channel>`). So page text is Markdown-escaped and its mentions defused here, where
 * the `slack` type would have let a page's "@all" ping the whole channel.
 */
export function createMattermostChannel(name: string, config: ChannelConfigOf<'mattermost'>, deps: ChannelDeps): Channel {
  return createHttpChannel(name, config, deps, (n) => ({ body: JSON.stringify({ text: chatMarkdownText(n.message, { limit: MATTERMOST_TEXT_LIMIT }) }) }));
}
