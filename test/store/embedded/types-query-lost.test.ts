import { createServer, connect, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A connection that fails while the driver asks for the server's array types (the first thing
 * it does on a new connection) must fail the query, not the process. postgres.js started that
 * query without awaiting it, so its rejection was unhandled and ended a CLI command whose
 * owner went away at that moment (CI: "report 2 --format html: read ECONNRESET", from
 * promises.js). The patch in patches/postgres+3.4.9.patch settles it, and the query's own
 * rejection reaches the handover retry.
 *
 * The server here speaks just enough of the protocol: it accepts the startup and says it is
 * ready. When the types query arrives, the client's socket fails with ECONNRESET, as a unix
 * socket does when its peer goes away.
 */
describe('a connection lost during the driver\'s types query', () => {
  let dir: string;
  let server: Server;
  const clients: Socket[] = [];
  const path = () => join(dir, 'pg.sock');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-types-lost-'));
    let accepted = 0;
    server = createServer((socket) => {
      const client = clients[accepted++];
      let started = false;
      socket.on('error', () => undefined);
      socket.on('data', () => {
        if (started) return void client?.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
        started = true;
        const auth = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]); // AuthenticationOk
        const ready = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]); // ReadyForQuery, idle
        socket.write(Buffer.concat([auth, ready]));
      });
    });
    await new Promise<void>((resolve) => server.listen(path(), resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects the query with the connection\'s error and leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const sql = postgres({
      socket: () =>
        new Promise<Socket>((resolve, reject) => {
          const s = connect(path());
          clients.push(s);
          s.once('connect', () => resolve(s));
          s.once('error', reject);
        }),
      max: 1,
      prepare: false,
      onnotice: () => undefined,
    } as postgres.Options<Record<string, postgres.PostgresType>>);
    try {
      await expect(sql`select 1`).rejects.toMatchObject({ code: 'ECONNRESET' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await sql.end({ timeout: 1 }).catch(() => undefined);
    }
  });
});
