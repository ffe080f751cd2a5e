/**
 * The JSON shapes of `factwatch facts` that the CLI and `/api/facts` share (docs/facts.md), so
 * they cannot drift apart, and the labels and citations both print.
 */
import { citePoint } from '../describe/cite-point.ts';
import { createFigureLabeller, type StoredFigure } from '../describe/label-figures.ts';
import { buildCaptureUrl } from '../import/cdx.ts';
import { DEFAULT_ARCHIVE_URL } from '../import/limits.ts';
import type { FactPointRow, FactSeriesRow } from '../store/queries/facts.ts';

/** One row of `facts --json` / `/api/facts`. */
export interface FactSeriesJson {
  source: string;
  series: string;
  label: string;
  kind: string;
  unit: string | null;
  latest: { value: number | string; period: string | null; version: number; capturedAt: string };
  previous: { value: number | string; period: string | null; version: number } | null;
  /** When the latest value was first seen (the last change, or the first sighting). */
  changedAt: string;
  versions: number;
  /** The version from which the page no longer shows the series; null while it still does. */
  removed: { version: number; capturedAt: string } | null;
}

/**
 * Labels the series that have no kept label (in bulk: one labeller for the list) and keeps those
 * whose label or sentence contains `q`, case-insensitively (rows read `withText` when `q` is given). The text filter runs here, not in SQL, because a label is
 * read from the sentence at read time (src/describe/label-figure.ts); a `%` or `_` in `q` is
 * plain text.
 */
export function factSeriesJson(rows: readonly FactSeriesRow[], q?: string): FactSeriesJson[] {
  return [...eachFactSeriesJson(rows, q)];
}

/** The same, one row at a time: a writer that streams (`facts --json`) holds no second list of 16,000 objects. */
export function* eachFactSeriesJson(rows: readonly FactSeriesRow[], q?: string): Generator<FactSeriesJson> {
  let label: ((figure: StoredFigure) => string) | null = null;
  const needle = q?.trim().toLocaleLowerCase();
  for (const r of rows) {
    const name = r.label ?? (r.text === null ? r.kind : (label ??= createFigureLabeller())({ ...r.text, kind: r.kind, value: r.latest.value, unit: r.unit, period: r.latest.period }));
    if (needle && !name.toLocaleLowerCase().includes(needle) && !(r.text?.sentence.toLocaleLowerCase().includes(needle) ?? false)) continue;
    yield {
      source: r.source,
      series: r.series,
      label: name,
      kind: r.kind,
      unit: r.unit,
      latest: { value: r.latest.value, period: r.latest.period, version: r.latest.version, capturedAt: r.latest.capturedAt.toISOString() },
      previous: r.previous,
      changedAt: r.changedAt.toISOString(),
      versions: r.versions,
      removed: r.removed === null ? null : { version: r.removed.version, capturedAt: r.removed.capturedAt.toISOString() },
    };
  }
}

/** One point of `facts SERIES --json` / `/api/facts/:series`, with its evidence and citation. */
export interface FactPointJson {
  version: number;
  capturedAt: string;
  value: number | string;
  period: string | null;
  raw: string;
  sentence: string;
  url: string;
  evidence: {
    /** SHA-256 of the normalized document: what decides whether a page changed. */
    contentHash: string;
    /** SHA-256 of the bytes as served. */
    rawHash: string;
    finalUrl: string;
    title: string;
    /** The Internet Archive capture the version was imported from; null for a live check or a WARC. */
    archiveUrl: string | null;
  };
  citation: string;
}

export function factPointJson(p: FactPointRow): FactPointJson {
  const archiveUrl = p.wayback === null ? null : buildCaptureUrl(DEFAULT_ARCHIVE_URL, p.wayback.timestamp, p.wayback.originalUrl);
  return {
    version: p.version,
    capturedAt: p.capturedAt.toISOString(),
    value: p.value,
    period: p.period,
    raw: p.raw,
    sentence: p.sentence,
    url: p.url,
    evidence: { contentHash: p.contentHash, rawHash: p.rawHash, finalUrl: p.url, title: p.title, archiveUrl },
    citation: citePoint({ title: p.title, url: p.url, capturedAt: p.capturedAt, sha256: p.contentHash, archiveUrl }),
  };
}
