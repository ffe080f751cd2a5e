/** `/api/openapi.json`: the API description (src/web/openapi.json), for clients and humans. */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { packagePath } from '../../app/package-path.ts';
import type { WebEnv } from '../web-deps.ts';

const OPENAPI = readFileSync(packagePath('src', 'web', 'openapi.json'), 'utf8');

export function apiDocRoutes(): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/api/openapi.json', (c) => c.body(OPENAPI, 200, { 'Content-Type': 'application/json; charset=utf-8' }));
  return app;
}
