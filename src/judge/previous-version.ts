/**
 * A version's stored body read back as text, for the judge to read it again under a source's
 * content rules (`PreviousVersion.text`). The response's Content-Type is not stored, so the
 * charset comes from the bytes (a byte-order mark, `<meta charset>`, else UTF-8 with the
 * windows-1252 repair): what a page that declares its charset only in a header would lose is at
 * worst a re-read that differs, and the stored document is then compared as before.
 */
import { decodeBody } from '../fetch/decode-body.ts';
import type { PageDocument } from '../model/index.ts';
import { needsPreviousEnding, rawEnding } from './assess-page.ts';
import type { PreviousVersion } from './judge-input.ts';

export function storedBodyText(body: Buffer | null): string | null {
  return body === null ? null : decodeBody(body, null).text;
}

/** A stored version as the check and the import know it, before its body is read. */
interface StoredVersion {
  id: number;
  url: string;
  rawHash: string;
  contentHash: string;
  document: PageDocument;
}

/**
 * A stored version as the judge needs it, for the live check and the import alike: its raw body
 * is read (through `loadBody`, so this stays free of the store) only when the judge uses it — its
 * end when the truncation rule could fire (`needsPreviousEnding`: rare), its text when the source
 * has content rules — because reading means inflating the stored body. An unreadable body is an
 * unknown ending and no text.
 */
export async function previousVersionOf(
  v: StoredVersion,
  captureText: string,
  withRules: boolean,
  loadBody: (versionId: number) => Promise<Buffer | null>,
): Promise<PreviousVersion> {
  const ending = needsPreviousEnding(captureText);
  const body = withRules || ending ? await loadBody(v.id).catch(() => null) : null;
  return {
    versionId: v.id,
    url: v.url,
    rawHash: v.rawHash,
    contentHash: v.contentHash,
    document: v.document,
    rawEnding: body && ending ? rawEnding(body) : null,
    ...(withRules ? { text: storedBodyText(body) } : {}),
  };
}
