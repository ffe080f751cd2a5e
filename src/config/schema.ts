import { z } from 'zod';
import { MAX_URL_LENGTH } from '../fetch/url-limit.ts';
import { FIGURE_LANGUAGES } from '../model/figure-vocabulary.ts';
import { CURRENCY_CODE } from '../model/page-reading.ts';
import { alertRuleKey, notifyEntrySchema } from './alert-rule-schema.ts';

/**
 * The shape of `factwatch.config.json` (docs/design.md, "CLI contract"). Keys may grow; these stay.
 * Semantic checks that zod cannot express alone (cron syntax, time zones, CIDRs, references to
 * channels) live in `validate-config.ts`, so that every problem is reported in one pass.
 */

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a slug: lowercase letters, digits and hyphens');


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
  })
  .strict();

/**
 * Networks a webhook or Slack receiver may be on beyond the public internet ("10.0.0.0/8",
 * "127.0.0.0/8"): receivers pass the same address guard as page fetches, with their own list.
 */
const receiverNetworks = z.array(z.string()).optional();
const webhookChannel = z
  .object({ type: z.literal('webhook'), url: httpUrl, secret: z.string().optional(), allowNetworks: receiverNetworks, ...alertRuleKey })
  .strict();
const slackChannel = z.object({ type: z.literal('slack'), url: httpUrl, allowNetworks: receiverNetworks, ...alertRuleKey }).strict();
const fileChannel = z.object({ type: z.literal('file'), path: z.string().min(1), ...alertRuleKey }).strict();

export const channelSchema = z.discriminatedUnion('type', [webhookChannel, slackChannel, fileChannel]);

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
