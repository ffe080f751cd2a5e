import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SnapshotRevision } from './manifest.ts';

/**
 * Serves recorded revisions of one page on 127.0.0.1, as the real site served them over time:
 * each revision at its own URL path, and once a revision lives at a new path, the old path
 * answers 301 to it (as France Diplomatie did when the North Korea page moved to `…-65083/`).
 * It answers conditional requests with 304, like a real server, so the demo exercises them.
 * The pipeline reaches it through `createReplayTransport` under the real URLs; this server only
 * looks at the path.
 */
export interface ReplayServer {
  /** The loopback port it listens on (for the transport). */
  readonly port: number;
  /** Serve revision `index` from now on. */
  serve(index: number): void;
  /** Requests answered so far, for the curious and for tests. */
  readonly hits: Array<{ path: string; status: number }>;
  close(): Promise<void>;
}

export async function startReplayServer(revisions: SnapshotRevision[]): Promise<ReplayServer> {
  const bodies = revisions.map((r) => readFileSync(r.file));
  const etags = bodies.map((b) => `"${createHash('sha256').update(b).digest('hex').slice(0, 16)}"`);
  const paths = revisions.map((r) => new URL(r.url).pathname);
  let current = 0;
  const hits: Array<{ path: string; status: number }> = [];

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://replay.invalid').pathname;
    const answer = (status: number, headers: Record<string, string> = {}, body?: Buffer | string) => {
      hits.push({ path, status });
      res.writeHead(status, headers);
      res.end(body);
    };
    const livePath = paths[current];
    if (path === livePath) {
      const etag = etags[current]!;
      if (req.headers['if-none-match'] === etag) return answer(304, { etag });
      return answer(200, { 'content-type': 'text/html; charset=utf-8', etag }, bodies[current]);
    }
    // An older path of the page: moved permanently to where the page lives now.
    if (paths.slice(0, current).includes(path)) return answer(301, { location: livePath! });
    return answer(404, { 'content-type': 'text/plain' }, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    serve(index) {
      if (index < 0 || index >= revisions.length) throw new RangeError(`no revision ${index}`);
      current = index;
    },
    hits,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
