import type { Figure } from '../../extract/page-document.ts';
import type { Db } from '../open-database.ts';
import { figures } from '../schema.ts';

/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 bind parameters. */
const FIGURE_BATCH = 1000;

/** A transaction handle or the database itself: figure rows are always written inside a version's transaction. */
type Tx = Pick<Db, 'insert'>;

/**
 * Writes a version's figures, one row each, so that "one figure over time" is an indexed query
 * on (source_id, key) rather than a scan of every version's jsonb document.
 */
export async function insertFigures(tx: Tx, list: Figure[], versionId: number, sourceId: string): Promise<void> {
  const rows = list.map((f) => toFigureRow(f, versionId, sourceId));
  for (let i = 0; i < rows.length; i += FIGURE_BATCH) await tx.insert(figures).values(rows.slice(i, i + FIGURE_BATCH));
}

function toFigureRow(f: Figure, versionId: number, sourceId: string): typeof figures.$inferInsert {
  return {
    versionId,
    sourceId,
    key: f.key,
    kind: f.kind,
    valueNum: typeof f.value === 'number' ? f.value : null,
    valueText: typeof f.value === 'string' ? f.value : null,
    unit: f.unit,
    raw: f.raw,
    section: f.section,
    sentence: f.sentence,
    period: f.period,
  };
}
