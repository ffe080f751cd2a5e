/**
 * How an import shows its progress: a progress bar (cli-progress) on stderr when stdout is a
 * terminal, otherwise one JSON line per capture on stdout — what a log collector or `jq` wants
 * — ending with a summary line. The summary is always printed.
 */
import cliProgress from 'cli-progress';
import type { CaptureEvent, ImportObserver, ImportSummary } from './import-events.ts';

export interface ImportReporter extends Required<ImportObserver> {
  finish(summary: ImportSummary): void;
  /** Removes the bar (on failure too), so an error message is not drawn over. */
  stop(): void;
}

export interface ReporterStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

export function createImportReporter(streams: ReporterStreams, opts: { json: boolean }): ImportReporter {
  return opts.json || !streams.stdout.isTTY ? jsonLinesReporter(streams) : barReporter(streams);
}

/** The JSON form of one capture event (one line). */
export function captureLine(e: CaptureEvent): string {
  return JSON.stringify({
    type: 'capture',
    source: e.source,
    origin: e.origin,
    url: e.url,
    capturedAt: e.capturedAt?.toISOString() ?? null,
    outcome: e.outcome,
    version: e.version,
    reason: e.reason,
  });
}

function jsonLinesReporter({ stdout }: ReporterStreams): ImportReporter {
  return {
    onStart: () => undefined,
    onCapture: (e) => void stdout.write(`${captureLine(e)}\n`),
    finish: (summary) => void stdout.write(`${JSON.stringify({ type: 'summary', ...summary })}\n`),
    stop: () => undefined,
  };
}

function barReporter({ stdout, stderr }: ReporterStreams): ImportReporter {
  let bar: cliProgress.SingleBar | null = null;
  let count = 0;
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    onStart(total) {
      bar = new cliProgress.SingleBar(
        {
          stream: stderr,
          format: total === null ? 'importing {value} captures | {last}' : 'importing [{bar}] {value}/{total} | {last}',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total ?? 0, 0, { last: '' });
    },
    onCapture(e) {
      count += 1;
      bar?.update(count, { last: `${e.capturedAt?.toISOString().slice(0, 10) ?? '?'} ${e.outcome}` });
    },
    finish(summary) {
      stop();
      stdout.write(`${summaryText(summary)}\n`);
    },
    stop,
  };
}

/**
 * "12 captures seen: 3 imported, 7 identical, 1 skipped, 1 failed, 0 refused, 0 done before",
 * then what was not a capture of the source and any note, one a line.
 */
export function summaryText(s: ImportSummary): string {
  const lines = [
    `${s.seen} captures seen: ${s.imported} imported, ${s.identical} identical, ${s.skipped} skipped, ${s.failed} failed, ${s.refused} refused, ${s.doneBefore} done before`,
  ];
  if (s.unrelated > 0) lines.push(`${s.unrelated} archive rows for other URLs skipped`);
  for (const note of s.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}
