/**
 * The bytes of a WARC file as warcio is given them: uncompressed, in small chunks, and metered.
 *
 * warcio trusts its input in three ways that a hostile file turns into memory: it inflates a
 * `.warc.gz` member a whole input chunk at a time, it reads a record's header block (and the
 * first line) until it finds the blank line, however far that is, and it decodes bodies
 * whole. So the file is gunzipped here instead, by a zlib stream that honours backpressure,
 * into chunks of `CHUNK_BYTES` (which also bounds what warcio's own body decoder inflates in
 * one step); and while the parser looks for a record's headers, every byte it pulls is counted
 * against `MAX_HEADER_BYTES`. A gigabyte of zeros where headers should be stops at a megabyte.
 * (Bodies are capped by their reader, warc-captures.ts.) Errors thrown into warcio carry no
 * path: whoever catches them knows which record they were reading.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { AsyncIterReader } from 'warcio';
import { ArchiveError } from './archive-error.ts';

/** WARC and HTTP headers of one record together: real ones are a few KB, cookie-laden ones tens. */
export const MAX_HEADER_BYTES = 1024 * 1024;
const CHUNK_BYTES = 16 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];
const WARC_MAGIC = Buffer.from('WARC/');

export interface WarcBytes {
  /** What `new WARCParser(reader)` reads: plain WARC bytes (warcio's own inflating turned off). */
  reader: AsyncIterReader;
  /** Counting starts: the parser is about to look for a record's headers. */
  beginHeaders(): void;
  endHeaders(): void;
  /** Whether the file has been read to its end (damage found then is truncation). */
  readonly ended: boolean;
  close(): void;
}

/** Opens `path` (`.warc` or `.warc.gz`, told apart by content, not by name). */
export async function openWarcBytes(path: string): Promise<WarcBytes> {
  const gzip = await startsWithGzip(path);
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const stream: Readable = gzip ? pipeline(file, zlib.createGunzip({ chunkSize: CHUNK_BYTES }), () => undefined) : file;
  let counting = false;
  let headerBytes = 0;
  let ended = false;

  async function* chunks(): AsyncGenerator<Uint8Array> {
    let head = Buffer.alloc(0);
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (counting) {
          headerBytes += chunk.length;
          if (headerBytes > MAX_HEADER_BYTES) {
            throw new ArchiveError('bad_warc', `a record's headers run past ${MAX_HEADER_BYTES} bytes without ending`);
          }
        }
        if (head.length < WARC_MAGIC.length) {
          head = Buffer.concat([head, chunk]);
          if (head.length < WARC_MAGIC.length) continue;
          requireWarcStart(head, gzip);
          yield head;
          continue;
        }
        yield chunk;
      }
    } catch (err) {
      throw describeStreamError(err);
    }
    ended = true;
    if (head.length < WARC_MAGIC.length) requireWarcStart(head, gzip);
  }

  return {
    reader: new AsyncIterReader(chunks(), null),
    beginHeaders: () => {
      counting = true;
      headerBytes = 0;
    },
    endHeaders: () => void (counting = false),
    get ended() {
      return ended;
    },
    close: () => {
      stream.destroy();
      file.destroy();
    },
  };
}

async function startsWithGzip(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } catch (err) {
    throw new ArchiveError('bad_warc', `${path}: cannot read: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    await handle?.close();
  }
}

/** Every WARC record begins `WARC/1.x`; a file whose first bytes are anything else is not WARC. */
function requireWarcStart(head: Buffer, gzip: boolean): void {
  if (head.length >= WARC_MAGIC.length && head.subarray(0, WARC_MAGIC.length).equals(WARC_MAGIC)) return;
  const what = head.length === 0 ? 'it is empty' : `it does not begin with "WARC/"${gzip ? ' once gunzipped' : ''}`;
  throw new ArchiveError('bad_warc', `not a WARC file (${what})`);
}

/** zlib's "unexpected end of file" is a file cut short; its other errors are corrupt data. */
function describeStreamError(err: unknown): ArchiveError {
  if (err instanceof ArchiveError) return err;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'Z_BUF_ERROR') return new ArchiveError('truncated_record', 'the file ends inside a gzip member (truncated)', { cause: err });
  if (typeof code === 'string' && code.startsWith('Z_')) return new ArchiveError('bad_warc', `corrupt gzip data (${message})`, { cause: err });
  return new ArchiveError('bad_warc', `cannot read: ${message}`, { cause: err });
}
