/**
 * DNS rebinding defence. A page on evil.example can make its own name resolve to 127.0.0.1; the
 * browser then sends requests to our loopback server that are, to it, same-origin with
 * evil.example — Origin and Host both say evil.example:8080, so every same-origin check passes and
 * the page can read the API and change review states. What the attacker cannot forge is a Host
 * naming us, so the server answers only Host values that name its bound address (127.0.0.1,
 * localhost, [::1], the machine's interface addresses for a wildcard bind; with the port) or the
 * configured public name (`serve.publicUrl`), and answers 421 Misdirected Request otherwise.
 *
 * For the same reason, absolute links (the Atom feed) are built from `publicUrl` — or the bound
 * address — and never from the Host of the request that asked for them.
 */
import type { MiddlewareHandler } from 'hono';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { errorBody } from './api-error.ts';
import type { HostPolicy, WebEnv } from './web-deps.ts';

export interface HostPolicyOptions {
  /** The address the server listens on; absent for an app used in-process (`app.request`). */
  bound?: { host: string; port: number } | null;
  /** `serve.publicUrl` / `--public-url`: the name users and feed readers reach the server by. */
  publicUrl?: string | null;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The policy for a server bound to `bound` and published as `publicUrl`. An in-process app with
 * no bound address answers the loopback names on the default port, which is what
 * `app.request('/path')` sends.
 */
export function buildHostPolicy(opts: HostPolicyOptions): HostPolicy {
  const port = opts.bound?.port ?? 80;
  const names = new Set(LOOPBACK_NAMES);
  if (opts.bound) {
    const bound = bracket(opts.bound.host.replace(/^\[|\]$/gu, '').toLowerCase());
    if (bound === '0.0.0.0' || bound === '[::]') for (const address of interfaceAddresses()) names.add(address);
    else names.add(bound);
  }
  const hosts = new Set([...names].map((name) => (port === 80 ? name : `${name}:${port}`)));
  const origins = new Set<string>();
  let linkOrigin = `http://${port === 80 ? '127.0.0.1' : `127.0.0.1:${port}`}`;
  if (opts.bound && !['0.0.0.0', '::', '[::]'].includes(opts.bound.host)) {
    const host = bracket(opts.bound.host.replace(/^\[|\]$/gu, '').toLowerCase());
    linkOrigin = `http://${port === 80 ? host : `${host}:${port}`}`;
  }
  if (opts.publicUrl) {
    const pub = new URL(opts.publicUrl);
    hosts.add(pub.host);
    // A proxy may pass the port explicitly ("factwatch.example.org:443"): the same name.
    hosts.add(`${pub.hostname}:${pub.port || (pub.protocol === 'https:' ? '443' : '80')}`);
    origins.add(pub.origin);
    linkOrigin = pub.origin;
  }
  return { hosts, origins, linkOrigin };
}

/** 421 for a request whose Host does not name this server. */
export function requireKnownHost(policy: HostPolicy): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const host = new URL(c.req.url).host.toLowerCase();
    if (policy.hosts.has(host)) return next();
    return c.json(
      errorBody('misdirected', `this server does not answer to the name "${host}"; a public name is configured with serve.publicUrl (or --public-url)`),
      421,
    );
  };
}

/** Whether a form's Origin is this server: the request's own (its Host was checked) or the public one. */
export function isOwnOrigin(policy: HostPolicy, origin: string, requestUrl: string): boolean {
  return origin === new URL(requestUrl).origin || policy.origins.has(origin);
}

function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((i) => bracket(i.address.replace(/%.*$/u, '').toLowerCase()));
}

function bracket(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address;
}
