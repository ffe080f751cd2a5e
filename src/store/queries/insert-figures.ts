import { sql } from 'drizzle-orm';
import type { Figure } from '../../extract/page-document.ts';
import type { Db } from '../open-database.ts';

/** A transaction handle or the database itself: figure rows are always written inside a version's transaction. */
type Tx = Pick<Db, 'execute'>;

/**
 * Writes a version's figures, one row each, so that "one figure over time" is an indexed query
 * on (source_id, key) rather than a scan of every version's jsonb document.
 *
 * The rows travel as ONE jsonb parameter unpacked by `jsonb_to_recordset`, not as a multi-row
 * VALUES list: a page's ~30 figures would be ~330 bound parameters, and building and binding
 * those was a measurable share of a changed pass (issue 8 profile). It works the same on
 * postgres.js and PGlite, and a version of any size stays one statement. A function scan yields
 * the array in order, so ids follow the page's order as before.
 */
export async function insertFigures(tx: Tx, list: Figure[], versionId: number, sourceId: string): Promise<void> {
  if (list.length === 0) return;
  const rows = JSON.stringify(list.map(toFigureRecord));
  await tx.execute(sql`insert into figures (version_id, source_id, key, kind, value_num, value_text, unit, raw, section, sentence, period)
    select ${versionId}::int, ${sourceId}::text, x.key, x.kind, x.value_num, x.value_text, x.unit, x.raw, x.section, x.sentence, x.period
    from jsonb_to_recordset(${rows}::jsonb)
      as x(key text, kind text, value_num double precision, value_text text, unit text, raw text, section text, sentence text, period text)`);
}

/** One figure as the jsonb record `insertFigures` unpacks (column names as in the table). */
function toFigureRecord(f: Figure): Record<string, string | number | null> {
  return {
    key: f.key,
    kind: f.kind,
    value_num: typeof f.value === 'number' ? f.value : null,
    value_text: typeof f.value === 'string' ? f.value : null,
    unit: f.unit,
    raw: f.raw,
    section: f.section,
    sentence: f.sentence,
    period: f.period,
  };
}
