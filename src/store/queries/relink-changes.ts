/**
 * Keeping the chain of changes right when a version is placed between two others: the change
 * that led to the later version must now start from the inserted one. The change ROW survives
 * (same id, same review state, note and deliveries); only what it compares is recomputed.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Change } from '../../model/index.ts';
import type { Db } from '../db.ts';
import { changes, versions } from '../schema.ts';
import { forgetSeriesFacts } from './refresh-series-facts.ts';

/** A transaction or the database itself. */
export type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'execute'>;

export interface RelinkChangeInput {
  sourceId: string;
  /** The version the change leads to; its change row is updated in place. */
  toVersionId: number;
  /** Its new predecessor. */
  fromVersionId: number | null;
  change: Change | null;
  summary: string;
  /** Used only when the version had no change row yet (a database written by hand). */
  detectedAt: Date;
}

/**
 * Points the change into `toVersionId` at its new predecessor and replaces its content. The
 * review state is deliberately kept: the reviewer looked at "what changed into this version",
 * and that version is still the same; the report now compares it with a closer neighbour.
 * Returns the change id.
 */
export async function relinkChange(tx: Executor, input: RelinkChangeInput): Promise<number> {
  const updated = await tx
    .update(changes)
    .set({ fromVersionId: input.fromVersionId, change: input.change, summary: input.summary })
    .where(and(eq(changes.sourceId, input.sourceId), eq(changes.toVersionId, input.toVersionId)))
    .returning({ id: changes.id });
  if (updated[0]) return updated[0].id;
  const [inserted] = await tx
    .insert(changes)
    .values({
      sourceId: input.sourceId,
      fromVersionId: input.fromVersionId,
      toVersionId: input.toVersionId,
      detectedAt: input.detectedAt,
      change: input.change,
      summary: input.summary,
    })
    .returning({ id: changes.id });
  if (!inserted) throw new Error('insert into changes returned no row');
  return inserted.id;
}

/**
 * An earlier capture of the same content was found: the version now starts at `capturedAt`.
 * The change into it is moved back with it (it cannot have been detected after the content was
 * first seen); a later `detected_at` is never kept, an earlier one is.
 */
export async function moveVersionStart(tx: Executor, versionId: number, capturedAt: Date): Promise<void> {
  const at = capturedAt.toISOString();
  await tx
    .update(versions)
    .set({ capturedAt: sql`least(${versions.capturedAt}, ${at}::timestamptz)` })
    .where(eq(versions.id, versionId));
  await tx
    .update(changes)
    .set({ detectedAt: sql`least(${changes.detectedAt}, ${at}::timestamptz)` })
    .where(eq(changes.toVersionId, versionId));
}

/**
 * Renumbers a source's versions 1, 2, 3… in capture-time order (ties keep their old order).
 *
 * `seq` is what users type (`show --version 3`) and read (`history`, `changes`), so it must
 * follow the page's own timeline even after older captures are imported. Two statements,
 * because PostgreSQL checks the non-deferrable `(source_id, seq)` unique constraint row by row:
 * first every seq is negated (still unique), then each row takes its rank, and no positive
 * target can collide with a row that still holds its negative placeholder.
 *
 * Every rewrite of a source's timeline (a version placed between others, a start moved back)
 * ends here, so here the source's kept series facts are forgotten: they hold versions' numbers
 * and times (`forgetSeriesFacts`). The caller holds `lockSeriesFacts` for the source.
 */
export async function renumberVersions(tx: Executor, sourceId: string): Promise<void> {
  await tx.execute(sql`update versions set seq = -seq where source_id = ${sourceId}`);
  await tx.execute(sql`
    update versions as v set seq = r.rn
    from (
      select id, row_number() over (order by captured_at asc, seq desc) as rn
      from versions where source_id = ${sourceId}
    ) as r
    where v.id = r.id`);
  await forgetSeriesFacts(tx, sourceId);
}
