import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A lease owner id that is unique per process and says where it runs (`host:pid:random`), so
 * `factwatch status` shows which machine holds a source and a restarted process never mistakes
 * its predecessor's leases for its own.
 */
export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
