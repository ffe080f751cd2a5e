import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../src/app/log.ts';
import { runShell } from '../helpers/run-cli.ts';

/** Logs a person reads on a terminal, JSON for machines (issue 17: JSON lines mixed into human output). */
describe('log lines', () => {
  it('formats pino JSON as one readable line, control characters removed', () => {
    expect(formatLogLine('{"level":40,"time":1,"msg":"robots.txt unreachable","source":"fr-kp","status":503}')).toBe(
      'factwatch: warning: robots.txt unreachable (source=fr-kp, status=503)\n',
    );
    expect(formatLogLine('{"level":50,"msg":"bad \\u001b[31mred"}')).toBe('factwatch: error: bad red\n');
    expect(formatLogLine('not json\n')).toBe('not json\n');
  });

  it('writes text or JSON to stderr as FACTWATCH_LOG_FORMAT says, JSON by default off a terminal', async () => {
    const script = `import { createLogger } from './src/app/log.ts'; createLogger('warn').warn({ source: 'x' }, 'slow page');`;
    const run = (format: string | undefined) => runShell(`node --import tsx --input-type=module -e "${script}"`, { env: { FACTWATCH_LOG_FORMAT: format } });
    const json = await run(undefined);
    expect(JSON.parse(json.stderr.trim())).toMatchObject({ level: 40, msg: 'slow page', source: 'x' });
    const text = await run('text');
    expect(text.stderr).toBe('factwatch: warning: slow page (source=x)\n');
  }, 60_000);
});
