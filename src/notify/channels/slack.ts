import { stripControls } from '../../text/strip-controls.ts';
import type { Channel, ChannelConfigOf, ChannelDeps } from '../channel.ts';
import type { NotificationMessage } from '../notification.ts';
import { createHttpChannel } from './receiver.ts';

/** Slack incoming webhooks (and Rocket.Chat …) take `{ text }` with mrkdwn. */
export function createSlackChannel(name: string, config: ChannelConfigOf<'slack'>, deps: ChannelDeps): Channel {
  return createHttpChannel(name, config, deps, (n) => ({ body: JSON.stringify({ text: slackText(n.message) }) }));
}

/**
 * The message in Slack mrkdwn: the source in bold, the details, then the page and the review as
 * `<url|label>` links. Slack mentions need `<!here>` / `<@U…>`, which escaping `<` rules out.
 */
export function slackText(m: NotificationMessage): string {
  const review = m.review ? (m.review.url ? `<${slackUrl(m.review.url)}|${slack(m.review.label)}>` : slack(m.review.label)) : null;
  const page = m.page.title === m.page.url ? `<${slackUrl(m.page.url)}>` : `<${slackUrl(m.page.url)}|${slack(m.page.title)}>`;
  return [`*${slack(m.source)}* — ${slack(m.headline)}`, ...m.lines.map(slack), `${page}${review ? ` (${review})` : ''}`].join('\n');
}

/** Slack mrkdwn escaping: page text must not turn into links, mentions or markup. */
function slack(s: string): string {
  return stripControls(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL inside `<url|label>`: `|` and `>` would end it early. */
function slackUrl(u: string): string {
  return slack(u).replace(/\|/g, '%7C');
}
