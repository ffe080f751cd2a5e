/**
 * One live check: observe → judge → record.
 *
 * `observePage` turns one fetch into a capture; the judge (judge-capture.ts, pure, on the judge
 * pool in every pass) says what it means against the current version; the sink writes it. The
 * check itself writes nothing. Its only loop is the one a second writer forces: when the sink
 * finds that another writer stored a version since the one this capture was judged against (a
 * second `check`, an import), nothing was written, and the capture is judged again against the
 * new head — so content equal to the current head is never a new version, and a change is
 * always a diff from the version it links from.
 *
 * A page's failures never throw out of here — a fetch error, a suspect page, a version the
 * database refuses: they become a failed check with its reason, so one bad page cannot stop a
 * pass, and nothing bogus is stored. Only a failing database does (`DatabaseError`, retryable,
 * with no statement parameters in it).
 */
import type { Clock } from '../app/clock.ts';
import { DatabaseError, ExtractionError, FactwatchError } from '../app/errors.ts';
import type { Logger } from '../app/log.ts';
import type { ResolvedSource } from '../config/resolve-source.ts';
import type { HttpClient } from '../fetch/index.ts';
import { SuspectPageError } from '../judge/assess-page.ts';
import { previousVersionOf } from '../judge/previous-version.ts';
import type { Capture } from '../judge/capture.ts';
import type { PreviousVersion } from '../judge/judge-input.ts';
import { quickVerdict } from '../judge/quick-verdict.ts';
import { judgeInline } from '../judge/judge-inline.ts';
import type { JudgePage } from '../judge/judge-pool.ts';
import type { Verdict } from '../judge/verdict.ts';
import type { Db } from '../store/db.ts';
import { describeDatabaseError, findPgError, isDatabaseError } from '../store/pg-error.ts';
import { loadRawBody } from '../store/raw-body.ts';
import { hasContentRules, type CheckOutcome } from '../model/index.ts';
import { latestVersionWithoutBody } from '../store/queries/versions.ts';
import type { StoreOutcome } from '../store/queries/store-version.ts';
import type { NewCheck } from '../store/types.ts';
import type { CheckSink } from './check-sink.ts';
import type { RecordedCheck } from './recorded-check.ts';
import type { CheckResult } from './check-result.ts';
import { observePage } from './observe-page.ts';
import type { SourceState } from './source-state.ts';

export type { CheckResult } from './check-result.ts';

export interface CheckDeps {
  /** Read only: the previous version's document and body. Writes go through the sink. */
  db: Db;
  http: HttpClient;
  clock: Clock;
  log: Logger;
  /** Where pages are judged: the judge pool in every pass; inline by default (tests of the check itself). */
  judge?: JudgePage;
}

/** How many times a check re-reads the head and re-judges when another writer moved it meanwhile. */
const HEAD_RETRIES = 3;

export async function checkSource(deps: CheckDeps, source: ResolvedSource, state: SourceState, sink: CheckSink): Promise<CheckResult> {
  const checkedAt = deps.clock.now();
  const base = { sourceId: source.id, checkedAt, dueAt: state.dueAt };
  const kept = { etag: state.etag, lastModified: state.lastModified };
  let recorded: RecordedCheck;
  try {
    recorded = await runCheck(deps, source, state, sink, base, kept);
  } catch (err) {
    recorded = refusedByDatabase(deps, source, base, kept, err);
  }
  await sink.record(source, state, recorded);
  return recorded.result;
}

type Base = { sourceId: string; checkedAt: Date; dueAt: Date | null };
type Validators = { etag: string | null; lastModified: string | null };

async function runCheck(deps: CheckDeps, source: ResolvedSource, state: SourceState, sink: CheckSink, base: Base, kept: Validators): Promise<RecordedCheck> {
  const { head } = state;
  const observed = await observePage(deps, source, head ? kept : null);
  if (observed.kind === 'failed') {
    deps.log.warn({ source: source.id, code: observed.error.code, err: observed.error.message }, 'fetch failed');
    return failed(base, observed.outcome, observed.error, kept, observed.status, null);
  }
  const { capture, durationMs } = observed;
  const meta = { status: capture.status, bytes: capture.body.length, durationMs };
  if (capture.status !== 304 && capture.url !== source.url) await sink.recordUrl(source.id, capture.url, base.checkedAt);

  const ctx = { profile: source.profile ?? null, reading: source.reading, rules: source.rules, urlMatters: true, shrink: state.shrinkHash ? { contentHash: state.shrinkHash, sightings: state.shrinkSightings } : null };
  const quick = quickVerdict(capture, head ? { versionId: head.id, url: head.url, rawHash: head.rawHash, contentHash: head.contentHash } : null, ctx);
  if (quick) return settled(deps, source, base, meta, capture, quick, state, kept);

  let expected = head ? await previousOf(deps.db, source, capture) : null;
  for (let attempt = 0; ; attempt++) {
    const verdict = await (deps.judge ?? judgeInline)({ capture: judged(capture), previous: expected, ctx });
    if (verdict.kind !== 'new' && verdict.kind !== 'changed') return settled(deps, source, base, meta, capture, verdict, state, kept);

    const outcome: CheckOutcome = verdict.kind;
    let stored: StoreOutcome;
    try {
      stored = await sink.storeVersion({
        sourceId: source.id,
        document: verdict.document,
        contentHash: verdict.contentHash,
        rawBody: capture.body,
        rawHash: capture.rawHash,
        finalUrl: capture.url,
        capturedAt: base.checkedAt,
        change: verdict.kind === 'changed' ? verdict.change : null,
        summary: verdict.summary,
        channels: source.notify,
        check: { ...base, outcome, httpStatus: meta.status, bytes: meta.bytes, durationMs: Math.round(meta.durationMs), error: null },
        expectedHeadId: expected?.versionId ?? null,
        labels: verdict.labels,
      });
    } catch (err) {
      if (!(err instanceof FactwatchError && err.code === 'version_conflict')) throw err;
      stored = { kind: 'head_moved' };
    }
    if (stored.kind === 'stored') {
      const { kind: _kind, ...version } = stored;
      return { result: { sourceId: source.id, outcome, stored: version, finalUrl: capture.url, error: null, leaseLost: false }, check: null, fetchState: capture.validators, shrink: null };
    }
    if (stored.kind === 'lease_lost') {
      deps.log.warn({ source: source.id }, 'lease lost before the version was stored; nothing written');
      const e = new FactwatchError('lease_lost', 'the lease on this source ran out or was taken over; nothing was stored', { retryable: true });
      const lost = failed(base, 'store_failed', e, kept, meta.status, null);
      return { ...lost, result: { ...lost.result, leaseLost: true } };
    }
    if (attempt >= HEAD_RETRIES) {
      const e = new FactwatchError('version_conflict', `other writers kept storing versions of ${source.id}; nothing was stored`, { retryable: true });
      return failed(base, 'store_failed', e, kept, meta.status, capture.url);
    }
    expected = await previousOf(deps.db, source, capture);
  }
}

/** The current version as the judge needs it (`previousVersionOf`). */
async function previousOf(db: Db, source: ResolvedSource, capture: Capture): Promise<PreviousVersion | null> {
  const latest = await latestVersionWithoutBody(db, source.id);
  return latest ? previousVersionOf(latest, capture.text, hasContentRules(source.rules), (id) => loadRawBody(db, id)) : null;
}

/** The capture as it crosses to the judge: plain data, the text decoded, without the bytes. */
function judged(capture: Capture) {
  return { url: capture.url, status: capture.status, rawHash: capture.rawHash, text: capture.text };
}

/** A verdict that stores nothing, as the check row and source state it leaves. */
function settled(
  deps: CheckDeps,
  source: ResolvedSource,
  base: Base,
  meta: { status: number; bytes: number; durationMs: number },
  capture: Capture,
  verdict: Exclude<Verdict, { kind: 'new' | 'changed' }>,
  state: SourceState,
  kept: Validators,
): RecordedCheck {
  switch (verdict.kind) {
    case 'not_modified':
    case 'same_bytes':
    case 'same_content': {
      const outcome: CheckOutcome = verdict.kind === 'not_modified' ? 'not_modified' : 'unchanged';
      const check: NewCheck = { ...base, outcome, httpStatus: meta.status, bytes: meta.bytes, durationMs: Math.round(meta.durationMs), versionId: verdict.versionId, error: null };
      return { result: { sourceId: source.id, outcome, stored: null, finalUrl: capture.url, error: null, leaseLost: false }, check, fetchState: capture.validators, shrink: null };
    }
    case 'suspect': {
      deps.log.warn({ source: source.id, rule: verdict.rule, reason: verdict.reason }, 'suspect page');
      // The validators are NOT kept, so the next check fetches and judges afresh.
      const out = failed(base, 'extraction_failed', new SuspectPageError(verdict.rule, verdict.reason), kept, meta.status, capture.url);
      if (verdict.contentHash === null) return out;
      const sightings = state.shrinkHash === verdict.contentHash ? state.shrinkSightings + 1 : 1;
      return { ...out, shrink: { contentHash: verdict.contentHash, sightings } };
    }
    case 'failed': {
      const e = verdict.code === 'extraction_failed' ? new ExtractionError(verdict.message) : new FactwatchError(verdict.code, verdict.message);
      deps.log.warn({ source: source.id, err: e.message }, 'extraction failed');
      return failed(base, 'extraction_failed', e, kept, meta.status, capture.url);
    }
  }
}

/**
 * A write for this check threw. A refusal that is about the data (SQLSTATE classes 22 data
 * exception, 23 integrity, 54 limit exceeded — e.g. an index row too large) is this source's
 * failed check, with the usual backoff; anything else (the database is gone, a bug) is not the
 * page's fault and goes up to the pass as a `DatabaseError`. Either way only the error's code and
 * message are kept, never the statement's parameters (the raw body, the document).
 */
function refusedByDatabase(deps: CheckDeps, source: ResolvedSource, base: Base, kept: Validators, err: unknown): RecordedCheck {
  const pg = findPgError(err);
  if (!pg || !SOURCE_DATA_ERRORS.test(pg.code)) {
    if (err instanceof FactwatchError && !isDatabaseError(err)) throw err;
    throw new DatabaseError(describeDatabaseError(err));
  }
  const e = new FactwatchError('store_rejected', `the database refused this page (${describeDatabaseError(err)})`);
  deps.log.warn({ source: source.id, code: pg.code, reason: pg.message }, 'version could not be stored');
  return failed(base, 'store_failed', e, kept, null, null);
}

/** SQLSTATE classes that mean "this data", not "this database": 22 data exception, 23 integrity, 54 program limit. */
const SOURCE_DATA_ERRORS = /^(22|23|54)/;

function failed(base: Base, outcome: CheckOutcome, e: FactwatchError, kept: Validators, status: number | null, finalUrl: string | null): RecordedCheck {
  return {
    result: { sourceId: base.sourceId, outcome, stored: null, finalUrl, error: e, leaseLost: false },
    check: { ...base, outcome, httpStatus: status, bytes: null, durationMs: null, versionId: null, error: `${e.code}: ${e.message}` },
    fetchState: kept,
    shrink: null,
  };
}
