/**
 * `factwatch export facts`: every point of every series, one row each, as CSV, JSON Lines or
 * Parquet (docs/facts.md, "Export"). It streams: points are read a batch at a time
 * (`streamExportPoints`) and each batch is written before the next is read, so a million points
 * take the memory of one batch. The file is written under a temporary name beside the target
 * and renamed when complete: a failed or interrupted export leaves no half file behind.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BasicType, ColumnSource } from 'hyparquet-writer';
import { createFigureLabeller } from '../describe/label-figures.ts';
import type { Db } from '../store/db.ts';
import { streamExportPoints, type ExportPointRow } from '../store/queries/facts.ts';
import { csvRecord } from './csv-cell.ts';

export const EXPORT_FORMATS = ['csv', 'jsonl', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An exported point: the columns, in order, of every format. */
export interface ExportedPoint {
  source: string;
  series: string;
  key: string;
  label: string;
  kind: string;
  /** The number, or null for a date (whose value is in `value_text`). */
  value_num: number | null;
  /** A date's ISO value, or null for a number. */
  value_text: string | null;
  unit: string | null;
  period: string | null;
  raw: string;
  sentence: string;
  section: string | null;
  version: number;
  captured_at: Date;
  url: string;
  content_hash: string;
}

/** Column names and Parquet types, in the order every format writes them. */
export const EXPORT_COLUMNS: ReadonlyArray<readonly [keyof ExportedPoint, BasicType]> = [
  ['source', 'STRING'],
  ['series', 'STRING'],
  ['key', 'STRING'],
  ['label', 'STRING'],
  ['kind', 'STRING'],
  ['value_num', 'DOUBLE'],
  ['value_text', 'STRING'],
  ['unit', 'STRING'],
  ['period', 'STRING'],
  ['raw', 'STRING'],
  ['sentence', 'STRING'],
  ['section', 'STRING'],
  ['version', 'INT32'],
  ['captured_at', 'TIMESTAMP'],
  ['url', 'STRING'],
  ['content_hash', 'STRING'],
];

export interface ExportOptions {
  format: ExportFormat;
  out: string;
  /** Points read and written at a time. */
  batchSize?: number;
  /** Called after each batch is written (progress, and the memory test's probe). */
  onBatch?: (written: number) => void;
}

/** Writes one format; `write` takes a batch and returns once it is handed to the file. */
interface FormatWriter {
  write(points: ExportedPoint[]): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

/** Exports every point to `out`; returns how many were written. */
export async function exportFacts(db: Db, opts: ExportOptions): Promise<{ points: number }> {
  const temp = join(dirname(opts.out), `.${basename(opts.out)}.${randomBytes(4).toString('hex')}.partial`);
  const writer = await openWriter(opts.format, temp);
  const label = createFigureLabeller();
  let points = 0;
  try {
    for await (const batch of streamExportPoints(db, opts.batchSize)) {
      await writer.write(batch.map((p) => exported(p, label)));
      points += batch.length;
      opts.onBatch?.(points);
    }
    await writer.finish();
    await rename(temp, opts.out);
  } catch (error) {
    await writer.abort().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  return { points };
}

function exported(p: ExportPointRow, label: ReturnType<typeof createFigureLabeller>): ExportedPoint {
  return {
    source: p.source,
    series: p.series,
    key: p.key,
    label: label({ key: p.key, kind: p.kind, value: p.valueNum ?? p.valueText ?? '', unit: p.unit, raw: p.raw, section: p.section, sentence: p.sentence, period: p.period }),
    kind: p.kind,
    value_num: p.valueNum,
    value_text: p.valueText,
    unit: p.unit,
    period: p.period,
    raw: p.raw,
    sentence: p.sentence,
    section: p.section,
    version: p.version,
    captured_at: p.capturedAt,
    url: p.url,
    content_hash: p.contentHash,
  };
}

async function openWriter(format: ExportFormat, path: string): Promise<FormatWriter> {
  if (format === 'parquet') return openParquetWriter(path);
  const file = await open(path, 'wx');
  const encode = format === 'csv' ? csvLines : jsonLines;
  if (format === 'csv') await file.write(csvRecord(EXPORT_COLUMNS.map(([name]) => name)));
  return {
    write: async (points) => {
      await file.write(encode(points));
    },
    finish: async () => {
      await file.sync();
      await file.close();
    },
    abort: () => file.close(),
  };
}

/** CSV: empty cell for null, ISO 8601 for the capture time, numbers as JavaScript prints them (round-trip exact). */
function csvLines(points: ExportedPoint[]): string {
  let out = '';
  for (const p of points) {
    out += csvRecord(EXPORT_COLUMNS.map(([name]) => {
      const v = p[name];
      return v === null ? '' : v instanceof Date ? v.toISOString() : String(v);
    }));
  }
  return out;
}

function jsonLines(points: ExportedPoint[]): string {
  let out = '';
  for (const p of points) out += `${JSON.stringify({ ...p, captured_at: p.captured_at.toISOString() })}\n`;
  return out;
}

/**
 * Parquet through hyparquet-writer: one row group per batch, written to the file as it is made
 * (the library's file writer flushes every megabyte), the footer at `finish`. Loaded only for
 * a Parquet export.
 */
async function openParquetWriter(path: string): Promise<FormatWriter> {
  const { ParquetWriter, fileWriter, schemaFromColumnData } = await import('hyparquet-writer');
  const columns = (points: ExportedPoint[]): ColumnSource[] =>
    EXPORT_COLUMNS.map(([name, type]) => ({ name, type, data: points.map((p) => p[name]) }));
  const writer = new ParquetWriter({ writer: fileWriter(path), schema: schemaFromColumnData({ columnData: columns([]) }), createdBy: 'factwatch' });
  return {
    write: async (points) => {
      await writer.write({ columnData: columns(points), rowGroupSize: Math.max(points.length, 1) });
    },
    finish: async () => {
      await writer.finish();
    },
    abort: async () => undefined,
  };
}
