/**
 * The database type every query takes, in a module of its own (types only): queries, the
 * migrator and `openDatabase` all depend on it, and none of them on each other for it.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

/** A drizzle database over our schema: PostgreSQL or embedded PGlite, one API. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = 'pglite' | 'postgres';
