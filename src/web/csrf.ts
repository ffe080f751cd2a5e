/**
 * CSRF protection for the review and login forms, two layers deep:
 * 1. hono's `csrf()` refuses a form POST whose Origin (or Sec-Fetch-Site) is another site;
 * 2. a double-submit token: a random value in an HttpOnly, SameSite=Strict cookie that every
 *    form repeats in a hidden field. Another site can neither read the cookie nor guess the
 *    value, so it cannot forge a matching field. Compared in constant time.
 */
import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { ApiError } from './api-error.ts';
import { secretsEqual } from './constant-time.ts';
import type { WebEnv } from './web-deps.ts';

export const CSRF_COOKIE = 'fw_csrf';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/u;

/** Gives every browser a CSRF token (cookie) and exposes it to views as `c.get('csrfToken')`. */
export function issueCsrfToken(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    let token = getCookie(c, CSRF_COOKIE);
    if (token === undefined || !TOKEN_SHAPE.test(token)) {
      token = randomBytes(32).toString('base64url');
      setCookie(c, CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
    }
    c.set('csrfToken', token);
    await next();
  };
}

/** Throws 403 unless the submitted field matches this browser's cookie. */
export function verifyCsrf(c: Context<WebEnv>, submitted: unknown): void {
  const cookie = getCookie(c, CSRF_COOKIE);
  if (cookie === undefined || typeof submitted !== 'string' || !secretsEqual(submitted, cookie)) {
    throw new ApiError(403, 'csrf', 'the form is stale or did not come from this site; reload the page and try again');
  }
}
