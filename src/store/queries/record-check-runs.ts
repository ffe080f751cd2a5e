/**
 * Writes check rows run-length encoded: an unchanged (or not-modified) check that saw the same
 * version, with the same outcome and status, as its source's latest row extends that row
 * (`repeats + 1`, `last_checked_at`, `last_due_at`) instead of adding one. Unchanged checks are
 * nearly all checks; one row each would make the check log the biggest table of the database
 * (about 170 bytes a check with its indexes) for no information. Every other check — a change,
 * a failure, a first capture, a different status — starts a new row, so the log still shows
 * each transition and when it happened.
 *
 * Two statements per batch, whatever its size: one UPDATE … FROM jsonb_to_recordset(…) that extends the runs
 * it can, one INSERT … SELECT for the rest. A schedule slot is recorded once: a slot already in
 * a row (`due_at`, unique per source) or inside a run (between `due_at` and `last_due_at`) is
 * skipped, so a successor re-checking a dead worker's slot never counts it twice.
 */
import { sql, type SQL } from 'drizzle-orm';
import { executeRows } from '../execute-rows.ts';
import type { Db } from '../db.ts';
import type { NewCheck } from '../types.ts';

type Executor = Pick<Db, 'execute'>;

/** Outcomes that may extend a run: the check saw the version the run already stands for. */
const REPEATABLE = new Set(['unchanged', 'not_modified']);

/** A check row to write: one check, or consecutive identical checks of one batch merged. */
interface RunRow extends NewCheck {
  repeats: number;
  lastCheckedAt: Date | null;
  lastDueAt: Date | null;
}

export async function recordCheckRuns(tx: Executor, batch: NewCheck[]): Promise<void> {
  if (batch.length === 0) return;
  const runs = mergeRuns(batch);
  const candidates = runs.map((c, ord) => ({ c, ord })).filter(({ c }) => isRepeatable(c));
  const extended = new Set<number>();
  if (candidates.length > 0) {
    const rows = await executeRows<{ ord: number }>(tx, extendStatement(candidates));
    for (const r of rows) extended.add(Number(r.ord));
  }
  const rest = runs.filter((_, ord) => !extended.has(ord));
  if (rest.length > 0) await tx.execute(insertStatement(rest));
}

function isRepeatable(c: NewCheck): boolean {
  return REPEATABLE.has(c.outcome) && c.versionId != null && c.error == null;
}

/**
 * Merges consecutive repeatable checks of one source within the batch (a batch rarely holds two
 * checks of a source, but when it does they must form one run, as if written one by one).
 */
function mergeRuns(batch: NewCheck[]): RunRow[] {
  const bySource = new Map<string, NewCheck[]>();
  for (const c of batch) {
    const list = bySource.get(c.sourceId);
    if (list) list.push(c);
    else bySource.set(c.sourceId, [c]);
  }
  const out: RunRow[] = [];
  for (const list of bySource.values()) {
    if (list.length > 1) list.sort((a, b) => a.checkedAt.getTime() - b.checkedAt.getTime());
    let run: RunRow | null = null;
    for (const c of list) {
      const due = run?.lastDueAt ?? run?.dueAt ?? null;
      if (
        run &&
        isRepeatable(run) &&
        isRepeatable(c) &&
        run.outcome === c.outcome &&
        run.versionId === c.versionId &&
        (run.httpStatus ?? null) === (c.httpStatus ?? null) &&
        (c.dueAt == null || due == null || c.dueAt.getTime() > due.getTime())
      ) {
        run.repeats += 1;
        run.lastCheckedAt = c.checkedAt;
        run.lastDueAt = c.dueAt ?? run.lastDueAt;
        continue;
      }
      run = { ...c, repeats: 1, lastCheckedAt: null, lastDueAt: null };
      out.push(run);
    }
  }
  return out;
}

/**
 * The rows as ONE jsonb parameter unpacked by `jsonb_to_recordset`, not a VALUES list: 2,000 checks
 * would be 26,000 bound parameters, and building and binding them was ~10% of the main thread of
 * an unchanged pass (issue 8 profile). Works the same on postgres.js and PGlite.
 */
function recordSet(rows: Array<{ c: RunRow; ord: number }>): SQL {
  const json = JSON.stringify(
    rows.map(({ c, ord }) => ({
      ord,
      source_id: c.sourceId,
      checked_at: c.checkedAt.toISOString(),
      outcome: c.outcome,
      http_status: c.httpStatus ?? null,
      bytes: c.bytes ?? null,
      duration_ms: c.durationMs ?? null,
      version_id: c.versionId ?? null,
      error: c.error ?? null,
      due_at: c.dueAt?.toISOString() ?? null,
      repeats: c.repeats,
      last_checked_at: c.lastCheckedAt?.toISOString() ?? null,
      last_due_at: c.lastDueAt?.toISOString() ?? null,
    })),
  );
  return sql`jsonb_to_recordset(${json}::jsonb) as v(ord int, source_id text, checked_at timestamptz, outcome text,
    http_status smallint, bytes int, duration_ms int, version_id int, error text, due_at timestamptz, repeats int,
    last_checked_at timestamptz, last_due_at timestamptz)`;
}

/**
 * Extends each source's latest row (found through the (source_id, checked_at) index, one probe
 * per source) when the check repeats it and comes after it — in time and, for scheduled checks,
 * in slot order.
 */
function extendStatement(rows: Array<{ c: RunRow; ord: number }>): SQL {
  return sql`
    update checks c
    set repeats = c.repeats + v.repeats, last_checked_at = coalesce(v.last_checked_at, v.checked_at),
      last_due_at = coalesce(v.last_due_at, v.due_at, c.last_due_at)
    from ${recordSet(rows)}
    cross join lateral (
      select l.id from checks l
      where l.source_id = v.source_id
      order by l.checked_at desc, l.id desc
      limit 1
    ) latest
    where c.id = latest.id
      and c.outcome = v.outcome
      and c.version_id = v.version_id
      and c.error is null
      and c.http_status is not distinct from v.http_status
      and v.checked_at >= coalesce(c.last_checked_at, c.checked_at)
      and (v.due_at is null or coalesce(c.last_due_at, c.due_at) is null or v.due_at > coalesce(c.last_due_at, c.due_at))
    returning v.ord`;
}

function insertStatement(rest: RunRow[]): SQL {
  return sql`
    insert into checks (source_id, checked_at, outcome, http_status, bytes, duration_ms, version_id, error, due_at, repeats, last_checked_at, last_due_at)
    select v.source_id, v.checked_at, v.outcome, v.http_status, v.bytes, v.duration_ms, v.version_id, v.error, v.due_at, v.repeats, v.last_checked_at, v.last_due_at
    from ${recordSet(rest.map((c, ord) => ({ c, ord })))}
    where v.due_at is null or not exists (
      select 1 from checks r
      where r.source_id = v.source_id and r.last_due_at is not null and v.due_at > r.due_at and v.due_at <= r.last_due_at
    )
    on conflict do nothing`;
}
