import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs go to stderr so that stdout stays clean for reports and `--json` output that
 * scripts parse. Level from FACTWATCH_LOG_LEVEL (default "warn": a CLI should be quiet).
 */
export function createLogger(level = process.env.FACTWATCH_LOG_LEVEL ?? 'warn'): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

/** A logger that discards everything: for tests that do not inspect logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
