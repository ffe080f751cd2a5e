import { sql, type SQL } from 'drizzle-orm';
import type { Figure } from '../../model/index.ts';
import type { Db } from '../db.ts';

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
  const rows = figureRecordsSql(list);
  await tx.execute(sql`insert into figures (version_id, source_id, ${rows.columns})
    select ${versionId}::int, ${sourceId}::text, ${rows.values} from ${rows.from}`);
}

/** The columns of a figure record and their SQL types, in table order. */
const FIGURE_RECORD_COLUMNS = [
  ['key', 'text'],
  ['series', 'text'],
  ['kind', 'text'],
  ['value_num', 'double precision'],
  ['value_text', 'text'],
  ['unit', 'text'],
  ['raw', 'text'],
  ['section', 'text'],
  ['sentence', 'text'],
  ['period', 'text'],
] as const;

const COLUMNS = sql.raw(FIGURE_RECORD_COLUMNS.map(([name]) => name).join(', '));
const VALUES = sql.raw(FIGURE_RECORD_COLUMNS.map(([name]) => `x.${name}`).join(', '));
const RECORD_TYPE = sql.raw(FIGURE_RECORD_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', '));

/**
 * A page's figures as SQL pieces for `insert into figures (version_id, source_id, <columns>)
 * select …, <values> from <from>`: the one definition of the jsonb record, shared by
 * `insertFigures` and `storeVersion`'s single statement.
 */
export function figureRecordsSql(list: Figure[]): { columns: SQL; values: SQL; from: SQL } {
  return { columns: COLUMNS, values: VALUES, from: sql`jsonb_to_recordset(${JSON.stringify(list.map(toFigureRecord))}::jsonb) as x(${RECORD_TYPE})` };
}

/** One figure as the jsonb record `insertFigures` unpacks (column names as in the table). */
function toFigureRecord(f: Figure): Record<string, string | number | null> {
  return {
    key: f.key,
    // A document stored before series existed, or fresh from the extractor: the key names it.
    series: f.series ?? f.key,
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
