/** Writes WARC files with warcio, as a crawler would: warcinfo, then response/revisit records. */
import { writeFile } from 'node:fs/promises';
import { WARCRecord, WARCSerializer } from 'warcio';

export interface WarcEntry {
  url: string;
  /** ISO date, `WARC-Date`. */
  date: string;
  status?: number;
  contentType?: string;
  /** Omitted: a revisit record (identical payload digest) with no body. */
  body?: string;
  /** For revisits: the payload digest of the record they repeat (`sha1:…`). */
  refersToDigest?: string;
}

export async function writeWarc(path: string, entries: WarcEntry[], opts: { gzip: boolean }): Promise<void> {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const info = await WARCRecord.createWARCInfo({ filename: path, warcVersion: 'WARC/1.1' }, { software: 'factwatch tests' });
  parts.push(await WARCSerializer.serialize(info, { gzip: opts.gzip }));
  for (const e of entries) {
    const revisit = e.body === undefined;
    const record = await WARCRecord.create(
      {
        url: e.url,
        date: e.date,
        type: revisit ? 'revisit' : 'response',
        warcVersion: 'WARC/1.1',
        statusline: `HTTP/1.1 ${e.status ?? 200} ${e.status === 301 ? 'Moved Permanently' : 'OK'}`,
        httpHeaders: { 'Content-Type': e.contentType ?? 'text/html; charset=utf-8' },
        warcHeaders: revisit && e.refersToDigest ? { 'WARC-Payload-Digest': e.refersToDigest } : {},
      },
      (async function* () {
        if (e.body !== undefined) yield enc.encode(e.body);
      })(),
    );
    parts.push(await WARCSerializer.serialize(record, { gzip: opts.gzip }));
  }
  await writeFile(path, Buffer.concat(parts));
}
