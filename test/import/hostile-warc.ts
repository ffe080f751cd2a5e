/**
 * WARC bytes written by hand, for the inputs no well-behaved writer (write-warc.ts) produces:
 * a Content-Length that lies, a date in the year 1, a body that is a gzip bomb, a file cut
 * short. Each record is exactly what the WARC 1.1 framing says: a version line, headers, a
 * blank line, `Content-Length` bytes of block, then CRLF CRLF.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { gzipSync, createGzip } from 'node:zlib';

export interface RawRecord {
  uri: string;
  /** WARC-Date, written as given. */
  date: string;
  /** The HTTP response body (the block is status line + headers + this). */
  body: Buffer | string;
  /** Extra HTTP headers, e.g. `{ 'Content-Encoding': 'gzip' }`. */
  httpHeaders?: Record<string, string>;
  status?: number;
  /** Declared Content-Length; default the block's true length. */
  contentLength?: number;
}

export function rawRecord(r: RawRecord): Buffer {
  const headers = { 'Content-Type': 'text/html; charset=utf-8', ...r.httpHeaders };
  const head = [`HTTP/1.1 ${r.status ?? 200} OK`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  const block = Buffer.concat([Buffer.from(head, 'latin1'), Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body, 'utf8')]);
  const warc = [
    'WARC/1.1',
    'WARC-Type: response',
    `WARC-Target-URI: ${r.uri}`,
    `WARC-Date: ${r.date}`,
    `WARC-Record-ID: <urn:uuid:${randomUUID()}>`,
    'Content-Type: application/http; msgtype=response',
    `Content-Length: ${r.contentLength ?? block.length}`,
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(warc, 'latin1'), block, Buffer.from('\r\n\r\n')]);
}

export function warcinfoRecord(): Buffer {
  const block = Buffer.from('software: factwatch hostile tests\r\n');
  const warc = ['WARC/1.1', 'WARC-Type: warcinfo', `WARC-Record-ID: <urn:uuid:${randomUUID()}>`, 'Content-Type: application/warc-fields', `Content-Length: ${block.length}`, '', ''].join('\r\n');
  return Buffer.concat([Buffer.from(warc, 'latin1'), block, Buffer.from('\r\n\r\n')]);
}

/** A `.warc.gz`: one gzip member per record, as crawlers write them. */
export function gzipMembers(records: Buffer[]): Buffer {
  return Buffer.concat(records.map((r) => gzipSync(r)));
}

/**
 * Gzip of `bytes` zero bytes, built a megabyte at a time so the test never holds the
 * inflated size itself (256 MB of zeros gzip to about 250 KB).
 */
export async function gzipZeros(bytes: number): Promise<Buffer> {
  const gz = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gz.on('data', (c: Buffer) => out.push(c));
  const mb = Buffer.alloc(1024 * 1024);
  for (let left = bytes; left > 0; left -= mb.length) {
    if (!gz.write(left >= mb.length ? mb : mb.subarray(0, left))) await once(gz, 'drain');
  }
  gz.end();
  await once(gz, 'end');
  return Buffer.concat(out);
}
