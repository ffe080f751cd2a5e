import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `sha256=<hex>`: HMAC-SHA256 of the exact body bytes with the channel's secret, the same form
 * GitHub uses, so receivers can verify with stock code. Sign the bytes you send, not a re-encoding.
 */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Constant-time check of a signature header against a body (for receivers, and our tests). */
export function verifySignature(secret: string, body: string | Buffer, header: string | undefined | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
