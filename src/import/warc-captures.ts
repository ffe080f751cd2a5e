/**
 * Captures from a WARC file (`.warc` or `.warc.gz`), read with warcio as a stream: only
 * `response` and `revisit` records of HTTP(S) URLs are captures; `warcinfo`, `request`,
 * `metadata` records are passed over. A body is read only when the caller asks for it
 * (`readBody`), so a large crawl of other sites costs little more than reading it.
 *
 * The file is untrusted input. Its bytes come through warc-bytes.ts (gunzipped with
 * backpressure, headers metered); a body is decoded as a stream and given up past `maxBytes`
 * (a failed capture, not an exhausted heap); a record the file ends inside is a failed capture
 * when it is one of ours and the end of the file otherwise; a file that is not WARC, or whose
 * framing breaks so that the next record cannot be found, is `bad_warc`. Dates are read
 * exactly (parse-archive-date.ts); whether to believe them is the caller's decision.
 */
import { LimitReader, WARCParser, type WARCRecord } from 'warcio';
import { ArchiveError } from './archive-error.ts';
import { stripDigestPrefix } from './classify-capture.ts';
import { parseWarcDate } from './parse-archive-date.ts';
import { openWarcBytes, type WarcBytes } from './warc-bytes.ts';

export interface WarcCapture {
  recordId: string | null;
  type: 'response' | 'revisit';
  /** WARC-Target-URI. */
  uri: string;
  /** WARC-Date, read exactly; null when it is not a WARC date (`warcDate` has the text). */
  capturedAt: Date | null;
  warcDate: string | null;
  /** WARC-Payload-Digest without its `sha1:` prefix. */
  digest: string | null;
  /** HTTP status of the captured response (null when the record carries none). */
  status: number | null;
  contentType: string | null;
  /**
   * The payload with transfer and content encodings undone, at most `maxBytes` of it decoded;
   * null for revisits. Throws `ArchiveError` (`too_large`, `truncated_record`, `bad_warc`). Only
   * valid until the next record is asked for; a second call returns the first call's result.
   */
  readBody(maxBytes: number): Promise<Buffer | null>;
}

export async function* readWarcCaptures(path: string, wants: (uri: string) => boolean): AsyncGenerator<WarcCapture> {
  const bytes = await openWarcBytes(path);
  const records = new WARCParser(bytes.reader)[Symbol.asyncIterator]();
  let index = 0;
  try {
    for (;;) {
      const record = await nextRecord(path, bytes, records, index);
      if (record === null) break;
      index += 1;
      const where = `${path}: record ${index}`;
      checkFraming(where, record, bytes);
      const type = record.warcType;
      const uri = record.warcTargetURI;
      const body = new RecordBody(record, `${where} (${uri ?? type})`);
      if ((type === 'response' || type === 'revisit') && uri && /^https?:/i.test(uri) && wants(uri)) {
        const http = record.httpHeaders;
        const warcDate = record.warcDate ?? null;
        yield {
          recordId: record.warcHeader('WARC-Record-ID') ?? null,
          type,
          uri,
          capturedAt: parseWarcDate(warcDate),
          warcDate,
          digest: stripDigestPrefix(record.warcHeader('WARC-Payload-Digest') ?? null),
          status: http && Number.isFinite(Number(http.statusCode)) ? Number(http.statusCode) : null,
          contentType: http?.headers.get('content-type') ?? null,
          readBody: (maxBytes) => (type === 'response' ? body.read(maxBytes) : Promise.resolve(null)),
        };
      }
      // The file broke inside this record and the caller has been told (its capture failed):
      // nothing after it can be framed.
      if (body.damaged) return;
      await body.skipRest();
    }
    if (index === 0) throw new ArchiveError('bad_warc', `${path}: not a WARC file (no records)`);
  } finally {
    bytes.close();
  }
}

/** The next record, with its headers read under the header budget; null at the end of the file. */
async function nextRecord(path: string, bytes: WarcBytes, records: AsyncIterator<WARCRecord>, read: number): Promise<WARCRecord | null> {
  bytes.beginHeaders();
  try {
    const next = await records.next();
    return next.done ? null : next.value;
  } catch (err) {
    const at = read === 0 ? '' : ` (after ${read} records)`;
    if (err instanceof ArchiveError) throw new ArchiveError('bad_warc', `${path}: ${err.message}${at}`, { cause: err });
    throw new ArchiveError('bad_warc', `${path}: unreadable WARC${at}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    bytes.endHeaders();
  }
}

/**
 * A record is framed by its version line and its Content-Length: without either, the start of
 * the next record cannot be found, and guessing would read a body as headers.
 */
function checkFraming(where: string, record: WARCRecord, bytes: WarcBytes): void {
  const cut = bytes.ended ? ' (the file ends inside its headers: truncated)' : '';
  if (!/^WARC\/\d+\.\d+$/.test(record.warcHeaders.protocol ?? '')) {
    throw new ArchiveError('bad_warc', `${where} does not begin with a WARC/1.x line${cut}`);
  }
  if (!/^\d+$/.test(record.warcHeader('Content-Length') ?? '')) {
    throw new ArchiveError('bad_warc', `${where} has no valid Content-Length${cut}`);
  }
}

/** A record's block: read once under a cap, or skipped; knows whether the file ended inside it. */
class RecordBody {
  #record: WARCRecord;
  #where: string;
  #result: Promise<Buffer> | null = null;
  /** The file ends (or breaks) inside this record. */
  damaged = false;

  constructor(record: WARCRecord, where: string) {
    this.#record = record;
    this.#where = where;
  }

  read(maxBytes: number): Promise<Buffer> {
    return (this.#result ??= this.#read(maxBytes));
  }

  async #read(maxBytes: number): Promise<Buffer> {
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for await (const chunk of this.#record.contentReader as AsyncIterable<Uint8Array>) {
        total += chunk.length;
        if (total > maxBytes) throw new ArchiveError('too_large', `${this.#where}: body exceeds ${maxBytes} bytes (decoded)`);
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof ArchiveError && err.code === 'too_large') throw err;
      this.damaged = true;
      const code = err instanceof ArchiveError ? err.code : 'bad_warc';
      throw new ArchiveError(code, `${this.#where}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const missing = this.#limit().limit;
    if (missing > 0) {
      this.damaged = true;
      throw new ArchiveError('truncated_record', `${this.#where}: the file ends ${missing} bytes before the end of this record (truncated)`);
    }
    return Buffer.concat(chunks, total);
  }

  /**
   * Reads past what is left of the block. warcio's own skip loops forever when the file ends
   * inside the block (it waits for bytes that never come), so the rest is drained here and the
   * shortfall checked: a record cut short that the caller did not read is the file's end.
   */
  async skipRest(): Promise<void> {
    const limit = this.#limit();
    try {
      for await (const chunk of limit) void chunk;
    } catch (err) {
      throw new ArchiveError('bad_warc', `${this.#where}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (limit.limit > 0) {
      throw new ArchiveError('bad_warc', `${this.#where}: the file ends ${limit.limit} bytes before the end of this record (truncated)`);
    }
  }

  #limit(): LimitReader {
    const reader = this.#record._reader;
    if (!(reader instanceof LimitReader)) throw new TypeError('warcio record without a LimitReader');
    return reader;
  }
}
