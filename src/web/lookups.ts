/** Loading what a URL names, or answering 404 — shared by the pages and the API. */
import type { Db } from '../store/db.ts';
import { getChange } from '../store/queries/changes.ts';
import { getSource } from '../store/queries/sources.ts';
import type { ChangeRow, SourceRow } from '../store/types.ts';
import { notFound } from './api-error.ts';
import { parseId } from './params.ts';

export async function requireSource(db: Db, id: string): Promise<SourceRow> {
  const source = await getSource(db, id);
  if (source === null) throw notFound(`no source with id "${id}"`);
  return source;
}

export async function requireChange(db: Db, idText: string): Promise<ChangeRow> {
  const id = parseId(idText, 'change id');
  const row = await getChange(db, id);
  if (row === null) throw notFound(`no change with id ${id}`);
  return row;
}
