/** `/assets/app.css`: the stylesheet, cacheable for an hour (it only changes with a release). */
import { Hono } from 'hono';
import { STYLESHEET } from '../views/stylesheet.ts';
import type { WebEnv } from '../web-deps.ts';

export function assetRoutes(): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/assets/app.css', (c) => c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  // Browsers ask for it on every site; "no content" keeps logs and consoles free of 404s.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  return app;
}
