/**
 * The content-rule flags (`--select`, `--exclude`, `--ignore-text`, each repeatable) of the
 * commands that preview or add a source: the same rules a source's configuration gives, checked
 * by the same engines, every problem named in one usage error (exit 2).
 */
import type { Command } from 'commander';
import { UsageError } from '../app/errors.ts';
import { contentRuleProblems } from '../extract/content-rules/rule-problems.ts';
import { contentRules, MAX_RULE_LENGTH, type ContentRules } from '../model/index.ts';

export interface ContentRuleFlags {
  select: string[];
  exclude: string[];
  ignoreText: string[];
}

/** A repeatable option's collector: `--select a --select b` is `["a", "b"]`. */
function repeat(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds the three flags to `command`. */
export function addContentRuleFlags(command: Command): Command {
  return command
    .option('--select <css>', 'CSS selector of the content, replacing the profile\'s content region (repeatable)', repeat, [])
    .option('--exclude <css>', 'CSS selector of elements removed before anything else is read (repeatable)', repeat, [])
    .option('--ignore-text <regex>', 'regular expression (RE2 syntax) whose matches are removed from the text (repeatable)', repeat, []);
}

const FLAG_OF: Record<keyof ContentRuleFlags, string> = { select: '--select', exclude: '--exclude', ignoreText: '--ignore-text' };

/** The rules the flags give; every bad selector or pattern named at once in a `UsageError`. */
export function contentRulesOfFlags(flags: ContentRuleFlags): ContentRules {
  const problems = contentRuleProblems(flags, (key, i) => `${FLAG_OF[key]} #${i + 1}`);
  for (const key of Object.keys(FLAG_OF) as Array<keyof ContentRuleFlags>) {
    flags[key].forEach((value, i) => {
      if (value.length > MAX_RULE_LENGTH) problems.push(`${FLAG_OF[key]} #${i + 1}: at most ${MAX_RULE_LENGTH} characters`);
    });
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return contentRules(flags.select, flags.exclude, flags.ignoreText);
}
