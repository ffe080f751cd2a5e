/**
 * Which archived captures are worth fetching. The archive lists many rows that are not pages:
 * redirects (the CDX `statuscode` is the ORIGIN's), revisit records, empty bodies whose digest
 * is shared by every empty response. Deciding from the row alone saves a request each.
 */
import type { CdxRow } from './cdx.ts';
import { parseCdxTimestamp } from './cdx.ts';

/** Base32 SHA-1 of an empty payload: equal digests do not mean equal pages when it is this one. */
export const EMPTY_PAYLOAD_DIGEST = '3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ';

export type RowDecision =
  | { kind: 'fetch'; capturedAt: Date }
  /** Same payload as an earlier capture: place it with that capture's bytes if we have them. */
  | { kind: 'revisit'; capturedAt: Date }
  | { kind: 'skip'; reason: string; capturedAt: Date | null };

export function classifyCdxRow(row: CdxRow): RowDecision {
  const capturedAt = parseCdxTimestamp(row.timestamp);
  if (capturedAt === null) return { kind: 'skip', reason: `bad timestamp "${row.timestamp}"`, capturedAt };
  if (row.mimetype === 'warc/revisit') return { kind: 'revisit', capturedAt };
  if (row.statuscode !== '200') return { kind: 'skip', reason: `origin status ${row.statuscode}`, capturedAt };
  if (stripDigestPrefix(row.digest) === EMPTY_PAYLOAD_DIGEST) return { kind: 'skip', reason: 'empty body', capturedAt };
  return { kind: 'fetch', capturedAt };
}

/** WARC writes `sha1:XXXX`, CDX writes `XXXX`: one spelling for comparisons. */
export function stripDigestPrefix(digest: string | null): string | null {
  if (digest === null || digest === '' || digest === '-') return null;
  return digest.replace(/^sha1:/i, '').toUpperCase();
}
