/**
 * Totals for `/metrics`, computed from the database at scrape time: the server that answers the
 * scrape is usually not the process that ran the checks, so the tables are the only truth both
 * share. One aggregate query per family, no row is read into JS.
 */
import { sql } from 'drizzle-orm';
import { executeRows } from '../execute-rows.ts';
import type { Db } from '../db.ts';

export interface CountBy {
  label: string;
  count: number;
}

/** Checks recorded, by outcome (a row stands for `repeats` identical checks: run-length). */
export async function countChecksByOutcome(db: Db): Promise<CountBy[]> {
  return countBy(db, sql`select outcome as label, sum(repeats) as count from checks group by outcome`);
}

/** Changes detected, by review state. */
export async function countChangesByState(db: Db): Promise<CountBy[]> {
  return countBy(db, sql`select state as label, count(*) as count from changes group by state`);
}

/** Outbox deliveries, by state (pending, delivered, dead). */
export async function countDeliveriesByState(db: Db): Promise<CountBy[]> {
  return countBy(db, sql`select state as label, count(*) as count from deliveries group by state`);
}

/** A cumulative histogram of fetch durations: count at or under each bound (ms), plus sum and count. */
export interface DurationHistogram {
  buckets: Array<{ leMs: number; count: number }>;
  sumMs: number;
  count: number;
}

export async function fetchDurationHistogram(db: Db, boundsMs: readonly number[]): Promise<DurationHistogram> {
  // A run of identical unchanged checks (one row, `repeats` checks) is counted at its first
  // check's duration: the run keeps no per-check durations, which is what makes it small.
  const columns = boundsMs.map((b, i) => sql`coalesce(sum(repeats) filter (where duration_ms <= ${b}), 0) as ${sql.raw(`b${i}`)}`);
  const [row] = await executeRows<Record<string, unknown>>(
    db,
    sql`select ${sql.join(columns, sql`, `)}, coalesce(sum(duration_ms::bigint * repeats), 0) as sum_ms, coalesce(sum(repeats), 0) as n
        from checks where duration_ms is not null`,
  );
  return {
    buckets: boundsMs.map((leMs, i) => ({ leMs, count: Number(row?.[`b${i}`] ?? 0) })),
    sumMs: Number(row?.sum_ms ?? 0),
    count: Number(row?.n ?? 0),
  };
}

async function countBy(db: Db, query: ReturnType<typeof sql>): Promise<CountBy[]> {
  const rows = await executeRows<{ label: string; count: number | string }>(db, query);
  return rows.map((r) => ({ label: r.label, count: Number(r.count) }));
}
