/**
 * Every code a `FactwatchError` can carry, one list per error family. The unions derived from
 * these lists type `FactwatchError.code`, so the compiler checks every comparison
 * (`e.code === 'gone'`) and every construction against the codes that exist: a typo, or a code
 * that was renamed, fails the build instead of silently never matching. Codes are stable:
 * scripts read them (`check --json`) and they start the stored `checks.error` text.
 *
 * What a code says about its family — whether a fetch code means "refused by our own rules" —
 * is a function here (`isBlockedCode`), never a prefix test on the code's spelling.
 */

/** The command line and the process: configuration, usage, anything unforeseen. */
export const APP_CODES = ['invalid_config', 'usage', 'internal', 'listen_failed', 'unreadable_input', 'config_busy', 'config_unwritable'] as const;

/**
 * Fetches refused by factwatch's own rules, not by the site: the address guard, a URL that is
 * not http(s), robots.txt. A check that ends in one of these is `blocked`, not `fetch_error`.
 */
export const BLOCKED_FETCH_CODES = ['blocked_address', 'blocked_url', 'blocked_robots'] as const;

/** A page (or robots.txt) could not be fetched (`FetchError`). */
export const FETCH_CODES = [
  ...BLOCKED_FETCH_CODES,
  'timeout',
  'network',
  'gone',
  'http_status',
  'too_many_redirects',
  'url_too_long',
  'unsupported_content',
  'too_large',
  'bad_encoding',
  'robots_unreachable',
] as const;

/** The page was fetched but gives no document: extraction failed, it looks wrong, or parsing was stopped. */
export const EXTRACTION_CODES = ['extraction_failed', 'suspect_page', 'too_many_figures', 'too_slow'] as const;

/** The database: unreachable or refusing, or a write whose expectations no longer held. */
export const STORE_CODES = [
  'database_error',
  'database_busy',
  'database_closed',
  'database_open_failed',
  'migration_failed',
  'version_conflict',
  'lease_lost',
  'store_rejected',
] as const;

/** A WARC file's bytes (`ArchiveError`); never retryable. */
export const ARCHIVE_CODES = ['bad_warc', 'truncated_record', 'too_large'] as const;

/** History import besides the archive's bytes: the CDX listing, an interrupted run. */
export const IMPORT_CODES = ['bad_cdx', 'interrupted'] as const;

/** A notification could not be delivered (`DeliveryError`). */
export const DELIVERY_CODES = ['delivery_failed'] as const;

export type AppCode = (typeof APP_CODES)[number];
export type BlockedFetchCode = (typeof BLOCKED_FETCH_CODES)[number];
export type FetchCode = (typeof FETCH_CODES)[number];
export type ExtractionCode = (typeof EXTRACTION_CODES)[number];
export type StoreCode = (typeof STORE_CODES)[number];
export type ArchiveCode = (typeof ARCHIVE_CODES)[number];
export type ImportCode = (typeof IMPORT_CODES)[number];
export type DeliveryCode = (typeof DELIVERY_CODES)[number];

/** Every code there is. */
export type FactwatchCode = AppCode | FetchCode | ExtractionCode | StoreCode | ArchiveCode | ImportCode | DeliveryCode;

const ALL_CODES: ReadonlySet<string> = new Set<string>([
  ...APP_CODES,
  ...FETCH_CODES,
  ...EXTRACTION_CODES,
  ...STORE_CODES,
  ...ARCHIVE_CODES,
  ...IMPORT_CODES,
  ...DELIVERY_CODES,
]);
const BLOCKED: ReadonlySet<string> = new Set<string>(BLOCKED_FETCH_CODES);

export function isFactwatchCode(code: string): code is FactwatchCode {
  return ALL_CODES.has(code);
}

/** Whether a failure is factwatch refusing the fetch by its own rules (outcome `blocked`). */
export function isBlockedCode(code: FactwatchCode): code is BlockedFetchCode {
  return BLOCKED.has(code);
}
