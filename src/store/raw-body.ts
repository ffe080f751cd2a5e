/**
 * Raw bodies are stored gzipped: pages are mostly navigation markup that compresses ~10×, and
 * they are read back rarely (re-extraction, `show --raw`), so the CPU is well spent.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { VersionRow } from './types.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Compresses a raw body for `versions.raw_gzip` (off the event loop's main path). */
export async function compressBody(body: Buffer): Promise<Buffer> {
  return gzipAsync(body);
}

/** The raw response body of a version, byte for byte as fetched. */
export async function rawBody(row: Pick<VersionRow, 'rawGzip'>): Promise<Buffer> {
  return gunzipAsync(row.rawGzip);
}
