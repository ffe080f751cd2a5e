import { z } from 'zod';
import { didYouMean } from '../app/closest-match.ts';
import { ALERT_EVENTS, FIGURE_EVENTS, FIGURE_KINDS, type AlertEvent, type FigureKind } from '../model/index.ts';

/**
 * The alert-rule language (`when`, issue 17): which changes a channel — or one source's use of a
 * channel — is told about. A channel without `when` gets every change. The rule is evaluated at
 * delivery time (src/notify/match-rule.ts); docs/monitoring.md, "Alert rules", is its manual.
 *
 * Every problem is a zod issue with its path, so `validateConfig` lists them all in one pass;
 * an unknown name says what it was probably meant to be.
 */

/** A name from a closed list, refused with "did you mean" and the list. */
function nameFrom<T extends string>(names: readonly T[], what: string) {
  return z
    .string()
    .superRefine((s, ctx) => {
      if (!(names as readonly string[]).includes(s)) {
        ctx.addIssue({ code: 'custom', message: `unknown ${what} "${s}"${didYouMean(s, names)} (known: ${names.join(', ')})` });
      }
    })
    .transform((s) => s as T);
}

const nonNegative = (what: string) => z.number().min(0, `${what} must be 0 or more`);

/** The longest `match` text: it is compared with every figure of a change, so it stays short. */
const MAX_MATCH_CHARS = 200;
/** More consecutive checks than this is not flapping protection any more, it is silence. */
const MAX_CONFIRM = 100;

export const figureFilterSchema = z
  .object({
    kinds: z.array(nameFrom<FigureKind>(FIGURE_KINDS, 'figure kind')).min(1, 'name at least one kind, or leave "kinds" out').optional(),
    /** Case-insensitive substring of the figure's label, series or key. */
    match: z.string().trim().min(1, 'must not be empty').max(MAX_MATCH_CHARS, `must be at most ${MAX_MATCH_CHARS} characters long`).optional(),
    /** Smallest relative move, in percent (10 is ±10 %). */
    minChangePct: nonNegative('a percentage').optional(),
    /** Smallest absolute move, in the figure's unit. */
    minChange: nonNegative('a change').optional(),
    direction: z.enum(['up', 'down', 'any'], { message: 'must be "up", "down" or "any"' }).optional(),
  })
  .strict();

export const alertRuleSchema = z
  .object({
    events: z.array(nameFrom<AlertEvent>(ALERT_EVENTS, 'event')).min(1, 'name at least one event, or leave "events" out for all of them').optional(),
    figures: figureFilterSchema.optional(),
    /** Notify only after this many consecutive checks saw the changed content (1: at once). */
    confirm: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1 (1 notifies on the check that found the change)')
      .max(MAX_CONFIRM, `must be at most ${MAX_CONFIRM}`)
      .optional(),
  })
  .strict();

/**
 * What zod cannot judge when another key of the rule is wrong (its refinements stop at the first
 * broken key): a figure filter under events that name no figure event can never narrow
 * anything — a mistake, not a preference. Reads the rule as written, whatever its shape.
 */
export function ruleProblems(when: unknown, at: string): string[] {
  if (!when || typeof when !== 'object') return [];
  const { events, figures } = when as { events?: unknown; figures?: unknown };
  if (figures === undefined || !Array.isArray(events)) return [];
  const named = events.filter((e): e is AlertEvent => typeof e === 'string' && (ALERT_EVENTS as readonly string[]).includes(e));
  if (named.length === 0 || named.length < events.length || named.some((e) => FIGURE_EVENTS.includes(e))) return [];
  return [`${at}.figures: has no effect: "events" names none of ${FIGURE_EVENTS.join(', ')}`];
}

/** The `when` key every channel type takes (spread into each channel's object schema). */
export const alertRuleKey = { when: alertRuleSchema.optional() };

/** A source's `notify` entry: a channel name, or a channel with the rule that replaces the channel's own for this source. */
export const notifyEntrySchema = z.union([
  z.string(),
  z.object({ channel: z.string(), when: alertRuleSchema }).strict(),
]);

export type AlertRule = z.infer<typeof alertRuleSchema>;
export type FigureFilter = z.infer<typeof figureFilterSchema>;
export type NotifyEntry = z.infer<typeof notifyEntrySchema>;

/** The channel a `notify` entry names. */
export function channelOf(entry: NotifyEntry): string {
  return typeof entry === 'string' ? entry : entry.channel;
}
