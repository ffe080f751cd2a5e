import type { Change, Figure, Hunk } from '../model/index.ts';
import { formatFigureDelta, formatFigureValue } from '../describe/format-value.ts';
import { labelFigure } from '../describe/label-figure.ts';
import { sectionName } from '../describe/section-name.ts';
import { textExcerpt } from '../describe/text-excerpt.ts';
import { summarizeChange, summarizeFirstCapture } from '../describe/summarize-change.ts';
import { formatValueWithPeriod, shownPeriod } from '../describe/value-with-period.ts';
import { collapseWhitespace } from '../text/collapse-whitespace.ts';
import { formatCapturedAt, formatStamp } from './format-date.ts';
import { inertDeep } from './inert-text.ts';
import type { ReportMeta } from './report-meta.ts';

/** A figure as a report row: what it is, where it stands, what it says. */
export interface FigureRow {
  label: string;
  section: string;
  value: string;
  period: string | null;
  raw: string;
  /** The sentence the figure stands in, as the page has it: shown on demand (`--sentences`, a disclosure in HTML). */
  sentence: string;
}

/** A changed figure as a report row. */
export interface FigureChangeRow {
  label: string;
  section: string;
  from: string;
  to: string;
  /** "+€6.7 million, +5%"; null when no delta makes sense. */
  delta: string | null;
  /** The newer revision's sentence (what the figure says now), shown on demand. */
  sentence: string;
}

/**
 * Everything a report says, already in a reader's words but not yet formatted. The text,
 * Markdown and HTML renderers only lay this out, so they cannot drift apart in what they say.
 */
export interface ReportModel {
  heading: string;
  header: Array<{ label: string; value: string; url?: boolean }>;
  summary: string;
  firstCapture: boolean;
  /** First capture only: "first capture of France and North Korea: 5 sections, 25 figures". */
  firstCaptureLine: string | null;
  /** What follows "Revision stamp: " — "5 July 2017 → 26 October 2017", "May 2020 (unchanged)". */
  stamp: string | null;
  moved: { from: string; to: string } | null;
  title: { from: string; to: string } | null;
  sectionsAdded: string[];
  sectionsRemoved: string[];
  /** Headings changed over (nearly) the same text, with the word diff of the text (often none). */
  sectionsRenamed: Array<{ from: string; to: string; hunks: Hunk[] }>;
  /** Blocks that moved to another section: the sections' names, the block's opening words, its word diff if it changed. */
  textMoved: Array<{ from: string; to: string; excerpt: string; hunks: Hunk[] }>;
  sectionsChanged: Array<{ heading: string; hunks: Hunk[] }>;
  figuresAdded: FigureRow[];
  figuresRemoved: FigureRow[];
  figuresChanged: FigureChangeRow[];
  /** One line per channel: which alert rule fired, or why nothing was sent (empty when not known). */
  notifications: string[];
}

/**
 * Build the model shared by every human-readable renderer. Every string in it is inert (no
 * control characters, see inert-text.ts): this is the one place page text enters the terminal,
 * Markdown, HTML and chat renderers, so none of them can forget.
 */
export function buildReportModel(change: Change | null, meta: ReportMeta): ReportModel {
  return inertDeep({ ...buildModel(change, meta), notifications: meta.notifications ?? [] });
}

function buildModel(change: Change | null, meta: ReportMeta): Omit<ReportModel, 'notifications'> {
  const header: ReportModel['header'] = meta.compared ? comparedHeader(meta, meta.compared) : storedHeader(meta);
  return change === null ? firstCaptureModel(meta, header) : changeModel(change, meta, header);
}

/** Two pages given to `diff`: what was compared with what, and the title. */
function comparedHeader(meta: ReportMeta, compared: { from: string; to: string }): ReportModel['header'] {
  const isUrl = (s: string) => /^https?:\/\//iu.test(s);
  return [
    { label: 'Compared', value: compared.from, url: isUrl(compared.from) },
    { label: 'With', value: compared.to, url: isUrl(compared.to) },
    { label: 'Title', value: meta.title },
  ];
}

/** A stored change: its source, versions, capture times and URLs. */
function storedHeader(meta: ReportMeta): ReportModel['header'] {
  const header: ReportModel['header'] = [
    { label: 'Source', value: meta.changeId == null ? meta.source : `${meta.source} (change #${meta.changeId})` },
    { label: 'Title', value: meta.title },
    { label: 'Versions', value: meta.fromVersion === null ? `v${meta.toVersion}` : `v${meta.fromVersion} → v${meta.toVersion}` },
    {
      label: 'Captured',
      value:
        meta.fromCapturedAt === null
          ? formatCapturedAt(meta.toCapturedAt)
          : `${formatCapturedAt(meta.fromCapturedAt)} → ${formatCapturedAt(meta.toCapturedAt)}`,
    },
  ];
  if (meta.fromUrl !== null && meta.fromUrl !== meta.toUrl) {
    header.push({ label: 'Old URL', value: meta.fromUrl, url: true });
  }
  header.push({ label: 'URL', value: meta.toUrl, url: true });
  return header;
}

function firstCaptureModel(meta: ReportMeta, header: ReportModel['header']): Omit<ReportModel, 'notifications'> {
  return {
    heading: `First capture: ${meta.title}`,
    header,
    summary: summarizeChange(null),
    firstCapture: true,
    firstCaptureLine: summarizeFirstCapture(meta.title, meta.page),
    stamp: meta.page ? formatStamp(meta.page.updated) : null,
    moved: null,
    title: null,
    sectionsAdded: [],
    sectionsRemoved: [],
    sectionsRenamed: [],
    textMoved: [],
    sectionsChanged: [],
    figuresAdded: [],
    figuresRemoved: [],
    figuresChanged: [],
  };
}

function changeModel(change: Change, meta: ReportMeta, header: ReportModel['header']): Omit<ReportModel, 'notifications'> {
  // Two pages given to `diff` are not one page that moved: only the documents' own URLs say so.
  const moved =
    change.url !== null
      ? { from: change.url.from ?? 'unknown', to: change.url.to ?? 'unknown' }
      : !meta.compared && meta.fromUrl !== null && meta.fromUrl !== meta.toUrl
        ? { from: meta.fromUrl, to: meta.toUrl }
        : null;
  return {
    heading: `Change report: ${meta.title}`,
    header,
    summary: summarizeChange(change),
    firstCapture: false,
    firstCaptureLine: null,
    stamp:
      change.updated.from === change.updated.to
        ? `${formatStamp(change.updated.to)} (unchanged)`
        : `${formatStamp(change.updated.from)} → ${formatStamp(change.updated.to)}`,
    moved,
    title: change.title,
    sectionsAdded: change.sections.added,
    sectionsRemoved: change.sections.removed,
    sectionsRenamed: (change.sections.renamed ?? []).map((r) => ({ from: r.from, to: r.to, hunks: r.hunks })),
    textMoved: (change.sections.moved ?? []).map((m) => ({ from: sectionName(m.from), to: sectionName(m.to), excerpt: textExcerpt(m.text), hunks: m.hunks })),
    sectionsChanged: change.sections.changed.map((s) => ({ heading: sectionName(s.heading), hunks: s.hunks })),
    figuresAdded: change.figures.added.map(toFigureRow),
    figuresRemoved: change.figures.removed.map(toFigureRow),
    figuresChanged: change.figures.changed.map(({ from, to }) => ({
      label: labelFigure(to),
      section: sectionName(to.section),
      from: formatValueWithPeriod(from, from.period !== to.period),
      to: formatValueWithPeriod(to, from.period !== to.period),
      delta: formatFigureDelta(from, to),
      sentence: collapseWhitespace(to.sentence),
    })),
  };
}

function toFigureRow(figure: Figure): FigureRow {
  return {
    label: labelFigure(figure),
    section: sectionName(figure.section),
    value: formatFigureValue(figure),
    period: shownPeriod(figure),
    raw: figure.raw,
    sentence: collapseWhitespace(figure.sentence),
  };
}

/** Group rows by section, keeping first-seen section order: reports list figures per section. */
export function groupBySection<T extends { section: string }>(rows: readonly T[]): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.section);
    if (group === undefined) groups.set(row.section, [row]);
    else group.push(row);
  }
  return [...groups];
}
