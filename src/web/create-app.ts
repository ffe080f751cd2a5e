/**
 * The review UI and JSON API as one hono app. Middleware order matters: security headers wrap
 * every response (errors included), then the Host allow-list (DNS rebinding), the CSRF cookie,
 * the cross-origin form check, the token check, a body size limit; then one route group per file.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import { ApiError, errorBody, type ApiErrorCode } from './api-error.ts';
import { loginRoutes, requireToken } from './auth.ts';
import { issueCsrfToken } from './csrf.ts';
import { buildHostPolicy, isOwnOrigin, requireKnownHost } from './host-allow-list.ts';
import { apiChangeRoutes } from './routes/api-changes.ts';
import { apiDocRoutes } from './routes/api-docs.ts';
import { apiFactRoutes } from './routes/api-facts.ts';
import { apiSourceRoutes } from './routes/api-sources.ts';
import { assetRoutes } from './routes/assets.ts';
import { changePageRoutes } from './routes/change-pages.ts';
import { factPageRoutes } from './routes/fact-pages.ts';
import { feedRoutes } from './routes/feed.ts';
import { figurePageRoutes } from './routes/figure-pages.ts';
import { opsRoutes } from './routes/ops.ts';
import { sourcePageRoutes } from './routes/source-pages.ts';
import { versionPageRoutes } from './routes/version-pages.ts';
import { securityHeaders } from './security-headers.ts';
import { renderPage } from './views/layout.ts';
import type { WebDeps, WebEnv } from './web-deps.ts';

export function createWebApp(webDeps: WebDeps): Hono<WebEnv> {
  const deps = { ...webDeps, hostPolicy: webDeps.hostPolicy ?? buildHostPolicy({}) };
  const app = new Hono<WebEnv>();
  app.use(securityHeaders());
  app.use(requireKnownHost(deps.hostPolicy));
  app.use(issueCsrfToken());
  app.use(csrf({ origin: (origin, c) => isOwnOrigin(deps.hostPolicy, origin, c.req.url) }));
  app.use(requireToken(deps.token));
  app.use(bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json(errorBody('too_large', 'request body over 64 KiB'), 413) }));

  for (const routes of [
    assetRoutes(),
    loginRoutes(deps),
    opsRoutes(deps),
    sourcePageRoutes(deps),
    changePageRoutes(deps),
    versionPageRoutes(deps),
    figurePageRoutes(deps),
    factPageRoutes(deps),
    feedRoutes(deps),
    apiSourceRoutes(deps),
    apiChangeRoutes(deps),
    apiFactRoutes(deps),
    apiDocRoutes(),
  ]) {
    app.route('/', routes);
  }

  app.notFound((c) => respondError(c, 404, 'not_found', `nothing at ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof ApiError) return respondError(c, error.status, error.code, error.message);
    if (error instanceof HTTPException) {
      const code = error.status === 403 ? 'forbidden' : 'http_error';
      return respondError(c, error.status, code, error.status === 403 ? 'cross-site request refused' : error.message);
    }
    deps.log.error({ err: error, path: c.req.path }, 'web request failed');
    return respondError(c, 500, 'internal', 'internal error; see the server log');
  });
  return app;
}

/** JSON for the API and for clients that do not ask for HTML; a small page for browsers. */
function respondError(c: Context<WebEnv>, status: number, code: ApiErrorCode, message: string) {
  const s = status as 400;
  const browser = !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
  if (!browser) return c.json(errorBody(code, message), s);
  const body = html`<h1>${status === 404 ? 'Not found' : status === 400 ? 'Bad request' : 'Something went wrong'}</h1>
    <p class="flash error" role="alert">${message}</p><p><a href="/">Back to the sources</a></p>`;
  return c.html(renderPage({ title: `Error ${status}`, nav: 'sources', body }), s);
}
