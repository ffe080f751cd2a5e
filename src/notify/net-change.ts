/**
 * What a confirmed alert describes. Under `when.confirm: N` a page may change several times
 * before one content holds for N checks: A → B (held), B → C (held, B superseded), C seen again
 * (confirmed). The reader was told of A (or A is where the channel's alerts start), so the one
 * alert is the net change A → C — not B → C, whose "from" the reader never saw — and the held
 * changes it stands for are skipped with a note naming it. A flap that comes back (A → B → A)
 * has no net change and sends nothing.
 *
 * The run and its baseline are read by `heldRun` (src/store/queries/confirmations.ts); the net
 * change is the pure diff of the two stored documents (src/diff), summarised by src/describe, so
 * it reads exactly as a stored change does.
 */
import { summarizeChange } from '../describe/summarize-change.ts';
import { diffDocuments } from '../diff/diff-documents.ts';
import { isEmptyChange } from '../diff/is-empty-change.ts';
import type { LoadedReport } from '../report/load-report-meta.ts';
import type { VersionDocument } from '../store/queries/versions.ts';

/** The held run a net alert stands for: the version it starts from and its changes, oldest first (the confirmed one last). */
export interface NetRun {
  fromVersion: number;
  changeIds: number[];
}

export type NetChange =
  /** The confirmed change's report rewritten as the net change from the run's baseline. */
  | { kind: 'net'; report: LoadedReport; run: NetRun }
  /** Baseline and confirmed version read the same: the run came back to where it started. */
  | { kind: 'none'; note: string };

/**
 * The net change from `base` (the run's baseline, never a later version than the confirmed
 * change's "from") to the confirmed change's version `to`, as that change's report: the same id
 * and idempotency key, its "from" the baseline.
 */
export function netChangeOf(confirmed: LoadedReport, base: VersionDocument, to: VersionDocument, changeIds: number[]): NetChange {
  const held = `${changeIds.length - 1} held change${changeIds.length === 2 ? '' : 's'}`;
  if (base.contentHash === to.contentHash) return { kind: 'none', note: `confirmed, but back to the content of version ${base.seq} after ${held}: no net change` };
  const change = diffDocuments(base.document, to.document);
  if (isEmptyChange(change)) return { kind: 'none', note: `confirmed, but no net change since version ${base.seq} after ${held}` };
  const fromVersion = { id: base.id, seq: base.seq, url: base.url, capturedAt: base.capturedAt, updated: base.updated };
  const report: LoadedReport = {
    row: { ...confirmed.row, change, fromVersionId: base.id, fromVersion, summary: summarizeChange(change) },
    meta: { ...confirmed.meta, fromVersion: base.seq, fromCapturedAt: base.capturedAt, fromUrl: base.url },
  };
  return { kind: 'net', report, run: { fromVersion: base.seq, changeIds } };
}

/** How many change ids a note names before "and N more". */
const NOTE_IDS = 5;

/** "net change since version 1 over 3 changes (#4, #5, #6)" — for the rule's note. */
export function describeNetRun(run: NetRun): string {
  const named = run.changeIds.slice(0, NOTE_IDS).map((id) => `#${id}`);
  if (run.changeIds.length > NOTE_IDS) named.push(`and ${run.changeIds.length - NOTE_IDS} more`);
  return `net change since version ${run.fromVersion} over ${run.changeIds.length} changes (${named.join(', ')})`;
}
