import { customType } from 'drizzle-orm/pg-core';

/**
 * Turns whatever a driver hands back for a `bytea` column into a Node `Buffer`.
 *
 * postgres.js already returns a `Buffer`; PGlite returns a plain `Uint8Array`; a driver that
 * leaves bytea unparsed returns Postgres' hex text form (`\x1f8b…`). Callers (gunzip, hashing,
 * `Buffer.equals`) should not have to care which backend they run on.
 */
export function toBuffer(value: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value.startsWith('\\x')) return Buffer.from(value.slice(2), 'hex');
  // Escape format is only produced when bytea_output = 'escape'; we never set it.
  return Buffer.from(value, 'binary');
}

/** A `bytea` column that reads and writes `Buffer` on both PGlite and postgres.js. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array | string }>({
  dataType() {
    return 'bytea';
  },
  // Both drivers serialise a Uint8Array parameter as binary bytea, and Buffer is one.
  toDriver(value: Buffer): Buffer {
    return value;
  },
  fromDriver(value: Buffer | Uint8Array | string): Buffer {
    return toBuffer(value);
  },
});
