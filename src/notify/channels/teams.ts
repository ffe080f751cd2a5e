import { isWebUrl } from '../../report/escape.ts';
import type { Channel, ChannelConfigOf, ChannelDeps } from '../channel.ts';
import type { NotificationMessage } from '../notification.ts';
import { headerValue, oneLine } from '../message-text.ts';
import { createHttpChannel } from './receiver.ts';

/** Detail lines on a card before "…and N more": Teams refuses payloads over about 28 KB. */
const MAX_LINES = 30;
/** Characters of one line on a card. */
const MAX_LINE = 1000;

/**
 * A Microsoft Teams webhook — a Workflows "When a Teams webhook request is received" URL or a
 * legacy incoming webhook; both take a message with one Adaptive Card attachment. Page text goes
 * only into `TextRun`s, which Teams renders as plain text (no Markdown, unlike a `TextBlock`),
 * and mentions in Teams exist only as declared `msteams.entities`, which this card has none of.
 * Links are the card's own `Action.OpenUrl` buttons, to http(s) URLs only.
 */
export function createTeamsChannel(name: string, config: ChannelConfigOf<'teams'>, deps: ChannelDeps): Channel {
  return createHttpChannel(name, config, deps, (n) => ({ body: JSON.stringify(teamsPayload(n.message)) }));
}

interface TextRun {
  type: 'TextRun';
  text: string;
  weight?: 'Bolder';
}

export function teamsPayload(m: NotificationMessage) {
  const run = (text: string, bold = false): TextRun => ({ type: 'TextRun', text: headerValue(text, MAX_LINE), ...(bold ? { weight: 'Bolder' as const } : {}) });
  const block = (...inlines: TextRun[]) => ({ type: 'RichTextBlock', inlines });
  const lines = m.lines.map(oneLine).filter((l) => l !== '');
  const shown = lines.slice(0, MAX_LINES).map((l) => block(run(l)));
  if (lines.length > MAX_LINES) shown.push(block(run(`…and ${lines.length - MAX_LINES} more lines`)));
  const actions = [
    ...(isWebUrl(m.page.url) ? [{ type: 'Action.OpenUrl', title: 'Open the page', url: m.page.url }] : []),
    ...(m.review?.url ? [{ type: 'Action.OpenUrl', title: `Review ${m.review.label}`, url: m.review.url }] : []),
  ];
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [block(run(m.source, true), run(` — ${m.headline}`)), ...shown, block(run(oneLine(m.page.title)))],
    actions,
  };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}
