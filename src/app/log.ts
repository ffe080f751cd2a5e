import { pino, type Logger } from 'pino';
import { stripControls } from '../text/strip-controls.ts';

export type { Logger };

/** pino's numeric levels, as a person reads them. */
const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

/**
 * One of pino's JSON lines as a person reads it on a terminal: `factwatch: warning: message
 * (key=value, …)`, control characters removed (values can quote a page or a URL). A line that is
 * not pino's JSON is passed through.
 */
export function formatLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { level, msg, time: _time, ...fields } = entry;
  const name = LEVEL_NAMES[Number(level)] ?? String(level);
  const details = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const text = `factwatch: ${name}: ${typeof msg === 'string' ? msg : ''}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
  return `${stripControls(text)}\n`;
}

/**
 * Logs go to stderr so that stdout stays clean for reports and `--json` output that scripts
 * parse. Level from FACTWATCH_LOG_LEVEL (default "warn": a CLI should be quiet). On a terminal
 * they are lines a person reads (`formatLogLine`); elsewhere — a pipe, a file, a service
 * manager's journal — one JSON object per line for machines; FACTWATCH_LOG_FORMAT=json|text
 * chooses either way (issue 17: JSON lines were mixed into the human output of a terminal).
 */
export function createLogger(level = process.env.FACTWATCH_LOG_LEVEL ?? 'warn', env: NodeJS.ProcessEnv = process.env, terminal = process.stderr.isTTY === true): Logger {
  const human = env.FACTWATCH_LOG_FORMAT === 'text' || (env.FACTWATCH_LOG_FORMAT !== 'json' && terminal);
  if (!human) return pino({ level, base: undefined }, pino.destination(2));
  const stderr = pino.destination({ fd: 2, sync: true });
  return pino({ level, base: undefined }, { write: (line: string) => stderr.write(formatLogLine(line)) });
}

/** A logger that discards everything: for tests that do not inspect logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
