/**
 * The "import history" job: archived captures of a source, from the Wayback Machine's CDX API
 * or from a WARC file, placed in the source's history by capture time.
 *
 * Idempotent and resumable by construction, twice over: every handled capture is written to
 * the ledger (`imported_captures`), so a re-run neither fetches nor stores it again; and the
 * placement itself is decided by content, so a capture processed again (a crash between its
 * version and its ledger row) lands on the version it already belongs to.
 *
 * Archives are untrusted input: a CDX listing may name other URLs, page forever or date a
 * capture in 2999; a WARC file may be random bytes, cut short or a decompression bomb. Rows for
 * other URLs are counted and passed over, paging has limits (page-cdx.ts), impossible dates are
 * refused (capture-date-window.ts), and WARC bodies are read under the source's `maxBytes`.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../app/clock.ts';
import { FactwatchError } from '../app/errors.ts';
import type { Logger } from '../app/log.ts';
import type { ResolvedSource } from '../config/resolve-source.ts';
import { decodeBody } from '../fetch/decode-body.ts';
import { defaultFetchSettings } from '../fetch/fetch-settings.ts';
import type { Capture } from '../judge/capture.ts';
import type { JudgePage } from '../judge/judge-pool.ts';
import type { ArchiveClient } from './archive-client.ts';
import { ArchiveError } from './archive-error.ts';
import { refuseCaptureDate } from './capture-date-window.ts';
import { buildCaptureUrl, type CdxRow } from './cdx.ts';
import { classifyCdxRow, stripDigestPrefix } from './classify-capture.ts';
import { importCapture, type CaptureResult, type ShrinkSightings } from './import-capture.ts';
import { countCapture, emptySummary, type CaptureEvent, type ImportObserver, type ImportSummary } from './import-events.ts';
import { matchKnownUrl, urlMatchKey } from './match-url.ts';
import { listCdxRows } from './page-cdx.ts';
import { readWarcCaptures, type WarcCapture } from './warc-captures.ts';
import type { Db } from '../store/db.ts';
import { createFigureLabeller } from '../describe/label-figures.ts';
import { refreshSeriesFacts } from '../store/queries/refresh-series-facts.ts';
import { listDoneCaptureKeys, recordImportedCapture, versionByCaptureDigest } from '../store/queries/import-ledger.ts';
import { listSourceUrls } from '../store/queries/sources.ts';
import { loadRawBody } from '../store/raw-body.ts';
import type { ImportOrigin } from '../store/schema.ts';
import type { ContentRules, PageReading } from '../model/index.ts';

export interface ImportDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** Where captures are judged: the judge pool (with its deadline); inline by default. */
  judge?: JudgePage;
}

/** A source as an import sees it: every URL it has had, its own current spelling first. */
export interface ImportSource {
  id: string;
  profile: string | null;
  /** How the configuration says its pages read (language, currency of a bare dollar). */
  reading?: PageReading;
  /** Its content rules (`select`, `exclude`, `ignoreText`): history is read as a live check reads it. */
  rules?: ContentRules;
  urls: string[];
  /** The source's fetch `maxBytes`: the most of a WARC body read for it (decoded). */
  maxBytes: number;
}

export interface ImportRunOptions extends ImportObserver {
  /** Stops between two captures (what an interrupted run looks like); the run throws. */
  signal?: AbortSignal;
}

export interface WaybackImportOptions extends ImportRunOptions {
  /** Base URL of the archive (default https://web.archive.org). */
  archiveUrl: string;
  /** Years, inclusive (`--from 2017 --to 2020`). */
  from?: string;
  to?: string;
  /** CDX rows per page (resume-key paging). */
  pageSize?: number;
  /** Pages read for one URL at most (default `MAX_CDX_PAGES`). */
  maxPages?: number;
}

const DEFAULT_PAGE_SIZE = 500;

/** The current URL, the configured aliases and the recorded URL history, without repeats. */
export async function importSourceFor(db: Db, source: ResolvedSource): Promise<ImportSource> {
  const history = (await listSourceUrls(db, source.id)).map((u) => u.url);
  const urls: string[] = [];
  const seen = new Set<string>();
  for (const url of [source.url, ...source.aliases, ...history]) {
    const key = urlMatchKey(url);
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    urls.push(url);
  }
  return { id: source.id, profile: source.profile, reading: source.reading, rules: source.rules, urls, maxBytes: source.fetch.maxBytes ?? defaultFetchSettings.maxBytes };
}

export interface WaybackListing {
  /** The captures of the source's URLs, oldest first, without repeats. */
  rows: CdxRow[];
  /** Distinct rows for URLs that are none of the source's: passed over. */
  unrelated: number;
  /** Why a URL's listing may be incomplete (paging stopped by a limit). */
  notes: string[];
}

/**
 * Lists every capture the archive has of the source's URLs. The archive's answer is checked,
 * not trusted: a row whose `original` is none of the source's URLs (by match-url.ts's rules)
 * is not this page's history, whatever the archive says.
 */
export async function listWaybackCaptures(archive: ArchiveClient, source: ImportSource, opts: WaybackImportOptions): Promise<WaybackListing> {
  const byKey = new Map<string, CdxRow>();
  const unrelated = new Set<string>();
  const notes: string[] = [];
  for (const url of source.urls) {
    const listing = await listCdxRows(archive, {
      archiveUrl: opts.archiveUrl,
      url,
      from: opts.from,
      to: opts.to,
      limit: opts.pageSize ?? DEFAULT_PAGE_SIZE,
      maxPages: opts.maxPages,
      signal: opts.signal,
    });
    if (listing.stopped !== null) notes.push(`${url}: ${listing.stopped}; its captures may be incomplete`);
    for (const row of listing.rows) {
      if (matchKnownUrl(source.urls, row.original) === null) unrelated.add(waybackKey(row));
      else byKey.set(waybackKey(row), row);
    }
  }
  const rows = [...byKey.values()].sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.original.localeCompare(b.original));
  return { rows, unrelated: unrelated.size, notes };
}

/** `factwatch import wayback`: list, then fetch and place each capture not handled before. */
export async function importWaybackHistory(
  deps: ImportDeps & { archive: ArchiveClient },
  source: ImportSource,
  opts: WaybackImportOptions,
): Promise<ImportSummary> {
  const { rows, unrelated, notes } = await listWaybackCaptures(deps.archive, source, opts);
  opts.onStart?.(rows.length);
  const done = await listDoneCaptureKeys(deps.db, source.id, 'wayback');
  const summary = { ...emptySummary(), unrelated, notes };
  const shrink: ShrinkSightings = new Map();
  for (const row of rows) {
    opts.signal?.throwIfAborted();
    const key = waybackKey(row);
    const decision = classifyCdxRow(row);
    const base = { source: source.id, origin: 'wayback' as const, url: row.original, capturedAt: decision.capturedAt };
    const emit = (e: Omit<CaptureEvent, keyof typeof base>) => {
      countCapture(summary, e.outcome);
      opts.onCapture?.({ ...base, ...e });
    };
    const refusal = decision.capturedAt === null ? null : refuseCaptureDate(decision.capturedAt, deps.clock.now());
    if (refusal !== null) {
      emit({ outcome: 'refused', version: null, reason: refusal });
      continue;
    }
    if (done.has(key)) {
      emit({ outcome: 'done_before', version: null, reason: null });
      continue;
    }
    if (decision.kind === 'skip') {
      emit({ outcome: 'skipped', version: null, reason: decision.reason });
      continue;
    }
    const capture = describeCapture('wayback', source, key, row.original, decision.capturedAt, stripDigestPrefix(row.digest));
    const event = await placeArchived(deps, source, capture, shrink, async () => {
      if (decision.kind === 'revisit') return null;
      const res = await deps.archive.get(buildCaptureUrl(opts.archiveUrl, row.timestamp, row.original));
      return { body: res.body, contentType: res.contentType };
    });
    emit(event);
  }
  // What `facts` reads of the source, computed over its new history (facts.ts).
  await refreshSeriesFacts(deps.db, [source.id], { label: createFigureLabeller(), full: true });
  return summary;
}

/** `factwatch import warc`: every response/revisit record whose URL belongs to one of `sources`. */
export async function importWarcHistory(deps: ImportDeps, path: string, sources: ImportSource[], opts: ImportRunOptions = {}): Promise<ImportSummary> {
  const summary = emptySummary();
  const shrink: ShrinkSightings = new Map();
  const done = new Map<string, Set<string>>();
  for (const s of sources) done.set(s.id, await listDoneCaptureKeys(deps.db, s.id, 'warc'));
  const owners = (uri: string) => sources.filter((s) => matchKnownUrl(s.urls, uri) !== null);
  opts.onStart?.(null);
  for await (const record of readWarcCaptures(path, (uri) => owners(uri).length > 0)) {
    const mine = owners(record.uri);
    const refusal = refuseWarcDate(record, deps.clock.now());
    // One read for every source the record belongs to, under the largest of their caps.
    const readBody = () => record.readBody(Math.max(...mine.map((s) => s.maxBytes)));
    for (const source of mine) {
      opts.signal?.throwIfAborted();
      const base = { source: source.id, origin: 'warc' as const, url: record.uri, capturedAt: record.capturedAt };
      if (refusal !== null || record.capturedAt === null) {
        countCapture(summary, 'refused');
        opts.onCapture?.({ ...base, outcome: 'refused', version: null, reason: refusal });
        continue;
      }
      const key = `${record.capturedAt.toISOString()} ${record.uri}`;
      let event: Omit<CaptureEvent, keyof typeof base>;
      if (done.get(source.id)?.has(key)) {
        event = { outcome: 'done_before', version: null, reason: null };
      } else if (record.type === 'response' && record.status !== 200) {
        event = { outcome: 'skipped', version: null, reason: `origin status ${record.status ?? 'unknown'}` };
      } else {
        const capture = describeCapture('warc', source, key, record.uri, record.capturedAt, record.digest);
        event = await placeArchived(deps, source, capture, shrink, async () => {
          const body = await readBody();
          if (body === null) return null;
          if (body.length > source.maxBytes) throw new ArchiveError('too_large', `${path}: ${record.uri}: body exceeds ${source.maxBytes} bytes (decoded)`);
          return { body, contentType: record.contentType };
        });
      }
      countCapture(summary, event.outcome);
      opts.onCapture?.({ ...base, ...event });
    }
  }
  // What `facts` reads of these sources, computed over their new history (facts.ts).
  await refreshSeriesFacts(deps.db, sources.map((s) => s.id), { label: createFigureLabeller(), full: true });
  return summary;
}

/** Why a WARC record's date is not believed, or null; an unreadable WARC-Date is refused too. */
function refuseWarcDate(record: WarcCapture, now: Date): string | null {
  if (record.capturedAt === null) return `unreadable WARC-Date ${JSON.stringify((record.warcDate ?? '').slice(0, 40))}`;
  return refuseCaptureDate(record.capturedAt, now);
}

interface ArchivedCapture {
  origin: ImportOrigin;
  key: string;
  originalUrl: string;
  url: string;
  capturedAt: Date;
  digest: string | null;
}

type Payload = { body: Buffer; contentType: string | null };

/**
 * Gets the capture's bytes — from a version an earlier capture with the same payload digest
 * produced when there is one (no request), else from `load` (null: a revisit with nothing to
 * resolve it) — places it, and writes the ledger row.
 */
async function placeArchived(
  deps: ImportDeps,
  source: ImportSource,
  capture: ArchivedCapture,
  shrink: ShrinkSightings,
  load: () => Promise<Payload | null>,
): Promise<Pick<CaptureEvent, 'outcome' | 'version' | 'reason'>> {
  const ledger = async (outcome: 'imported' | 'identical' | 'skipped' | 'failed', versionId: number | null, error: string | null) =>
    recordImportedCapture(deps.db, {
      sourceId: source.id,
      origin: capture.origin,
      captureKey: capture.key,
      capturedAt: capture.capturedAt,
      originalUrl: capture.originalUrl,
      digest: capture.digest,
      outcome,
      versionId,
      error,
      importedAt: deps.clock.now(),
    });
  let result: CaptureResult;
  try {
    const known = capture.digest ? await versionByCaptureDigest(deps.db, source.id, capture.digest) : null;
    const knownBody = known ? await loadRawBody(deps.db, known.id) : null;
    const payload: Payload | null = knownBody ? { body: knownBody, contentType: null } : await load();
    if (payload === null) return { outcome: 'skipped', version: null, reason: 'revisit of a capture that was not imported' };
    result = await importCapture(deps, source, asCapture(source.id, capture, payload), shrink);
  } catch (err) {
    if (!(err instanceof FactwatchError)) throw err;
    deps.log.warn({ source: source.id, url: capture.originalUrl, code: err.code, err: err.message }, 'capture import failed');
    await ledger('failed', null, `${err.code}: ${err.message}`);
    return { outcome: 'failed', version: null, reason: `${err.code}: ${err.message}` };
  }
  if (result.outcome === 'skipped') {
    await ledger('skipped', null, result.reason);
    return { outcome: 'skipped', version: null, reason: result.reason };
  }
  await ledger(result.outcome, result.placed.versionId, null);
  return { outcome: result.outcome, version: result.placed.seq, reason: null };
}

/** An archived record as the judge sees every page: a `Capture`. */
function asCapture(sourceId: string, capture: ArchivedCapture, payload: Payload): Capture {
  let text: string | null = null;
  return {
    sourceId,
    url: capture.url,
    capturedAt: capture.capturedAt,
    status: 200,
    body: payload.body,
    rawHash: createHash('sha256').update(payload.body).digest('hex'),
    get text() {
      return (text ??= decodeBody(payload.body, payload.contentType).text);
    },
    contentType: payload.contentType,
    validators: { etag: null, lastModified: null },
    origin: capture.origin,
  };
}

function waybackKey(row: CdxRow): string {
  return `${row.timestamp} ${row.original}`;
}

/**
 * A capture as the import step places it; `url` is the source's own spelling of the captured
 * URL (archives add `:80`, switch http/https, drop a slash), so versions carry the URL users know.
 */
function describeCapture<O extends 'wayback' | 'warc'>(
  origin: O,
  source: ImportSource,
  key: string,
  originalUrl: string,
  capturedAt: Date,
  digest: string | null,
) {
  return { origin, key, originalUrl, url: matchKnownUrl(source.urls, originalUrl) ?? originalUrl, capturedAt, digest };
}
