import { z } from 'zod';
import { MAX_URL_LENGTH } from '../fetch/url-limit.ts';
import { FIGURE_LANGUAGES } from '../model/figure-vocabulary.ts';
import { MAX_RULE_LENGTH, MAX_RULES_PER_LIST } from '../model/content-rules.ts';
import { CURRENCY_CODE } from '../model/page-reading.ts';
import { parseSmtpUrl } from './smtp-url.ts';
import { alertRuleKey, notifyEntrySchema } from './alert-rule-schema.ts';

/**
 * The shape of `factwatch.config.json` (docs/design.md, "CLI contract"). Keys may grow; these stay.
 * Semantic checks that zod cannot express alone (cron syntax, time zones, CIDRs, references to
 * channels) live in `validate-config.ts`, so that every problem is reported in one pass.
 */

/** Ids, channel names and tags: lowercase letters, digits and hyphens, 63 at most. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

const slug = z.string().regex(SLUG, 'must be a slug: lowercase letters, digits and hyphens');


/** Tags per source: enough to group by region, topic and team; bounded like every other input. */
const MAX_TAGS = 20;

const httpUrl = z.string().max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters long`).refine(
  (s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'must be an absolute http(s) URL' },
);

/** A list of content rules (selectors or patterns); each is checked by its engine in validate-config.ts. */
const ruleList = z
  .array(z.string().min(1, 'must not be empty').max(MAX_RULE_LENGTH, `must be at most ${MAX_RULE_LENGTH} characters long`))
  .max(MAX_RULES_PER_LIST, `at most ${MAX_RULES_PER_LIST} entries`)
  .optional();

export const fetchSettingsSchema = z
  .object({
    allowNetworks: z.array(z.string()).optional(),
    userAgent: z.string().min(1).optional(),
    headersTimeoutMs: z.number().int().positive().optional(),
    bodyTimeoutMs: z.number().int().positive().optional(),
    maxBytes: z.number().int().positive().optional(),
    maxRedirects: z.number().int().min(0).max(20).optional(),
    retries: z.number().int().min(0).max(10).optional(),
    /** Honour robots.txt (default true); false for a page watched with the site's consent. */
    robots: z.boolean().optional(),
    perHost: z
      .object({
        concurrency: z.number().int().positive().optional(),
        minDelayMs: z.number().int().min(0).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const sourceSchema = z
  .object({
    id: slug,
    url: httpUrl,
    aliases: z.array(httpUrl).optional(),
    profile: z.string().optional(),
    /** The language of the page's text when the page cannot be trusted to say it (en, fr, de). */
    language: z.enum(FIGURE_LANGUAGES).optional(),
    /** The currency of a bare "$" / "dollars" / "francs" on the page: ISO 4217 ("AUD"). */
    currency: z.string().regex(CURRENCY_CODE, 'an ISO 4217 code of three capital letters ("AUD")').optional(),
    schedule: z.string().optional(),
    timezone: z.string().optional(),
    enabled: z.boolean().optional(),
    /** Channel names, or `{ channel, when }` to replace that channel's alert rule for this source. */
    notify: z.array(notifyEntrySchema).optional(),
    fetch: fetchSettingsSchema.optional(),
    /** CSS selectors of the content, overriding the profile's content region. */
    select: ruleList,
    /** CSS selectors of elements removed before anything else (a share bar, a cookie banner). */
    exclude: ruleList,
    /** Regular expressions (RE2 syntax) whose matches are removed from the text ("Visits: \\d+"). */
    ignoreText: ruleList,
    /** Labels for grouping sources ("asia", "trade"): `--tag` / `?tag=` filters in check, changes, the UI and the feed. */
    tags: z.array(slug).max(MAX_TAGS, `at most ${MAX_TAGS} tags`).optional(),
  })
  .strict();

/**
 * Networks a receiver (a webhook, a chat service, ntfy, a mail server) may be on beyond the
 * public internet ("10.0.0.0/8", "127.0.0.0/8"): receivers pass the same address guard as page
 * fetches, with their own list.
 */
const receiverNetworks = z.array(z.string()).optional();

/** Keys every channel type takes, spread into each (so a key for all channels is added once). */
const channelBase = { ...alertRuleKey };
/** Keys of every channel that connects to a receiver. */
const receiverBase = { ...channelBase, allowNetworks: receiverNetworks };

/**
 * A secret such as a token, going into an HTTP header: visible ASCII only, so no value can end
 * the header (the message never quotes it).
 */
const headerSecret = z.string().min(1).regex(/^[\x21-\x7e]+$/u, 'must be printable ASCII without spaces');

const smtpUrl = z.string().superRefine((s, ctx) => {
  const parsed = parseSmtpUrl(s);
  if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
});

const webhookChannel = z.object({ ...receiverBase, type: z.literal('webhook'), url: httpUrl, secret: z.string().optional() }).strict();
const slackChannel = z.object({ ...receiverBase, type: z.literal('slack'), url: httpUrl }).strict();
const fileChannel = z.object({ ...channelBase, type: z.literal('file'), path: z.string().min(1) }).strict();
const emailChannel = z
  .object({
    ...receiverBase,
    type: z.literal('email'),
    to: z.array(z.email()).min(1).max(50),
    from: z.email().optional(),
    /** smtps://user:pass@host or smtp://… (STARTTLS required unless ?requireTLS=false): see smtp-url.ts. */
    smtp: smtpUrl,
    /** Send an HTML alternative beside the plain text (built from escaped text only). */
    html: z.boolean().optional(),
  })
  .strict();
const ntfyChannel = z.object({ ...receiverBase, type: z.literal('ntfy'), url: httpUrl, token: headerSecret.optional() }).strict();
const discordChannel = z.object({ ...receiverBase, type: z.literal('discord'), url: httpUrl }).strict();
const teamsChannel = z.object({ ...receiverBase, type: z.literal('teams'), url: httpUrl }).strict();
const mattermostChannel = z.object({ ...receiverBase, type: z.literal('mattermost'), url: httpUrl }).strict();
const appriseChannel = z
  .object({
    ...channelBase,
    type: z.literal('apprise'),
    /** Apprise URLs ("mailto://…", "tgram://…"), usually `${APPRISE_URL}` references: they hold credentials. */
    urls: z.array(z.string().min(1)).min(1),
    /** The Apprise CLI to run, found on PATH (default "apprise"); a path works too. */
    command: z.string().min(1).optional(),
  })
  .strict();

export const channelSchema = z.discriminatedUnion('type', [
  webhookChannel,
  slackChannel,
  fileChannel,
  emailChannel,
  ntfyChannel,
  discordChannel,
  teamsChannel,
  mattermostChannel,
  appriseChannel,
]);

/**
 * The name the review UI is reached by beyond its bound address ("https://factwatch.example.org"
 * behind a proxy): the server answers that Host besides its own address, and absolute links
 * (the Atom feed) use it. An origin only: the UI's links are absolute paths.
 */
export const publicUrlSchema = z.string().max(MAX_URL_LENGTH).refine(
  (s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '' && u.pathname === '/' && u.search === '' && u.hash === '';
    } catch {
      return false;
    }
  },
  { message: 'must be an http(s) origin such as https://factwatch.example.org (no path, query or credentials)' },
);

export const serveSchema = z.object({ publicUrl: publicUrlSchema.optional() }).strict();

export const configSchema = z
  .object({
    sources: z.array(sourceSchema),
    channels: z.record(slug, channelSchema).optional(),
    fetch: fetchSettingsSchema.optional(),
    serve: serveSchema.optional(),
  })
  .strict();

export type RawConfig = z.infer<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;
export type FetchConfig = z.infer<typeof fetchSettingsSchema>;
