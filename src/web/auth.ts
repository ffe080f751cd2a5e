/**
 * Access control for a server reachable beyond loopback. With FACTWATCH_TOKEN set, every request
 * except `/healthz` must prove it knows the token: scripts and Prometheus send
 * `Authorization: Bearer <token>`, people type it once into the login form, which sets an
 * HttpOnly, SameSite=Strict session cookie. Without a token (loopback only, enforced by
 * `serve`) everything is open, as for any local developer tool.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { Hono } from 'hono';
import { errorBody } from './api-error.ts';
import { secretsEqual, sessionValue } from './constant-time.ts';
import { verifyCsrf } from './csrf.ts';
import { renderPage } from './views/layout.ts';
import { html } from 'hono/html';
import type { WebDeps, WebEnv } from './web-deps.ts';

export const SESSION_COOKIE = 'fw_session';

/** Paths open to anyone: the health probe, the login form and the stylesheet it needs. */
const PUBLIC = new Set(['/healthz', '/login', '/assets/app.css', '/favicon.ico']);

export function requireToken(token: string | null): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (token === null || PUBLIC.has(c.req.path) || isAuthorized(c, token)) return next();
    if (wantsHtml(c)) return c.redirect(`/login?next=${encodeURIComponent(localPath(c.req.url))}`, 303);
    c.header('WWW-Authenticate', 'Bearer realm="factwatch"');
    return c.json(errorBody('unauthorized', 'this server needs FACTWATCH_TOKEN: send Authorization: Bearer <token>'), 401);
  };
}

function isAuthorized(c: Context, token: string): boolean {
  const header = c.req.header('authorization');
  const bearer = header?.match(/^Bearer\s+(.+)$/iu)?.[1]?.trim();
  if (bearer !== undefined) return secretsEqual(bearer, token);
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie !== undefined && secretsEqual(cookie, sessionValue(token));
}

/** A browser navigating (not a script, a feed reader or Prometheus). */
function wantsHtml(c: Context): boolean {
  return !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
}

function localPath(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/**
 * `next=` only ever leads to a path on this server ("/changes"), never "//evil.example". No
 * control character either: browsers drop tab and newline from URLs, so "/\t/evil.example/"
 * arrives as "//evil.example/", another site. Bounded, as any value echoed into a form.
 */
export function safeNext(next: string | undefined): string {
  return next !== undefined && next.length <= 2048 && /^\/(?![/\\])[^\u0000-\u001f\u007f-\u009f]*$/u.test(next) ? next : '/';
}

/** GET/POST /login. */
export function loginRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/login', (c) => c.html(loginPage(c.get('csrfToken'), safeNext(c.req.query('next')), false)));
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    verifyCsrf(c, form._csrf);
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    if (deps.token === null) return c.redirect(next, 303);
    const given = typeof form.token === 'string' ? form.token : '';
    if (!secretsEqual(given, deps.token)) {
      return c.html(loginPage(c.get('csrfToken'), next, true), 401);
    }
    setCookie(c, SESSION_COOKIE, sessionValue(deps.token), { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.redirect(next, 303);
  });
  return app;
}

function loginPage(csrf: string, next: string, failed: boolean) {
  return renderPage({
    title: 'Sign in',
    nav: null,
    body: html`<h1>Sign in</h1>
      ${failed ? html`<p class="flash error" role="alert">That token is not the one this server was started with.</p>` : null}
      <form method="post" action="/login" class="login">
        <input type="hidden" name="_csrf" value="${csrf}">
        <input type="hidden" name="next" value="${next}">
        <label>Access token (FACTWATCH_TOKEN) <input type="password" name="token" autocomplete="current-password" required></label>
        <button type="submit">Sign in</button>
      </form>`,
  });
}

