/** Reading the source events (gone, recovered) that the outbox notifies. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { executeRows } from '../execute-rows.ts';
import type { SourceEventKind } from '../../model/index.ts';
import { toDateOrNull } from './leases.ts';

/** A source event with what a notification about it needs. */
export interface SourceEventRow {
  id: number;
  sourceId: string;
  kind: SourceEventKind;
  occurredAt: Date;
  detail: string | null;
  url: string;
}

export async function getSourceEvent(db: Db, id: number): Promise<SourceEventRow | null> {
  const [r] = await executeRows<Record<string, unknown>>(
    db,
    sql`select e.id, e.source_id, e.kind, e.occurred_at, e.detail, s.url
        from source_events e join sources s on s.id = e.source_id where e.id = ${id}`,
  );
  if (!r) return null;
  return {
    id: Number(r.id),
    sourceId: String(r.source_id),
    kind: r.kind as SourceEventKind,
    occurredAt: toDateOrNull(r.occurred_at)!,
    detail: (r.detail as string | null) ?? null,
    url: String(r.url),
  };
}
