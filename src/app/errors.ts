/**
 * Error classes that carry the retry decision with them, so callers (the check loop, the
 * scheduler, delivery) never parse messages to decide whether to try again. Their codes are the
 * closed lists of `error-codes.ts`.
 */
import { isBlockedCode, type FactwatchCode, type FetchCode } from './error-codes.ts';

export * from './error-codes.ts';


export class FactwatchError<C extends FactwatchCode = FactwatchCode> extends Error {
  /** Whether repeating the same operation later may succeed. */
  readonly retryable: boolean;
  /** A stable machine-readable code ("timeout", "too_large", "invalid_config", …). */
  readonly code: FactwatchCode;
  constructor(code: C, message: string, opts: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = opts.retryable ?? false;
  }
}

/** The configuration is invalid; `problems` names every problem found, not only the first. */
export class ConfigError extends FactwatchError {
  readonly problems: string[];
  constructor(problems: string[], opts: { cause?: unknown } = {}) {
    super('invalid_config', `invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`, opts);
    this.problems = problems;
  }
}

/** The command line was used wrongly (unknown source, bad date …): exit code 2. */
export class UsageError extends FactwatchError {
  constructor(message: string, opts: { cause?: unknown } = {}) {
    super('usage', message, opts);
  }
}

/** A page could not be fetched. `status` is the HTTP status when there was a response. */
export class FetchError extends FactwatchError {
  declare readonly code: FetchCode;
  readonly url: string;
  /**
   * The message without the URL in front (`message` is "<url>: <detail>"). A wrapper that names
   * the failure differently — robots.txt, a URL with its references hidden, a receiver's origin —
   * starts from this, instead of cutting the URL back off the message text.
   */
  readonly detail: string;
  /** Refused by factwatch's own rules (address guard, scheme, robots.txt): the check is `blocked`. */
  readonly blocked: boolean;
  readonly status: number | null;
  /** Server-requested delay before retrying (from Retry-After), in ms, if any. */
  readonly retryAfterMs: number | null;
  constructor(
    code: FetchCode,
    url: string,
    detail: string,
    opts: { retryable?: boolean; status?: number | null; retryAfterMs?: number | null; cause?: unknown } = {},
  ) {
    super(code, `${url}: ${detail}`, opts);
    this.url = url;
    this.detail = detail;
    this.blocked = isBlockedCode(code);
    this.status = opts.status ?? null;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

/** The page was fetched but is not a usable document (no content region, soft error page …). */
export class ExtractionError extends FactwatchError {
  constructor(message: string, opts: { cause?: unknown } = {}) {
    super('extraction_failed', message, { ...opts, retryable: false });
  }
}

/**
 * The database failed while working for a check — not the page's fault (it is down, restarting,
 * out of connections). Retryable. Its message is `describeDatabaseError`'s, and it deliberately
 * keeps no `cause`: drizzle's error carries the statement's parameters (raw bodies, documents),
 * which must never reach a log line or a terminal.
 */
export class DatabaseError extends FactwatchError {
  constructor(description: string) {
    super('database_error', `database error: ${description}`, { retryable: true });
  }
}
