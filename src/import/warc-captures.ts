/**
 * Captures from a WARC file (`.warc` or `.warc.gz`), read with warcio as a stream: only
 * `response` and `revisit` records of HTTP(S) URLs are captures; `warcinfo`, `request`,
 * `metadata` records are passed over. Bodies are read only for records `wants` accepts, so a
 * large crawl of other sites costs little more than reading it.
 */
import { createReadStream } from 'node:fs';
import { WARCParser } from 'warcio';
import { FactwatchError } from '../app/errors.ts';
import { stripDigestPrefix } from './classify-capture.ts';

export interface WarcCapture {
  recordId: string | null;
  type: 'response' | 'revisit';
  /** WARC-Target-URI. */
  uri: string;
  /** WARC-Date. */
  capturedAt: Date;
  /** WARC-Payload-Digest without its `sha1:` prefix. */
  digest: string | null;
  /** HTTP status of the captured response (null when the record carries none). */
  status: number | null;
  contentType: string | null;
  /** The payload with transfer and content encodings undone; null for revisits. */
  body: Buffer | null;
}

export async function* readWarcCaptures(path: string, wants: (uri: string) => boolean): AsyncGenerator<WarcCapture> {
  let parser: WARCParser;
  try {
    parser = new WARCParser(createReadStream(path));
  } catch (err) {
    throw new FactwatchError('bad_warc', `${path}: cannot read as WARC`, { cause: err });
  }
  try {
    for await (const record of parser) {
      const type = record.warcType;
      const uri = record.warcTargetURI;
      if ((type !== 'response' && type !== 'revisit') || !uri || !/^https?:/i.test(uri) || !wants(uri)) continue;
      const date = new Date(record.warcDate ?? '');
      if (Number.isNaN(date.getTime())) continue;
      const http = record.httpHeaders;
      const body = type === 'response' ? Buffer.from(await record.readFully(true)) : null;
      yield {
        recordId: record.warcHeader('WARC-Record-ID') ?? null,
        type,
        uri,
        capturedAt: date,
        digest: stripDigestPrefix(record.warcHeader('WARC-Payload-Digest') ?? null),
        status: http && Number.isFinite(Number(http.statusCode)) ? Number(http.statusCode) : null,
        contentType: http?.headers.get('content-type') ?? null,
        body,
      };
    }
  } catch (err) {
    if (err instanceof FactwatchError) throw err;
    throw new FactwatchError('bad_warc', `${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
