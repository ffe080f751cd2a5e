import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FetchError } from '../app/errors.ts';

/**
 * Reads a response body into memory under a size cap and a deadline. Decompression happens
 * here, in streams, and the cap counts DECOMPRESSED bytes: a 50 KB gzip of 50 MB of zeros stops
 * after `maxBytes`, not after 50 MB (zlib streams honour backpressure, so little more than the
 * cap is ever inflated). On any failure the source stream is destroyed, which makes undici
 * drop the connection instead of draining a body we do not want.
 */
export interface ReadBodyOptions {
  url: string;
  /** The Content-Encoding header, e.g. "gzip" or "gzip, br"; null or "identity" for none. */
  contentEncoding: string | null;
  maxBytes: number;
  /** The whole body must arrive within this time. */
  timeoutMs: number;
}

export async function readBody(body: Readable, opts: ReadBodyOptions): Promise<Buffer> {
  const decoders = createDecoders(opts.url, opts.contentEncoding, body);
  if (decoders.length === 0) return readPlainBody(body, opts);
  let decodeError: unknown = null;
  for (const d of decoders) d.once('error', (err) => (decodeError ??= err));

  const chunks: Buffer[] = [];
  let total = 0;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), opts.timeoutMs);
  try {
    const sink = new Writable({
      write(chunk: Buffer, _enc, callback) {
        total += chunk.length;
        if (total > opts.maxBytes) {
          callback(new FetchError('too_large', opts.url, `body exceeds ${opts.maxBytes} bytes${decoders.length > 0 ? ' (decompressed)' : ''}`));
          return;
        }
        chunks.push(chunk);
        callback();
      },
    });
    await pipeline([body, ...decoders, sink], { signal: deadline.signal });
  } catch (err) {
    abandonBody(body);
    if (err instanceof FetchError) throw err;
    if (deadline.signal.aborted) {
      throw new FetchError('timeout', opts.url, `body not received within ${opts.timeoutMs} ms`, { retryable: true, cause: err });
    }
    if (decodeError !== null && err === decodeError) {
      throw new FetchError('bad_encoding', opts.url, `cannot decode Content-Encoding "${opts.contentEncoding}": ${(err as Error).message}`, { cause: err });
    }
    throw err; // socket errors and the like: the caller classifies them
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks, total);
}

/**
 * The same for a body without Content-Encoding, read by plain async iteration: a stream
 * pipeline with an abort signal costs more per page than the copying it manages, and an
 * unchanged check is little else than reading its body. Same limits, same errors.
 */
async function readPlainBody(body: Readable, opts: ReadBodyOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    body.destroy(new Error('body deadline'));
  }, opts.timeoutMs);
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > opts.maxBytes) throw new FetchError('too_large', opts.url, `body exceeds ${opts.maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (err) {
    abandonBody(body);
    if (err instanceof FetchError) throw err;
    if (timedOut) throw new FetchError('timeout', opts.url, `body not received within ${opts.timeoutMs} ms`, { retryable: true, cause: err });
    throw err; // socket errors and the like: the caller classifies them
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) throw new FetchError('timeout', opts.url, `body not received within ${opts.timeoutMs} ms`, { retryable: true });
  return Buffer.concat(chunks, total);
}

/**
 * Builds the decoder chain for a Content-Encoding list. Codings are listed in the order they
 * were applied, so they are undone in reverse.
 */
function createDecoders(url: string, header: string | null, body: Readable): Transform[] {
  if (!header) return [];
  const codings = header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
      case 'deflate':
        return new LenientInflate();
      case 'br':
        return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
      default:
        abandonBody(body);
        throw new FetchError('bad_encoding', url, `unsupported Content-Encoding "${coding}"`);
    }
  });
}

/**
 * "deflate" should mean zlib-wrapped deflate (RFC 9110), but some servers send raw deflate.
 * Choose by the first byte, as browsers do, while keeping backpressure intact (unlike a plain
 * `inner.on('data', push)` relay, which would let a bomb inflate without limit).
 */
class LenientInflate extends Transform {
  #inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    if (!this.#inner) {
      const opts = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
      const inner = (chunk[0]! & 0x0f) === 0x08 ? zlib.createInflate(opts) : zlib.createInflateRaw(opts);
      inner.on('data', (data: Buffer) => {
        if (!this.push(data)) inner.pause();
      });
      inner.on('error', (err) => this.destroy(err));
      this.#inner = inner;
    }
    this.#inner.write(chunk, (err) => callback(err ?? null));
  }

  override _read(size: number): void {
    this.#inner?.resume();
    super._read(size);
  }

  override _flush(callback: TransformCallback): void {
    const inner = this.#inner;
    if (!inner) return callback();
    inner.once('end', () => callback());
    inner.end();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.#inner?.destroy();
    callback(err);
  }
}

/**
 * Destroys a body we will not read, dropping its connection. undici's body emits an AbortError
 * when destroyed before its end; nobody is listening for it any more, so swallow it rather than
 * let it surface as an uncaught exception.
 */
export function abandonBody(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}
