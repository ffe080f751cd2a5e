import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FetchError } from '../../src/app/errors.ts';
import { readBody } from '../../src/fetch/read-body.ts';

/** A source that hands out `data` in small chunks and counts how many were pulled. */
function chunkedSource(data: Buffer, chunkSize = 1024) {
  const stats = { pulled: 0, total: Math.ceil(data.length / chunkSize), destroyed: false };
  let offset = 0;
  const stream = new Readable({
    highWaterMark: 1, // no read-ahead of its own, so `pulled` reflects what the consumer asked for
    read() {
      if (offset >= data.length) return void this.push(null);
      stats.pulled += 1;
      this.push(data.subarray(offset, offset + chunkSize));
      offset += chunkSize;
    },
    destroy(err, cb) {
      stats.destroyed = true;
      cb(err);
    },
  });
  return { stream, stats };
}

const opts = { url: 'http://example.test/page', maxBytes: 1024 * 1024, timeoutMs: 10_000 };

describe('readBody', () => {
  it('stops pulling a gzip bomb soon after the decompressed cap', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024));
    const { stream, stats } = chunkedSource(bomb, 256);
    const err = await readBody(stream, { ...opts, contentEncoding: 'gzip' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).code).toBe('too_large');
    expect(stats.destroyed).toBe(true);
    // 1 MiB of zeros is ~1 KB of gzip. Of the ~200 chunks, the cap needs ~4 and zlib's 16 KB
    // write buffer holds ~64 more; reading most of the bomb would mean the cap came too late.
    expect(stats.pulled).toBeLessThan(stats.total / 2);
  });

  it('stops a brotli bomb the same way', async () => {
    const bomb = zlib.brotliCompressSync(Buffer.alloc(20 * 1024 * 1024));
    const { stream } = chunkedSource(bomb, 16);
    const err = await readBody(stream, { ...opts, contentEncoding: 'br' }).catch((e: unknown) => e);
    expect((err as FetchError).code).toBe('too_large');
  });

  it('undoes stacked encodings in reverse order', async () => {
    const page = Buffer.from('<p>Corée</p>');
    const twice = zlib.brotliCompressSync(zlib.gzipSync(page)); // gzip applied first, then br
    const body = await readBody(Readable.from([twice]), { ...opts, contentEncoding: 'gzip, br' });
    expect(body.equals(page)).toBe(true);
  });

  it('accepts a body exactly at the cap and refuses one byte more', async () => {
    const exact = await readBody(Readable.from([Buffer.alloc(1000)]), { ...opts, maxBytes: 1000, contentEncoding: null });
    expect(exact.length).toBe(1000);
    const over = await readBody(Readable.from([Buffer.alloc(1001)]), { ...opts, maxBytes: 1000, contentEncoding: null }).catch((e: unknown) => e);
    expect((over as FetchError).code).toBe('too_large');
  });

  it('times out a body that stops arriving', async () => {
    const stalled = new Readable({ read() {} });
    stalled.push(Buffer.from('<p>start'));
    const err = await readBody(stalled, { ...opts, timeoutMs: 50, contentEncoding: 'identity' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
    expect(stalled.destroyed).toBe(true);
  });
});
