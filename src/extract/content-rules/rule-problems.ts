/**
 * What is wrong with a source's content rules, every problem with its path: the configuration's
 * validation (exit 2, nothing written) and `extract`'s flags (a usage error) say the same thing.
 */
import { regexProblem } from './ignore-text.ts';
import { selectorProblem } from './rule-selectors.ts';

/** The rule lists as they may be found in a configuration or on a command line (possibly malformed). */
export interface RuleLists {
  select?: unknown;
  exclude?: unknown;
  ignoreText?: unknown;
}

/**
 * Problems of each selector and pattern, as `path: message`, `at` naming each item's path
 * (`sources[0].select[1]`, or a flag). Lists that are not arrays of strings are the schema's to report.
 */
export function contentRuleProblems(rules: RuleLists, at: (key: keyof RuleLists, index: number) => string): string[] {
  const problems: string[] = [];
  const each = (key: keyof RuleLists, judge: (s: string) => string | null, what: string): void => {
    const list = rules[key];
    if (!Array.isArray(list)) return;
    list.forEach((item: unknown, i) => {
      if (typeof item !== 'string') return;
      const problem = judge(item);
      if (problem !== null) problems.push(`${at(key, i)}: ${JSON.stringify(item)} is not ${what}: ${problem}`);
    });
  };
  each('select', selectorProblem, 'a valid CSS selector');
  each('exclude', selectorProblem, 'a valid CSS selector');
  each('ignoreText', regexProblem, 'a valid regular expression (RE2 syntax)');
  return problems;
}
