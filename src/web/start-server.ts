/**
 * Starts the web app on a host and port with @hono/node-server. Refuses to listen beyond
 * loopback without a token: the review state is shared data and the UI can change it.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import { UsageError } from '../app/errors.ts';
import { createWebApp } from './create-app.ts';
import type { WebDeps } from './web-deps.ts';

export interface StartServerOptions {
  host: string;
  port: number;
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
  const app = createWebApp(deps);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
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
