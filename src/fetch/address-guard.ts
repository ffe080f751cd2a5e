import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { ConfigError } from '../app/errors.ts';

/**
 * The address guard keeps a fetcher that follows URLs from configuration and redirects from
 * being turned against the machine it runs on or its network (cloud metadata at
 * 169.254.169.254, an admin page on 10.0.0.1, a database on localhost). Only globally routable
 * unicast addresses pass, unless an operator lists a network in `allowNetworks`.
 *
 * Names are checked on the address they RESOLVE to, at connect time (see `createGuardedLookup`),
 * so a DNS name pointing inward and a redirect to one are both caught; literal IPs in a URL
 * never go through DNS and are checked with `checkUrlHost` before the request.
 */

/** A parsed allow-list entry. */
export type Network = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Thrown by the guarded lookup; the client maps it to `FetchError('blocked_address')`. */
export class BlockedAddressError extends Error {
  readonly code = 'E_FACTWATCH_BLOCKED_ADDRESS';
  readonly address: string;
  readonly host: string;
  readonly range: string;
  constructor(host: string, address: string, range: string) {
    super(host === address ? `address ${address} is not allowed (${range})` : `${host} resolves to ${address}, which is not allowed (${range})`);
    this.name = 'BlockedAddressError';
    this.host = host;
    this.address = address;
    this.range = range;
  }
}

/** Parses CIDRs (or single addresses, taken as /32 or /128); names every bad entry at once. */
export function parseNetworks(cidrs: readonly string[]): Network[] {
  const problems: string[] = [];
  const networks: Network[] = [];
  for (const cidr of cidrs) {
    try {
      if (cidr.includes('/')) {
        networks.push(ipaddr.parseCIDR(cidr));
      } else {
        const addr = ipaddr.parse(cidr);
        networks.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
      }
    } catch (err) {
      problems.push(`fetch.allowNetworks: "${cidr}" is not a CIDR (${(err as Error).message})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return networks;
}

/**
 * Names the reason an address is refused, or returns null when it may be contacted.
 *
 * IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries, and so is
 * NAT64 (`64:ff9b::/96`, which DNS64 synthesises on IPv6-only networks for public IPv4 hosts).
 * Everything ipaddr.js does not classify as plain `unicast` is refused: loopback, private,
 * carrier-grade NAT, link-local, unique-local, multicast, unspecified, broadcast, reserved,
 * documentation, benchmarking, 6to4/Teredo tunnels (which could embed anything), and the
 * deprecated IPv4-compatible `::a.b.c.d` form.
 */
export function classifyAddress(address: string, allow: readonly Network[] = []): string | null {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(stripBrackets(address));
  } catch {
    return 'not an IP address';
  }
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) addr = v6.toIPv4Address();
    else if (v6.range() === 'rfc6052' && v6.match(ipaddr.parseCIDR('64:ff9b::/96'))) addr = embeddedIPv4(v6);
  }
  if (isAllowedByNetworks(addr, allow)) return null;
  const range = addr.range();
  if (range !== 'unicast') return range;
  if (addr.kind() === 'ipv6' && addr.match(ipaddr.parseCIDR('::/96'))) return 'ipv4Compatible';
  return null;
}

/** Whether the address lies inside one of the allowed networks (same address family only). */
function isAllowedByNetworks(addr: ipaddr.IPv4 | ipaddr.IPv6, allow: readonly Network[]): boolean {
  return allow.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}

function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 {
  const [hi, lo] = v6.parts.slice(6) as [number, number];
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * Checks the host of a URL when it is a literal IP (which the connect-time lookup never sees);
 * DNS names are left to the lookup. Throws `BlockedAddressError`.
 */
export function checkUrlHost(url: URL, allow: readonly Network[]): void {
  const host = stripBrackets(url.hostname);
  if (isIP(host) === 0) return;
  const range = classifyAddress(host, allow);
  if (range !== null) throw new BlockedAddressError(host, host, range);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
/** The resolver the guarded lookup delegates to; injectable so tests can fake DNS answers. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const resolveWithSystem: Resolve = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * A `lookup` for `net.connect` (passed through undici's `Agent({ connect: { lookup } })`) that
 * resolves the name, then refuses the connection if ANY of its addresses is not allowed: a name
 * with one public and one private address could otherwise be steered to the private one.
 * It answers in both shapes Node asks for (`all: true` for Happy Eyeballs, or one address).
 */
export function createGuardedLookup(allow: readonly Network[], resolve: Resolve = resolveWithSystem) {
  return function guardedLookup(hostname: string, options: LookupOptions | number | LookupCallback, callback?: LookupCallback): void {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
    const opts: LookupOptions = typeof options === 'object' && options !== null ? options : {};
    resolve(hostname).then(
      (found) => {
        const family = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : opts.family;
        const addresses = family === 4 || family === 6 ? found.filter((a) => a.family === family) : found;
        if (addresses.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          err.code = 'ENOTFOUND';
          cb(err, opts.all ? [] : '', undefined);
          return;
        }
        for (const a of addresses) {
          const range = classifyAddress(a.address, allow);
          if (range !== null) {
            cb(new BlockedAddressError(hostname, a.address, range) as NodeJS.ErrnoException, opts.all ? [] : '', undefined);
            return;
          }
        }
        if (opts.all) cb(null, addresses);
        else cb(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: NodeJS.ErrnoException) => cb(err, opts.all ? [] : '', undefined),
    );
  };
}
