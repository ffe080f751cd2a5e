import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local HTTP server of canned pages for tests: the code under test talks real HTTP, but never
 * leaves 127.0.0.1. Routes are either a canned response or a handler function for fault
 * injection (stalling, resetting the connection, streaming forever …).
 *
 * ```ts
 * const server = await startPageServer({ '/page': { body: '<p>Hello</p>' } });
 * server.setRoute('/moved', { status: 301, headers: { location: '/page' } });
 * server.setRoute('/reset', (req, res) => res.socket?.destroy());
 * await client.fetchPage({ url: server.url('/page') });   // fetch with allowNetworks ["127.0.0.0/8"]
 * expect(server.requests[0]?.headers['user-agent']).toContain('factwatch');
 * await server.close();
 * ```
 *
 * Unknown paths answer 404. `close()` also destroys open connections, so a handler that never
 * answers cannot keep a test (or vitest's worker) alive.
 */

/**
 * A canned response. `body` defaults to empty; `content-type` defaults to UTF-8 HTML and
 * `content-length` to the body's length.
 */
export interface RouteSpec {
  status?: number;
  /** Response headers; `null` removes a default (`{ 'content-type': null }` sends none). */
  headers?: Record<string, string | string[] | null>;
  body?: string | Buffer;
  /** Wait this long before answering (to exercise timeouts). */
  delayMs?: number;
}

/** A route handler with full control over the response. May be async; its return value is ignored. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export type Route = RouteSpec | RouteHandler;

export interface RecordedRequest {
  method: string;
  /** The request target as sent: path and query string. */
  path: string;
  headers: IncomingHttpHeaders;
}

export interface PageServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Absolute URL for a path on this server (`url('/a')` → `http://127.0.0.1:<port>/a`). */
  url(path: string): string;
  /** Adds or replaces a route. Matched on the exact path with query first, then the path alone. */
  setRoute(path: string, route: Route): void;
  /** Every request received, in order of arrival. */
  requests: RecordedRequest[];
  /** Stops listening and destroys open connections. */
  close(): Promise<void>;
}

export async function startPageServer(routes: Record<string, Route> = {}): Promise<PageServer> {
  const table = new Map<string, Route>(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const target = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path: target, headers: req.headers });
    const route = table.get(target) ?? table.get(target.split('?')[0] ?? target);
    void answer(route, req, res).catch((err: unknown) => {
      // A failing handler must show up in the test, not hang it.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`page-server handler failed: ${String(err)}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    url: (path) => new URL(path, origin).href,
    setRoute: (path, route) => void table.set(path, route),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function answer(route: Route | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (route === undefined) {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Not found</title><p>Not found</p>');
    return;
  }
  if (typeof route === 'function') {
    await route(req, res);
    return;
  }
  if (route.delayMs) await new Promise((resolve) => setTimeout(resolve, route.delayMs));
  if (res.destroyed) return;
  const body = route.body ?? '';
  const merged: Record<string, string | string[] | null> = {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    ...lowerCaseKeys(route.headers ?? {}),
  };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(merged)) if (value !== null) headers[name] = value;
  res.writeHead(route.status ?? 200, headers);
  res.end(body);
}

function lowerCaseKeys<T>(headers: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
