/**
 * Serves one PGlite instance to any number of PostgreSQL-protocol clients over a Unix socket.
 *
 * PGlite is a single database session in one process: two processes that open one data directory
 * each run their own server over the same files, and the last to flush overwrites the other
 * (issue 13). So the embedded store has one owner process, and every factwatch process — the
 * owner included — talks to it through this socket with postgres.js, exactly as it talks to
 * PostgreSQL. One query path, whatever the backend.
 *
 * Why not `@electric-sql/pglite-socket`: it queues each protocol *message* on its own, so two
 * clients' extended-protocol messages (Parse, Bind, Execute, Sync) interleave in PGlite's one
 * session and one client's Bind can meet the other's unnamed statement; it also pins an exact
 * PGlite version and pulls in seven extension packages as peers. Here the unit of exclusivity
 * is a whole round (everything up to a Sync or a simple Query), and a client that leaves a round
 * inside a transaction keeps the session until its transaction ends, so nobody else's statement
 * ever runs inside it. A client that disconnects mid-transaction is rolled back; one that sits
 * idle inside a transaction for longer than `idleInTransactionMs` is rolled back and cut off, so
 * no client can stall the others for long.
 */
import { chmod, unlink } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

export interface PgliteServer {
  /** Stops accepting, ends every connection (rolling back an open transaction) and resolves. */
  close(): Promise<void>;
  readonly path: string;
}

export interface ServeOptions {
  /** Unix socket path; created with mode 0600 (a stale file there is removed first). */
  path: string;
  /** How long a client may hold the session inside an idle transaction. Default 30 s. */
  idleInTransactionMs?: number;
}

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
/** Frontend messages that end a round: after them PGlite answers ReadyForQuery. */
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'
/** How long a closing server lets a round or transaction under way finish before it cuts it off. */
const CLOSE_GRACE_MS = 5_000;
/** Largest frontend message accepted (a version's document and raw body travel as parameters). */
const MAX_MESSAGE = 256 * 1024 * 1024;

export async function servePglite(pg: PGlite, opts: ServeOptions): Promise<PgliteServer> {
  const gate = new SessionGate();
  const idleMs = opts.idleInTransactionMs ?? 30_000;
  const connections = new Set<Connection>();
  const state = { closing: false };

  const server: Server = createServer((socket) => {
    if (state.closing) {
      socket.destroy();
      return;
    }
    const conn = new Connection(socket, pg, gate, idleMs, state, () => connections.delete(conn));
    connections.add(conn);
  });
  await unlink(opts.path).catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  await chmod(opts.path, 0o600);

  return {
    path: opts.path,
    async close() {
      if (state.closing) return;
      state.closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // A round or transaction under way finishes (for a while); every other connection ends now,
      // before it starts another round — so a client knows that a query it sent and got no answer
      // for was never run, and can send it again to whoever owns the directory next.
      const grace = setTimeout(() => [...connections].forEach((c) => void c.end()), CLOSE_GRACE_MS);
      await Promise.all([...connections].map((c) => c.endWhenIdle()));
      clearTimeout(grace);
      await stopped;
    },
  };
}

/**
 * Who may use PGlite's session now. Held by one connection for one round, or for as long as that
 * connection's transaction stays open.
 */
class SessionGate {
  private holder: Connection | null = null;
  private waiting: Array<{ conn: Connection; resolve: () => void }> = [];

  async acquire(conn: Connection): Promise<void> {
    if (this.holder === conn) return;
    if (this.holder === null) {
      this.holder = conn;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push({ conn, resolve }));
  }

  release(conn: Connection): void {
    if (this.holder !== conn) {
      this.waiting = this.waiting.filter((w) => w.conn !== conn);
      return;
    }
    const next = this.waiting.shift();
    this.holder = next?.conn ?? null;
    next?.resolve();
  }

  holds(conn: Connection): boolean {
    return this.holder === conn;
  }
}

interface Frame {
  kind: 'startup' | 'ssl' | 'cancel' | 'terminate' | 'typed';
  bytes: Buffer;
}

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;
  private chain: Promise<void> = Promise.resolve();
  private ended = false;
  private idleTimer: NodeJS.Timeout | null = null;
  /** True while this connection's transaction is open (it keeps the gate between rounds). */
  private inTransaction = false;

  constructor(
    private readonly socket: Socket,
    private readonly pg: PGlite,
    private readonly gate: SessionGate,
    private readonly idleMs: number,
    private readonly server: { closing: boolean },
    private readonly onGone: () => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => void this.end());
    socket.on('close', () => void this.end());
  }

  /** Ends the connection; a transaction it left open is rolled back before the gate passes on. */
  end(): Promise<void> {
    if (this.ended) return this.chain;
    this.ended = true;
    this.clearIdle();
    this.socket.destroy();
    this.chain = this.chain
      .catch(() => undefined)
      .then(async () => {
        if (this.inTransaction && this.gate.holds(this)) {
          await this.pg.exec('rollback').catch(() => undefined);
        }
        this.inTransaction = false;
        this.gate.release(this);
        this.onGone();
        this.resolveEnded();
      });
    return this.chain;
  }

  /** Ends the connection as soon as it holds no round or transaction (at once if it holds none). */
  endWhenIdle(): Promise<void> {
    this.chain = this.chain.then(() => {
      if (!this.gate.holds(this)) void this.end();
    });
    return this.chain.then(() => this.whenEnded);
  }

  private resolveEnded!: () => void;
  /** Resolves when `end()` has finished (its rollback done, the gate passed on). */
  private readonly whenEnded: Promise<void> = new Promise<void>((resolve) => (this.resolveEnded = resolve));

  private receive(chunk: Buffer): void {
    if (this.ended) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const message = this.nextMessage();
      if (message === null) break;
      this.chain = this.chain.then(() => this.handle(message)).catch(() => void this.end());
    }
  }

  /** Cuts the next whole message off the buffer (the startup packet has no type byte). */
  private nextMessage(): Frame | null {
    const b = this.buffer;
    const untyped = !this.started;
    if (b.length < (untyped ? 8 : 5)) return null;
    const length = untyped ? b.readInt32BE(0) : b.readInt32BE(1) + 1;
    if (length < (untyped ? 8 : 5) || length > MAX_MESSAGE) {
      void this.end();
      return null;
    }
    if (b.length < length) return null;
    const bytes = Buffer.from(b.subarray(0, length));
    this.buffer = b.subarray(length);
    if (!untyped) return { kind: bytes[0] === TERMINATE ? 'terminate' : 'typed', bytes };
    const code = bytes.readInt32BE(4);
    if (code === SSL_REQUEST) return { kind: 'ssl', bytes };
    if (code === CANCEL_REQUEST) return { kind: 'cancel', bytes };
    this.started = true;
    return { kind: 'startup', bytes };
  }

  private async handle(frame: Frame): Promise<void> {
    if (this.ended) return;
    if (frame.kind === 'ssl') {
      this.socket.write('N'); // no TLS on a Unix socket
      return;
    }
    if (frame.kind === 'cancel') return; // not supported: a round is short, and the socket ends it
    if (frame.kind === 'terminate') {
      void this.end(); // not awaited: end() waits for this very chain
      return;
    }
    this.clearIdle();
    if (this.server.closing && !this.gate.holds(this)) {
      void this.end(); // a new round on a closing server: not run, so the client may send it again elsewhere
      return;
    }
    await this.gate.acquire(this);
    if (this.ended) {
      this.gate.release(this);
      return;
    }
    const { bytes } = frame;
    const reply = await execRaw(this.pg, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (reply.length > 0 && !this.socket.destroyed) this.socket.write(reply);
    const endsRound = frame.kind === 'startup' || bytes[0] === SYNC || bytes[0] === QUERY;
    if (!endsRound) {
      this.armIdle(); // Parse, Bind, Execute…: the round goes on and the gate stays ours
      return;
    }
    const status = readyStatus(reply);
    this.inTransaction = status !== null && status !== IDLE;
    if (this.inTransaction) this.armIdle();
    else {
      this.gate.release(this);
      if (this.server.closing) void this.end();
    }
  }

  private armIdle(): void {
    this.idleTimer = setTimeout(() => void this.end(), this.idleMs);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

/**
 * Runs one protocol message and returns PGlite's reply bytes. Through `execProtocolRawStream`,
 * not `execProtocolRaw`: PGlite 0.5.17's `execProtocolRaw` also parses every reply into a results
 * list that only its own `query()` path ever clears, so an owner process kept every result it had
 * served — ~1 KB of JS heap per row read, for as long as it ran (found by the export's memory
 * test, issue 18). The stream form hands over the raw bytes unparsed; each chunk is a view on
 * PGlite's buffer and is copied before the next is written.
 */
async function execRaw(pg: PGlite, message: Uint8Array): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  await pg.execProtocolRawStream(message, { onRawData: (chunk) => void chunks.push(Buffer.from(chunk)) });
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** The transaction status of the last ReadyForQuery in a reply ('I', 'T' or 'E'), or null. */
function readyStatus(reply: Uint8Array): number | null {
  const n = reply.length;
  if (n < 6 || reply[n - 6] !== READY_FOR_QUERY) return null;
  return reply[n - 1] ?? null;
}
