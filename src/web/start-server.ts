/**
 * Starts the web app on a host and port with @hono/node-server. Refuses to listen beyond
 * loopback without a token: the review state is shared data and the UI can change it.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import { FactwatchError, UsageError } from '../app/errors.ts';
import { createWebApp } from './create-app.ts';
import { buildHostPolicy } from './host-allow-list.ts';
import type { WebDeps } from './web-deps.ts';

export interface StartServerOptions {
  host: string;
  port: number;
  /** `serve.publicUrl`: the name the server is reached by beyond its bound address (host-allow-list.ts). */
  publicUrl?: string | null;
}

export interface RunningServer {
  /** `http://127.0.0.1:8080` — with the real port when 0 was asked. */
  url: string;
  close(): Promise<void>;
}

/** 127.0.0.0/8, ::1 and "localhost" only; anything else is reachable from elsewhere. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/gu, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}

/** Throws a UsageError when `host` is beyond loopback and no usable token is set. */
export function assertBindAllowed(host: string, token: string | null): void {
  if (!isLoopbackHost(host) && (token === null || token.length < 16)) {
    throw new UsageError(
      `listening on ${host} makes the UI reachable from other machines: set FACTWATCH_TOKEN (16 characters or more) first`,
    );
  }
}

export async function startWebServer(deps: WebDeps, opts: StartServerOptions): Promise<RunningServer> {
  assertBindAllowed(opts.host, deps.token);
  assertListenHost(opts.host);
  // The app is built once the port is known (port 0 picks one): the Host allow-list needs it.
  let app: ReturnType<typeof createWebApp> | null = null;
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve(
      {
        fetch: (req, env) => (app ? app.fetch(req, env) : new Response('starting', { status: 503 })),
        hostname: opts.host.replace(/^\[|\]$/gu, ''),
        port: opts.port,
      },
      () => resolve(s),
    );
    s.once('error', (err: NodeJS.ErrnoException) => reject(listenError(opts, err)));
  });
  const address = server.address() as AddressInfo;
  app = createWebApp({ ...deps, hostPolicy: buildHostPolicy({ bound: { host: opts.host, port: address.port }, publicUrl: opts.publicUrl ?? null }) });
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** `--host` is an address or a name, with or without brackets: "[::1]", "::1", "localhost". */
export function assertListenHost(host: string): void {
  const bare = host.replace(/^\[|\]$/gu, '');
  if (isIP(bare) === 0 && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/iu.test(bare)) {
    throw new UsageError(`--host must be an IP address (127.0.0.1, [::1]) or a host name, not "${host}"`);
  }
}

/** What went wrong listening, in one line: the port is taken, the address is not this machine's … */
function listenError(opts: StartServerOptions, err: NodeJS.ErrnoException): Error {
  const where = `${opts.host}:${opts.port}`;
  const reason =
    err.code === 'EADDRINUSE'
      ? 'the port is already in use'
      : err.code === 'EADDRNOTAVAIL'
        ? 'that address is not one of this machine’s'
        : err.code === 'EACCES'
          ? 'permission denied (ports below 1024 need privileges)'
          : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN'
            ? 'the host name does not resolve'
            : err.message;
  return new FactwatchError('listen_failed', `cannot listen on ${where}: ${reason}`, { cause: err });
}
