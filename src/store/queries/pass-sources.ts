/**
 * The source rows a hand-run pass (`factwatch check`) needs: the due ones, or the named ones, or
 * all. Reading every row to find the due ones cost seconds at 100,000 sources on every check,
 * most of all when nothing was due; the due ones come from the `next_check_at` index.
 */
import { inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { sources } from '../schema.ts';
import type { SourceRow } from '../types.ts';
import { listSources } from './sources.ts';

export async function listPassSources(db: Db, now: Date, opts: { only?: string[]; all?: boolean }): Promise<SourceRow[]> {
  if (opts.only?.length) return db.select().from(sources).where(inArray(sources.id, opts.only));
  if (opts.all) return listSources(db);
  return db.select().from(sources).where(or(isNull(sources.nextCheckAt), lte(sources.nextCheckAt, now)));
}
