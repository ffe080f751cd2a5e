/**
 * Raw bodies, as fetched, are what lets a later profile re-extract a version. They are written
 * and read only here:
 *
 * - a *keyframe* (`raw_base_id` null) stores gzip(body);
 * - any other version stores gzip(delta) against a keyframe's body (src/store/raw-delta.ts), so
 *   reading a body is at most two gunzips and one delta, never a chain.
 *
 * Two revisions of a page share almost all of their bytes, so a delta gzips to ~1 KB where the
 * body takes ~13 KB. A new version deltas against its predecessor's keyframe; it becomes a
 * keyframe itself when there is no predecessor, when the bodies are too different to diff, or
 * when gzip(delta) would exceed `MAX_DELTA_SHARE` of the keyframe's gzip (so deltas stay small
 * as a page drifts from its keyframe, and the next versions delta against the new keyframe).
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { newestFirst } from './queries/version-order.ts';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from './db.ts';
import { applyDelta, createDelta, RawDeltaError } from './raw-delta.ts';
import { versions } from './schema.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** A delta is stored only if its gzip is at most this share of its keyframe's gzip. */
export const MAX_DELTA_SHARE = 0.25;

/** Compresses a whole raw body (off the event loop's main path). */
export async function compressBody(body: Buffer): Promise<Buffer> {
  return gzipAsync(body);
}

/** A version whose `raw_gzip` holds a whole body: what new versions delta against. */
export interface Keyframe {
  id: number;
  rawGzip: Buffer;
}

/** `versions.raw_gzip` and `versions.raw_base_id` for a new version. */
export interface EncodedRawBody {
  rawGzip: Buffer;
  rawBaseId: number | null;
}

type Reader = Pick<Db, 'select'>;

/**
 * The keyframe of the source's version in force at `at` (its latest version when `at` is
 * omitted), in the order `latestVersion` and `versionAt` use; null when there is none.
 *
 * Read outside any write transaction on purpose: every stored version is immutable and a valid
 * base, so a writer racing in between can only make the choice less efficient, never wrong.
 */
export async function keyframeFor(db: Reader, sourceId: string, at?: Date): Promise<Keyframe | null> {
  const keyframe = alias(versions, 'keyframe');
  const [row] = await db
    .select({ id: keyframe.id, rawGzip: keyframe.rawGzip })
    .from(versions)
    // A base that is not itself a keyframe would start a chain: then there is no usable keyframe.
    .leftJoin(keyframe, and(eq(keyframe.id, sql`coalesce(${versions.rawBaseId}, ${versions.id})`), isNull(keyframe.rawBaseId)))
    .where(and(eq(versions.sourceId, sourceId), at ? lte(versions.capturedAt, at) : undefined))
    .orderBy(...newestFirst())
    .limit(1);
  return row?.id != null && row.rawGzip != null ? { id: row.id, rawGzip: row.rawGzip } : null;
}

/**
 * How to store `body`: a delta against `keyframe` when one is given, the delta reproduces the
 * body byte for byte (checked by applying it) and its gzip is small enough; the whole body
 * otherwise.
 */
export async function encodeRawBody(body: Buffer, keyframe: Keyframe | null): Promise<EncodedRawBody> {
  const delta = keyframe ? await deltaAgainst(keyframe, body) : null;
  return delta ?? { rawGzip: await compressBody(body), rawBaseId: null };
}

async function deltaAgainst(keyframe: Keyframe, body: Buffer): Promise<EncodedRawBody | null> {
  let delta: Buffer | null;
  try {
    const base = await gunzipAsync(keyframe.rawGzip);
    delta = createDelta(base, body);
    if (!delta || !applyDelta(base, delta).equals(body)) return null;
  } catch {
    // An unreadable keyframe (or a delta bug) costs a full body, never the version.
    return null;
  }
  const rawGzip = await gzipAsync(delta);
  return rawGzip.length <= MAX_DELTA_SHARE * keyframe.rawGzip.length ? { rawGzip, rawBaseId: keyframe.id } : null;
}

/**
 * The raw response body of a version, byte for byte as fetched; null if there is no such
 * version. One query reads the version and its keyframe. Throws `RawDeltaError` if the stored
 * delta does not apply (a corrupt row: never silently a wrong body).
 */
export async function loadRawBody(db: Reader, versionId: number): Promise<Buffer | null> {
  const keyframe = alias(versions, 'keyframe');
  const [row] = await db
    .select({ rawGzip: versions.rawGzip, baseId: versions.rawBaseId, baseGzip: keyframe.rawGzip, baseOfBase: keyframe.rawBaseId })
    .from(versions)
    .leftJoin(keyframe, eq(keyframe.id, versions.rawBaseId))
    .where(eq(versions.id, versionId));
  if (!row) return null;
  if (row.baseId === null) return gunzipAsync(row.rawGzip);
  if (!row.baseGzip) throw new RawDeltaError(`version ${versionId}: keyframe ${row.baseId} is missing`);
  if (row.baseOfBase !== null) throw new RawDeltaError(`version ${versionId}: base ${row.baseId} is not a keyframe`);
  const [base, delta] = await Promise.all([gunzipAsync(row.baseGzip), gunzipAsync(row.rawGzip)]);
  return applyDelta(base, delta);
}

/**
 * The raw body columns for a copy of a version (a version split in two keeps one body): the
 * same delta when it has one; a delta against it when it is a keyframe, so the copy does not
 * store the whole body a second time.
 */
export async function copyRawBody(version: { id: number; rawGzip: Buffer; rawBaseId: number | null }): Promise<EncodedRawBody> {
  if (version.rawBaseId !== null) return { rawGzip: version.rawGzip, rawBaseId: version.rawBaseId };
  return encodeRawBody(await gunzipAsync(version.rawGzip), { id: version.id, rawGzip: version.rawGzip });
}
