import { createHash } from 'node:crypto';
import type { Clock } from '../app/clock.ts';
import { DatabaseError, ExtractionError, FactwatchError, FetchError } from '../app/errors.ts';
import type { Logger } from '../app/log.ts';
import type { ResolvedSource } from '../config/resolve-source.ts';
import { diffDocuments } from '../diff/diff-documents.ts';
import { isEmptyChange } from '../diff/is-empty-change.ts';
import { summarizeChange } from '../describe/summarize-change.ts';
import type { PageDocument } from '../model/index.ts';
import type { FetchSettings, HttpClient } from '../fetch/index.ts';
import type { Db } from '../store/open-database.ts';
import { latestVersionHead, latestVersionWithoutBody, storeVersion, touchVersion, type VersionHead, type VersionWithoutBody } from '../store/queries/versions.ts';
import type { StoreOutcome } from '../store/queries/store-version.ts';
import { describeDatabaseError, findPgError, isDatabaseError } from '../store/pg-error.ts';
import { loadRawBody } from '../store/raw-body.ts';
import { getSource, recordUrl } from '../store/queries/sources.ts';
import { listChecks, type NewCheck } from '../store/queries/checks.ts';
import type { ParsePage } from './parse-page.ts';
import { assessContent, documentText, isConfirmedShrink, needsPreviousEnding, rawEnding, SHRINK_CONFIRMATIONS, shrinkMarker, SuspectPageError } from './assess-page.ts';

/** Outcomes a check can have: the list `checks.outcome` is constrained to. */
import type { CheckOutcome } from '../model/index.ts';

export interface CheckResult {
  sourceId: string;
  outcome: CheckOutcome;
  /** The check row still to be written: absent when `storeVersion` already wrote it. */
  pendingCheck: NewCheck | null;
  /** Fetch state to persist for the source. */
  fetchState: { etag: string | null; lastModified: string | null };
  /**
   * Set when a new version was stored. Not its document nor its change: a pass may hold
   * thousands of results (a 100% changed pass of 1,000 pages kept ~40 MB of changes alive), and a
   * caller that wants them loads them by `versionId` or `changeId`.
   */
  stored: { versionId: number; seq: number; changeId: number } | null;
  finalUrl: string | null;
  error: FactwatchError | null;
  /** Consecutive failures before this check, for the caller's backoff bookkeeping. */
  previousFailureStreak: number;
  /**
   * The check ran under a lease that ran out or was taken over before it could store: nothing was
   * written, and the caller must not settle the source either (it belongs to another claim now).
   */
  leaseLost: boolean;
}

export interface CheckDeps {
  db: Db;
  http: HttpClient;
  clock: Clock;
  log: Logger;
  /**
   * Where pages are parsed: a worker pool (`createParsePool`) in every pass, so a slow page never
   * blocks the thread that fetches, stores and renews leases. Inline (the default) only in tests
   * of the check itself.
   */
  parsePage?: ParsePage;
}

/**
 * Checks one source once: fetch → (hash) → extract → compare → store.
 *
 * The order is chosen for cost: a 304 or a body whose bytes hash the same as the latest
 * version's is decided without parsing; only different bytes are extracted, and only a
 * different *normalized* document (not a rotating token in the chrome) becomes a version.
 * The page's failures never throw out of here — a fetch error, a suspect page, a version the
 * database refuses: they become a failed check with its reason, so one bad page cannot stop a
 * pass, and nothing bogus is stored. Only a failing database does (`DatabaseError`, retryable,
 * with no statement parameters in it).
 */
export async function checkSource(
  deps: CheckDeps,
  source: ResolvedSource,
  fetchSettings: Partial<FetchSettings>,
  opts: CheckSourceOptions = {},
): Promise<CheckResult> {
  const row = opts.state !== undefined ? opts.state : await getSource(deps.db, source.id);
  const checkedAt = deps.clock.now();
  let result: StepResult;
  try {
    result = await runCheck(deps, source, fetchSettings, row, checkedAt, opts);
  } catch (err) {
    result = resultOfThrow(deps, source, { sourceId: source.id, checkedAt, dueAt: opts.dueAt ?? null }, row, err);
  }
  return { ...result, previousFailureStreak: row?.failureStreak ?? 0 };
}

/** What a scheduler already knows about the check it asks for. */
export interface CheckSourceOptions {
  /** The schedule slot this check serves; recorded on the check row (unique per source). */
  dueAt?: Date | null;
  /** The source's fetch state as the caller just read it (a claim returns it): saves a query. */
  state?: { etag: string | null; lastModified: string | null; failureStreak: number } | null;
  /** The head of the source's current version as the caller read it for a whole pass (null: none yet). */
  head?: VersionHead | null;
  /**
   * The caller records `last_seen_at` of the version an unchanged check saw itself, in its batched
   * settle (`settleChecks` does): saves one round trip per unchanged check.
   */
  deferTouch?: boolean;
  /** The claim this check runs under: a version is stored only while it still holds the source. */
  leaseToken?: string | null;
}

type StepResult = Omit<CheckResult, 'previousFailureStreak'>;

async function runCheck(
  deps: CheckDeps,
  source: ResolvedSource,
  fetchSettings: Partial<FetchSettings>,
  row: { etag: string | null; lastModified: string | null } | null,
  checkedAt: Date,
  opts: CheckSourceOptions,
): Promise<StepResult> {
  const { db, http, log } = deps;
  const dueAt = opts.dueAt ?? null;
  // Only the head first: most checks end at "same bytes" and never need the document or body.
  const head = opts.head !== undefined ? opts.head : await latestVersionHead(db, source.id);
  const touch = touchUnlessDeferred(db, opts, checkedAt);
  const base = { sourceId: source.id, checkedAt, dueAt };
  const prevState = { etag: row?.etag ?? null, lastModified: row?.lastModified ?? null };

  let fetched;
  try {
    fetched = await http.fetchPage(
      // Conditional headers only make sense when we hold a version to fall back on.
      { url: source.url, etag: head ? prevState.etag : null, lastModified: head ? prevState.lastModified : null },
      fetchSettings,
    );
  } catch (err) {
    const e = asFactwatchError(err);
    const outcome: CheckOutcome = e.code === 'gone' ? 'gone' : e.code.startsWith('blocked') ? 'blocked' : 'fetch_error';
    log.warn({ source: source.id, code: e.code, err: e.message }, 'fetch failed');
    return failed(base, outcome, e, prevState, e instanceof FetchError ? e.status : null);
  }

  if (fetched.kind === 'not_modified') {
    if (head) await touch(head.id);
    return ok(base, 'not_modified', { status: 304, bytes: 0, durationMs: fetched.durationMs, versionId: head?.id ?? null }, fetched, null);
  }

  const fetchState = { etag: fetched.etag, lastModified: fetched.lastModified };
  const rawHash = sha256(fetched.body);
  const meta = { status: fetched.status, bytes: fetched.body.length, durationMs: fetched.durationMs };
  if (fetched.url !== source.url) await recordUrl(db, source.id, fetched.url, checkedAt);

  // Same bytes at a different URL is a move, which is reported: only the same bytes at the same URL skip the parse.
  if (head && head.rawHash === rawHash && head.url === fetched.url) {
    await touch(head.id);
    return ok(base, 'unchanged', { ...meta, versionId: head.id }, fetched, null);
  }
  const latest = head ? await latestVersionWithoutBody(db, source.id) : null;
  // The last body's ending matters only when this body's own ending lacks closing tags (rare).
  // An unreadable body (a corrupt gzip or delta) is an unknown ending: the rule does not fire.
  const previousBody = latest && needsPreviousEnding(fetched.text) ? await loadRawBody(db, latest.id).catch(() => null) : null;

  // Content sanity (assess-page.ts): a soft error page, a truncated body or absurd nesting never
  // becomes a version. The validators are NOT kept, so the next check fetches and judges afresh.
  const parsed = await (deps.parsePage ?? parseInline)({
    html: fetched.text,
    url: fetched.url,
    profile: source.profile ?? null,
    previous: latest ? { document: documentText(latest.document), rawEnding: previousBody ? rawEnding(previousBody) : null } : null,
  });
  if (parsed.kind === 'suspect') {
    const { rule, reason } = parsed.suspicion;
    log.warn({ source: source.id, rule, reason }, 'suspect page');
    return { ...failed(base, 'extraction_failed', new SuspectPageError(rule, reason), prevState, fetched.status), finalUrl: fetched.url };
  }
  if (parsed.kind === 'failed') {
    const e = parsed.code === 'extraction_failed' ? new ExtractionError(parsed.message) : new FactwatchError(parsed.code, parsed.message);
    log.warn({ source: source.id, err: e.message }, 'extraction failed');
    return { ...failed(base, 'extraction_failed', e, prevState, fetched.status), finalUrl: fetched.url };
  }
  const { document, contentHash } = parsed;
  return judgeAndStore(deps, source, { base, meta, fetched, fetchState, prevState, rawHash, document, contentHash, latest }, opts);
}

/** Records that the check saw version `versionId` now, unless the caller's batched settle does it. */
function touchUnlessDeferred(db: Db, opts: CheckSourceOptions, at: Date): (versionId: number) => Promise<void> {
  return async (versionId) => {
    if (!opts.deferTouch) await touchVersion(db, versionId, at);
  };
}

/** How many times a check re-reads the head and re-diffs when another writer moved it meanwhile. */
const HEAD_RETRIES = 3;

interface Judged {
  base: { sourceId: string; checkedAt: Date; dueAt: Date | null };
  meta: { status: number; bytes: number; durationMs: number };
  fetched: { body: Buffer; url: string; status: number; etag: string | null; lastModified: string | null };
  fetchState: { etag: string | null; lastModified: string | null };
  prevState: { etag: string | null; lastModified: string | null };
  rawHash: string;
  document: PageDocument;
  contentHash: string;
  latest: VersionWithoutBody | null;
}

/**
 * Compares the page with the current version and stores it if it is a revision — with the
 * version it was compared against as the expected head. If another writer stored a version in
 * between (a second `check`, an import), nothing is written: the head is read again and the page
 * compared with it, so content equal to the current head is never a new version and a change is
 * always a diff from the version it links from. A store the database refuses for this page (a
 * value too large for an index, a byte it cannot hold) is a failed check for this source only.
 */
async function judgeAndStore(deps: CheckDeps, source: ResolvedSource, j: Judged, opts: CheckSourceOptions): Promise<StepResult> {
  const { db, log } = deps;
  const { base, meta, fetched, document, contentHash } = j;
  const touch = touchUnlessDeferred(db, opts, base.checkedAt);
  let latest = j.latest;
  for (let attempt = 0; ; attempt++) {
    if (latest && latest.contentHash === contentHash && latest.url === fetched.url) {
      // Same content behind different bytes (tokens, timestamps in the chrome): not a revision.
      await touch(latest.id);
      return ok(base, 'unchanged', { ...meta, versionId: latest.id }, fetched, null);
    }

    const shrunk = assessContent(document, latest?.document ?? null);
    if (shrunk && !isConfirmedShrink((await listChecks(db, source.id, SHRINK_CONFIRMATIONS - 1)).map((c) => c.error), contentHash)) {
      log.warn({ source: source.id, rule: shrunk.rule, reason: shrunk.reason }, 'suspect page');
      const e = new SuspectPageError(shrunk.rule, `${shrunk.reason} ${shrinkMarker(contentHash)}`);
      return { ...failed(base, 'extraction_failed', e, j.prevState, fetched.status), finalUrl: fetched.url };
    }

    const change = latest ? diffDocuments(latest.document, document) : null;
    if (latest && change && isEmptyChange(change)) {
      await touch(latest.id);
      return ok(base, 'unchanged', { ...meta, versionId: latest.id }, fetched, null);
    }

    const outcome: CheckOutcome = latest ? 'changed' : 'new';
    let stored: StoreOutcome;
    try {
      stored = await storeVersion(db, {
        sourceId: source.id,
        document,
        contentHash,
        rawBody: fetched.body,
        rawHash: j.rawHash,
        finalUrl: fetched.url,
        capturedAt: base.checkedAt,
        change,
        summary: summarizeChange(change),
        channels: source.notify,
        check: { ...base, outcome, httpStatus: meta.status, bytes: meta.bytes, durationMs: Math.round(meta.durationMs), error: null },
        expectedHeadId: latest?.id ?? null,
        fence: opts.leaseToken ? { leaseToken: opts.leaseToken, now: deps.clock.now() } : null,
      });
    } catch (err) {
      if (!(err instanceof FactwatchError && err.code === 'version_conflict')) throw err;
      stored = { kind: 'head_moved' };
    }
    if (stored.kind === 'stored') {
      const { kind: _kind, ...version } = stored;
      return { sourceId: source.id, outcome, pendingCheck: null, fetchState: j.fetchState, stored: version, finalUrl: fetched.url, error: null, leaseLost: false };
    }
    if (stored.kind === 'lease_lost') {
      log.warn({ source: source.id }, 'lease lost before the version was stored; nothing written');
      return { ...failed(base, 'store_failed', new FactwatchError('lease_lost', 'the lease on this source ran out or was taken over; nothing was stored', { retryable: true }), j.prevState, fetched.status), leaseLost: true };
    }
    if (attempt >= HEAD_RETRIES) {
      const e = new FactwatchError('version_conflict', `other writers kept storing versions of ${source.id}; nothing was stored`, { retryable: true });
      return { ...failed(base, 'store_failed', e, j.prevState, fetched.status), finalUrl: fetched.url };
    }
    latest = await latestVersionWithoutBody(db, source.id);
  }
}

/**
 * A write for this check threw. A refusal that is about the data (SQLSTATE classes 22 data
 * exception, 23 integrity, 54 limit exceeded — e.g. an index row too large) is this source's
 * failed check, with the usual backoff; anything else (the database is gone, a bug) is not the
 * page's fault and goes up to the pass as a `DatabaseError`. Either way only the error's code and
 * message are kept, never the statement's parameters (the raw body, the document).
 */
function resultOfThrow(
  deps: CheckDeps,
  source: ResolvedSource,
  base: { sourceId: string; checkedAt: Date; dueAt: Date | null },
  row: { etag: string | null; lastModified: string | null } | null,
  err: unknown,
): StepResult {
  const pg = findPgError(err);
  if (!pg || !SOURCE_DATA_ERRORS.test(pg.code)) {
    if (err instanceof FactwatchError && !isDatabaseError(err)) throw err;
    throw new DatabaseError(describeDatabaseError(err));
  }
  const e = new FactwatchError('store_rejected', `the database refused this page (${describeDatabaseError(err)})`);
  deps.log.warn({ source: source.id, code: pg.code, reason: pg.message }, 'version could not be stored');
  return failed(base, 'store_failed', e, { etag: row?.etag ?? null, lastModified: row?.lastModified ?? null }, null);
}

/** SQLSTATE classes that mean "this data", not "this database": 22 data exception, 23 integrity, 54 program limit. */
const SOURCE_DATA_ERRORS = /^(22|23|54)/;

let inlineParser: Promise<ParsePage> | null = null;

/**
 * The inline parser, loaded on the first page that needs parsing: the extraction stack (cheerio,
 * chrono-node, the figure recognizers) is ~27 MB of a process, and a pass whose pages are all
 * unchanged, or parsed on worker threads, never needs it in the main thread (issue 8, memory).
 */
const parseInline: ParsePage = async (input) => (await (inlineParser ??= import('./parse-page.ts').then((m) => m.parsePageInline)))(input);

function ok(
  base: { sourceId: string; checkedAt: Date },
  outcome: CheckOutcome,
  m: { status: number; bytes: number; durationMs: number; versionId: number | null },
  fetched: { etag: string | null; lastModified: string | null; url: string },
  error: FactwatchError | null,
): StepResult {
  return {
    sourceId: base.sourceId,
    outcome,
    pendingCheck: { ...base, outcome, httpStatus: m.status, bytes: m.bytes, durationMs: Math.round(m.durationMs), versionId: m.versionId, error: null },
    fetchState: { etag: fetched.etag, lastModified: fetched.lastModified },
    stored: null,
    finalUrl: fetched.url,
    error,
    leaseLost: false,
  };
}

function failed(
  base: { sourceId: string; checkedAt: Date },
  outcome: CheckOutcome,
  e: FactwatchError,
  fetchState: { etag: string | null; lastModified: string | null },
  status: number | null,
): StepResult {
  return {
    sourceId: base.sourceId,
    outcome,
    pendingCheck: { ...base, outcome, httpStatus: status, bytes: null, durationMs: null, versionId: null, error: `${e.code}: ${e.message}` },
    fetchState,
    stored: null,
    finalUrl: null,
    error: e,
    leaseLost: false,
  };
}

function asFactwatchError(err: unknown, code = 'internal'): FactwatchError {
  if (err instanceof FactwatchError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new FactwatchError(code, message, { cause: err, retryable: false });
}

function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}
