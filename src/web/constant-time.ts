import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets in time that does not depend on where they differ, nor on their
 * lengths: both are hashed first, so `timingSafeEqual` always sees 32 bytes.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * The session cookie value for a token: an HMAC of the token, so the cookie proves the holder
 * knew the token without being the token (a leaked cookie jar does not leak FACTWATCH_TOKEN),
 * and changing the token logs everyone out.
 */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('factwatch-session-v1').digest('base64url');
}
