import type { Change } from '../model/index.ts';
import { summarizeChange } from '../describe/summarize-change.ts';
import type { ReportMeta } from './report-meta.ts';

/** The JSON report: meta, the one-line summary and the `Change` itself, in a stable key order. */
export interface JsonReport {
  source: string;
  changeId: number | null;
  fromVersion: number | null;
  toVersion: number;
  fromCapturedAt: string | null;
  toCapturedAt: string;
  fromUrl: string | null;
  toUrl: string;
  title: string;
  firstCapture: boolean;
  summary: string;
  /** When the meta carries the newer document: how many headed sections and figures it holds. */
  counts: { sections: number; figures: number } | null;
  change: Change | null;
}

/** A change report as JSON (2-space indent, trailing newline), for scripts and webhooks. */
export function renderJson(change: Change | null, meta: ReportMeta): string {
  const report: JsonReport = {
    source: meta.source,
    changeId: meta.changeId ?? null,
    fromVersion: meta.fromVersion,
    toVersion: meta.toVersion,
    fromCapturedAt: meta.fromCapturedAt === null ? null : meta.fromCapturedAt.toISOString(),
    toCapturedAt: meta.toCapturedAt.toISOString(),
    fromUrl: meta.fromUrl,
    toUrl: meta.toUrl,
    title: meta.title,
    firstCapture: change === null,
    summary: summarizeChange(change),
    counts: meta.page === undefined ? null : { sections: meta.page.sections, figures: meta.page.figures },
    change,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
