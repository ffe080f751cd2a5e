/**
 * A version's stored body read back as text, for the judge to read it again under a source's
 * content rules (`PreviousVersion.text`). The response's Content-Type is not stored, so the
 * charset comes from the bytes (a byte-order mark, `<meta charset>`, else UTF-8 with the
 * windows-1252 repair): what a page that declares its charset only in a header would lose is at
 * worst a re-read that differs, and the stored document is then compared as before.
 */
import { decodeBody } from '../fetch/decode-body.ts';

export function storedBodyText(body: Buffer | null): string | null {
  return body === null ? null : decodeBody(body, null).text;
}
