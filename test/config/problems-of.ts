import { ConfigError } from '../../src/app/errors.ts';
import { parseConfigText } from '../../src/config/load-config.ts';

/** Every problem the configuration loader names for `text` (none: an empty list). */
export function problemsOf(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfigText(text, 'test.json', env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}
